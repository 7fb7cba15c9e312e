import {
  signatureHeaderValue,
  verifySignature,
  webhookAttemptOutcome,
  webhookRetryDelaySeconds,
} from './signed-webhook';

describe('signed webhooks', () => {
  const at = new Date('2026-11-23T10:00:00Z');
  const policy = {
    maxAttempts: 3,
    delaySeconds: (attempt: number) =>
      webhookRetryDelaySeconds({ attempt, baseSeconds: 30, maxSeconds: 3600 }),
  };

  it('verifies its own signature and refuses another secret', () => {
    const body = '{"type":"incident.opened"}';
    const header = signatureHeaderValue({ secret: 'whsec_a', at, body });
    expect(verifySignature({ header, secret: 'whsec_a', body, now: at })).toEqual({ isValid: true });
    expect(verifySignature({ header, secret: 'whsec_b', body, now: at })).toEqual({
      isValid: false,
      reason: 'mismatch',
    });
  });

  it.each([
    [1, 30],
    [2, 60],
    [4, 240],
    [9, 3600],
  ])('waits %i → %i seconds before retrying', (attempt, seconds) => {
    expect(webhookRetryDelaySeconds({ attempt, baseSeconds: 30, maxSeconds: 3600 })).toBe(seconds);
  });

  it('marks a 2xx delivered now', () => {
    expect(
      webhookAttemptOutcome({
        delivery: { id: 'd', attempts: 1 },
        statusCode: 204,
        error: null,
        at,
        policy,
      }),
    ).toEqual({
      id: 'd',
      status: 'delivered',
      statusCode: 204,
      error: null,
      nextAttemptAt: at,
      deliveredAt: at,
    });
  });

  it('retries a failure later with the policy’s backoff', () => {
    const outcome = webhookAttemptOutcome({
      delivery: { id: 'd', attempts: 2 },
      statusCode: 500,
      error: 'HTTP 500',
      at,
      policy,
    });
    expect(outcome).toMatchObject({
      status: 'pending',
      statusCode: 500,
      error: 'HTTP 500',
      deliveredAt: null,
    });
    expect(outcome.nextAttemptAt.getTime() - at.getTime()).toBe(60_000);
  });

  it('gives up after the last attempt', () => {
    expect(
      webhookAttemptOutcome({
        delivery: { id: 'd', attempts: 3 },
        statusCode: null,
        error: 'connect ECONNREFUSED',
        at,
        policy,
      }),
    ).toMatchObject({ status: 'given_up', nextAttemptAt: at, deliveredAt: null });
  });
});
