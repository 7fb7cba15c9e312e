import { bulkSendLimit, reserveSendSlot, type SendBudgetState } from './send-budget';

const windowMs = 15 * 60_000;
const now = new Date('2026-11-23T10:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const state = (recentSends: Date[], recentBulkSends: Date[] = []): SendBudgetState => ({
  recentSends,
  recentBulkSends,
  blockedUntil: null,
});

describe('reserveSendSlot', () => {
  it('grants a send while the window has room and records it', () => {
    const verdict = reserveSendSlot({
      state: state([ago(20), ago(10), ago(5)]),
      now,
      limit: 3,
      windowMs,
      isBulk: false,
    });
    // The send of 20 minutes ago left the window.
    expect(verdict).toEqual({ isGranted: true, recentSends: [ago(10), ago(5), now], recentBulkSends: [] });
  });

  it('refuses a send over the budget until the oldest send in the window leaves it', () => {
    const verdict = reserveSendSlot({
      state: state([ago(5), ago(14), ago(10)]),
      now,
      limit: 3,
      windowMs,
      isBulk: false,
    });
    expect(verdict).toEqual({
      isGranted: false,
      retryAt: new Date(ago(14).getTime() + windowMs + 1),
      reason: 'budget_spent',
    });
  });

  it('keeps a fifth of the budget for replies that are not bulk answers', () => {
    const bulk = [ago(3), ago(2), ago(1), ago(0.5)];
    expect(
      reserveSendSlot({ state: state(bulk, bulk), now, limit: 5, windowMs, isBulk: true }),
    ).toMatchObject({
      isGranted: false,
      retryAt: new Date(ago(3).getTime() + windowMs + 1),
    });
    expect(
      reserveSendSlot({ state: state(bulk, bulk), now, limit: 5, windowMs, isBulk: false }).isGranted,
    ).toBe(true);
  });

  it('lets a bulk answer use its share whatever agents sent, within the whole budget', () => {
    const agents = [ago(4)];
    const bulk = [ago(3), ago(2), ago(1)];
    const verdict = reserveSendSlot({
      state: state([...agents, ...bulk], bulk),
      now,
      limit: 5,
      windowMs,
      isBulk: true,
    });
    expect(verdict).toMatchObject({ isGranted: true, recentBulkSends: [...bulk, now] });
    const full = [ago(6), ago(5), ago(4), ago(3), ago(2)];
    expect(
      reserveSendSlot({ state: state(full, [ago(2)]), now, limit: 5, windowMs, isBulk: true }),
    ).toMatchObject({
      isGranted: false,
      retryAt: new Date(ago(6).getTime() + windowMs + 1),
    });
  });

  it('waits for the channel’s reset after a 429', () => {
    const blockedUntil = new Date(now.getTime() + 60_000);
    expect(
      reserveSendSlot({
        state: { recentSends: [], recentBulkSends: [], blockedUntil },
        now,
        limit: 5,
        windowMs,
        isBulk: false,
      }),
    ).toEqual({ isGranted: false, retryAt: blockedUntil, reason: 'rate_limited' });
  });

  it('never lets more than the limit go in any window, nor bulk answers more than their share', () => {
    let current = state([]);
    const sent: { at: number; isBulk: boolean }[] = [];
    for (let second = 0; second < 3600; second += 7) {
      const at = new Date(now.getTime() + second * 1000);
      const isBulk = second % 3 !== 0;
      const verdict = reserveSendSlot({ state: current, now: at, limit: 10, windowMs, isBulk });
      if (verdict.isGranted) {
        current = { ...verdict, blockedUntil: null };
        sent.push({ at: at.getTime(), isBulk });
      }
    }
    for (const { at: start } of sent) {
      const window = sent.filter(({ at }) => at >= start && at < start + windowMs);
      expect(window.length).toBeLessThanOrEqual(10);
      expect(window.filter(({ isBulk }) => isBulk).length).toBeLessThanOrEqual(8);
    }
    expect(sent.length).toBeGreaterThanOrEqual(30);
  });
});

describe('bulkSendLimit', () => {
  it.each([
    [100, 80],
    [15, 12],
    [5, 4],
    [4, 4],
    [1, 1],
  ])('lets bulk answers use %i → %i', (limit, expected) => {
    expect(bulkSendLimit(limit)).toBe(expected);
  });
});
