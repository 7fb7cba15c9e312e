import { assertNever } from '@vigie/kernel';

/** How a call to a channel failed, as far as retrying is concerned. */
export type ChannelFailure =
  | { kind: 'rate_limited'; resetAt: Date | null }
  | { kind: 'server' }
  | { kind: 'network' }
  | { kind: 'unauthorized' }
  | { kind: 'rejected'; status: number };

export type RetryTiming = { baseDelayMs: number; maxDelayMs: number };

/**
 * How long to wait before the next attempt. Never zero, so no failure can make a hot loop:
 * - rate limited: until the window's reset (plus up to a second of jitter so processes do not stampede),
 *   or an exponential wait from a minute when the channel gave no reset;
 * - server or network errors: exponential backoff with "equal jitter" (half fixed, half random), capped;
 * - unauthorized or rejected: the cap (the account is marked in error meanwhile).
 * @param random a number in [0, 1) (tests pass a constant).
 */
export function retryDelayMs(params: {
  failure: ChannelFailure;
  attempt: number;
  now: Date;
  timing: RetryTiming;
  random: number;
}): number {
  const { failure, timing } = params;
  const exponential = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** Math.max(0, params.attempt));
  switch (failure.kind) {
    case 'rate_limited': {
      const jitter = Math.round(params.random * Math.min(1000, timing.baseDelayMs));
      if (failure.resetAt)
        return Math.max(timing.baseDelayMs, failure.resetAt.getTime() - params.now.getTime()) + jitter;
      return (
        Math.max(timing.baseDelayMs, Math.min(timing.maxDelayMs, 60_000 * 2 ** Math.max(0, params.attempt))) +
        jitter
      );
    }
    case 'server':
    case 'network':
      return Math.max(1, Math.round(exponential / 2 + (params.random * exponential) / 2));
    case 'unauthorized':
    case 'rejected':
      return timing.maxDelayMs;
    default:
      return assertNever(failure);
  }
}
