/** Share of an account's sending budget kept for replies that are not bulk answers (agents' own replies). */
export const conversationReserveShare = 0.2;

/** How many of a window's sends a bulk answer may use: the budget less the agents' reserve (at least 1). */
export function bulkSendLimit(limit: number): number {
  return Math.max(1, limit - Math.floor(limit * conversationReserveShare));
}

/**
 * An account's recent sends of one kind (public replies or DMs): all of them, those of bulk answers among them,
 * and a block after the channel's 429.
 */
export type SendBudgetState = {
  recentSends: readonly Date[];
  recentBulkSends: readonly Date[];
  blockedUntil: Date | null;
};

export type SendSlotVerdict =
  | { isGranted: true; recentSends: Date[]; recentBulkSends: Date[] }
  | { isGranted: false; retryAt: Date; reason: 'rate_limited' | 'budget_spent' };

/** The sends of a list still in the window, oldest first. */
function inWindow(sends: readonly Date[], since: number): Date[] {
  return sends
    .filter((sentAt) => sentAt.getTime() > since)
    .sort((left, right) => left.getTime() - right.getTime());
}

/**
 * Whether one more message may go now, over a sliding window: at most `limit` sends in any `windowMs`, of which
 * at most `bulkSendLimit(limit)` for bulk answers, so agents always keep the rest. A sliding window never exceeds
 * X's fixed 15-minute window, however the two are aligned. Refused: when a slot frees for this message (or the
 * 429's reset). Granted: the new lists of recent sends (at most `limit` kept: older ones cannot matter).
 */
export function reserveSendSlot(params: {
  state: SendBudgetState;
  now: Date;
  limit: number;
  windowMs: number;
  isBulk: boolean;
}): SendSlotVerdict {
  const { state, now, limit, windowMs } = params;
  if (state.blockedUntil && state.blockedUntil.getTime() > now.getTime())
    return { isGranted: false, retryAt: state.blockedUntil, reason: 'rate_limited' };
  const since = now.getTime() - windowMs;
  const recent = inWindow(state.recentSends, since);
  const recentBulk = inWindow(state.recentBulkSends, since);
  // Each full list frees a slot when the send that filled it leaves the window; the later one is binding.
  const freesAt = (sends: Date[], cap: number) =>
    sends.length >= cap ? sends[sends.length - cap].getTime() + windowMs + 1 : null;
  const frees = [
    freesAt(recent, limit),
    params.isBulk ? freesAt(recentBulk, bulkSendLimit(limit)) : null,
  ].filter((at): at is number => at !== null);
  if (frees.length > 0)
    return { isGranted: false, retryAt: new Date(Math.max(...frees)), reason: 'budget_spent' };
  return {
    isGranted: true,
    recentSends: [...recent, now].slice(-limit),
    recentBulkSends: params.isBulk ? [...recentBulk, now].slice(-limit) : recentBulk,
  };
}
