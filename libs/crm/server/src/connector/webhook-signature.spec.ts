import {
  computeSignature,
  retryDelaySeconds,
  signatureHeaderValue,
  verifySignature,
} from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"contacts":[{"externalId":"C-1"}]}';
  const at = new Date('2026-11-23T10:00:00Z');

  it('signs "<t>.<body>" with HMAC-SHA256 (the documented example)', () => {
    expect(signatureHeaderValue({ secret, at, body })).toBe(
      `t=1795428000,v1=${computeSignature({ secret, timestampSeconds: 1795428000, body })}`,
    );
    expect(computeSignature({ secret: 'secret', timestampSeconds: 1, body: 'x' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts its own signature within five minutes either way', () => {
    const header = signatureHeaderValue({ secret, at, body });
    expect(verifySignature({ header, secret, body, now: new Date(at.getTime() + 299_000) })).toEqual({
      isValid: true,
    });
    expect(verifySignature({ header, secret, body, now: new Date(at.getTime() - 299_000) }).isValid).toBe(
      true,
    );
  });

  it.each([
    ['a missing header', undefined, body, at, 'malformed'],
    ['garbage', 'v1=zz', body, at, 'malformed'],
    ['a stale timestamp (replay)', 'stale', body, new Date(at.getTime() + 301_000), 'stale'],
    ['a changed body', 'valid', `${body} `, at, 'mismatch'],
    ['another secret', 'forged', body, at, 'mismatch'],
  ])('refuses %s', (_label, kind, checkedBody, now, reason) => {
    const header =
      kind === 'valid' || kind === 'stale'
        ? signatureHeaderValue({ secret, at, body })
        : kind === 'forged'
          ? signatureHeaderValue({ secret: 'not-the-secret', at, body })
          : kind;
    expect(verifySignature({ header, secret, body: checkedBody, now })).toEqual({ isValid: false, reason });
  });

  it.each([
    [1, 30],
    [2, 60],
    [5, 480],
    [8, 3600],
    [20, 3600],
  ])('waits %i → %i seconds before retrying', (attempt, seconds) => {
    expect(retryDelaySeconds(attempt)).toBe(seconds);
  });
});
