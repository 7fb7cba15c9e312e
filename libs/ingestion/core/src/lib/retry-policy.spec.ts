import { retryDelayMs } from './retry-policy';

const timing = { baseDelayMs: 1000, maxDelayMs: 60_000 };
const now = new Date('2026-03-01T10:00:00.000Z');

describe('retryDelayMs', () => {
  it('waits until the rate-limit window resets, plus a little jitter', () => {
    const resetAt = new Date(now.getTime() + 90_000);
    expect(
      retryDelayMs({ failure: { kind: 'rate_limited', resetAt }, attempt: 0, now, timing, random: 0 }),
    ).toBe(90_000);
    expect(
      retryDelayMs({ failure: { kind: 'rate_limited', resetAt }, attempt: 0, now, timing, random: 0.5 }),
    ).toBe(90_500);
  });

  it('never waits less than the base delay, even when the reset is already past (no hot loop)', () => {
    const resetAt = new Date(now.getTime() - 5_000);
    expect(
      retryDelayMs({ failure: { kind: 'rate_limited', resetAt }, attempt: 3, now, timing, random: 0 }),
    ).toBe(1000);
  });

  it.each([
    [0, 0, 500],
    [0, 0.999, 1000],
    [3, 0, 4000],
    [10, 0, 30_000],
    [10, 0.999, 59_970],
  ])(
    'backs off exponentially with equal jitter on server errors (attempt %i, random %p → %i ms)',
    (attempt, random, expected) => {
      expect(retryDelayMs({ failure: { kind: 'server' }, attempt, now, timing, random })).toBe(expected);
    },
  );

  it('waits the longest for a refused credential', () => {
    expect(retryDelayMs({ failure: { kind: 'unauthorized' }, attempt: 0, now, timing, random: 0 })).toBe(
      60_000,
    );
  });
});
