import { ApiResponseError } from 'twitter-api-v2';
import { XClientProvider } from './x-client.provider';
import { snowflakeTime, XSender } from './x-sender';

/** X's error as twitter-api-v2 raises it (the fake's bodies: shared/reference/x-api-v2.md §9). */
function xError(code: number, data: Record<string, unknown>, reset?: number): ApiResponseError {
  return new ApiResponseError(`Request failed with code ${code}`, {
    code,
    data: data as never,
    headers: {},
    request: {} as never,
    response: {} as never,
    rateLimit: reset ? { limit: 100, remaining: 0, reset } : undefined,
  });
}

describe('XSender.classify', () => {
  const sender = new XSender(new XClientProvider());

  it('retries a rate limit at the reset, knowing nothing was posted', () => {
    expect(sender.classify(xError(429, { title: 'Too Many Requests' }, 1_900_000_000))).toEqual({
      kind: 'retryable',
      failure: { kind: 'rate_limited', resetAt: new Date(1_900_000_000_000) },
      isOutcomeUnknown: false,
      reason: 'X answered 429 Too Many Requests',
    });
  });

  it.each([
    ['a 503', xError(503, { title: 'Service Unavailable' })],
    ['a network error', new Error('socket hang up')],
  ])('retries %s, not knowing whether X posted it', (_label, error) => {
    expect(sender.classify(error)).toMatchObject({ kind: 'retryable', isOutcomeUnknown: true });
  });

  it('gives up on the reply restriction with X’s reason', () => {
    const detail =
      'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.';
    expect(sender.classify(xError(403, { title: 'Forbidden', detail }))).toEqual({
      kind: 'final',
      reason: `X answered 403 Forbidden: ${detail}`,
    });
  });

  it('recognises the duplicate-content refusal', () => {
    expect(
      sender.classify(
        xError(403, {
          title: 'Forbidden',
          detail: 'You are not allowed to create a Tweet with duplicate content.',
        }),
      ),
    ).toMatchObject({ kind: 'duplicate' });
  });
});

describe('snowflakeTime', () => {
  it('reads the creation time out of an X id (the reference example)', () => {
    expect(snowflakeTime('1346889436626259968').toISOString()).toBe('2021-01-06T18:40:40.344Z');
  });
});
