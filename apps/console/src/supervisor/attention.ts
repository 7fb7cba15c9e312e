import { type BulkReassignOutcome, type InboxItem } from '@vigie/contracts';
import { rowSlaBadges } from '../inbox/list-sla';
import { type SlaBadge } from '../sla/sla-badges';

/** Where a conversation stands on the board: past a due time, or warned about by the SLA engine. */
export type AttentionState = 'breached' | 'at_risk';
export type AttentionFilter = 'all' | AttentionState;
export type SortDirection = 'ascending' | 'descending';

export type AttentionRow = {
  item: InboxItem;
  /** Both clocks' countdowns, as the inbox rows show them. */
  badges: SlaBadge[];
  state: AttentionState;
  /** The soonest due time among the running clocks, from now; negative once past; null when none is running. */
  remainingMs: number | null;
};

/**
 * The board's rows from the API's Breached and At risk views. The state follows the badges, not only the view the
 * row came from: a clock that runs out between two reads turns red (and counts as breached) at once.
 */
export function attentionRows(params: {
  breached: readonly InboxItem[];
  atRisk: readonly InboxItem[];
  now: Date;
}): AttentionRow[] {
  const seen = new Set<string>();
  const rows: AttentionRow[] = [];
  for (const [item, view] of [
    ...params.breached.map((item) => [item, 'breached'] as const),
    ...params.atRisk.map((item) => [item, 'at_risk'] as const),
  ]) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    const badges = rowSlaBadges(item, params.now);
    const running = badges.flatMap((badge) => (badge.remainingMs === null ? [] : [badge.remainingMs]));
    const isBreached = view === 'breached' || badges.some((badge) => badge.level === 'breached');
    rows.push({
      item,
      badges,
      state: isBreached ? 'breached' : 'at_risk',
      remainingMs: running.length > 0 ? Math.min(...running) : null,
    });
  }
  return rows;
}

/**
 * Rows by time left: ascending puts the longest overdue first, then the soonest due; descending the reverse.
 * Rows without a running clock (paused) go last either way; ties keep a stable order by id.
 */
export function sortByTimeLeft(rows: readonly AttentionRow[], direction: SortDirection): AttentionRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((left, right) => {
    if (left.remainingMs === null || right.remainingMs === null) {
      if (left.remainingMs !== right.remainingMs) return left.remainingMs === null ? 1 : -1;
    } else if (left.remainingMs !== right.remainingMs) {
      return sign * (left.remainingMs - right.remainingMs);
    }
    return left.item.id.localeCompare(right.item.id);
  });
}

export function filterRows(rows: readonly AttentionRow[], filter: AttentionFilter): AttentionRow[] {
  return filter === 'all' ? [...rows] : rows.filter((row) => row.state === filter);
}

export function countByState(rows: readonly AttentionRow[]): Record<AttentionState, number> {
  return {
    breached: rows.filter((row) => row.state === 'breached').length,
    at_risk: rows.filter((row) => row.state === 'at_risk').length,
  };
}

/**
 * A countdown that moves every second: "12:05" under an hour, "1 h 05" under a day, "2 d 3 h" beyond; overdue
 * times get a minus sign ("−3:20"). Seconds matter on the board: it is watched as things run out.
 */
export function formatCountdown(milliseconds: number): string {
  const sign = milliseconds < 0 ? '−' : '';
  const totalSeconds = Math.floor(Math.abs(milliseconds) / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${sign}${days} d ${hours} h`;
  if (hours > 0) return `${sign}${hours} h ${String(minutes).padStart(2, '0')}`;
  return `${sign}${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** The selection kept to the rows still shown (a conversation that left the board cannot be reassigned from it). */
export function selectedShown(rows: readonly AttentionRow[], selected: ReadonlySet<string>): string[] {
  return rows.filter((row) => selected.has(row.item.id)).map((row) => row.item.id);
}

/** Why routing refuses or leaves a conversation in a bulk reassignment (`validateBulkReassignment`). */
export const reassignmentReasons = [
  'target_offline',
  'over_capacity',
  'missing_skills',
  'unknown_target',
  'not_routed',
  'duplicate',
  'already_assigned',
] as const;
export type ReassignmentReason = (typeof reassignmentReasons)[number] | 'other';

/** A reason the board can put in words; a code it does not know yet reads as "other". */
export function reassignmentReason(why: string): ReassignmentReason {
  return (reassignmentReasons as readonly string[]).includes(why) ? (why as ReassignmentReason) : 'other';
}

export type ReassignmentSummary = {
  accepted: number;
  unchanged: number;
  /** Refusals grouped by routing's reason (`target_offline`, `over_capacity`…), most frequent first. */
  rejected: { why: string; count: number }[];
};

/** What a bulk reassignment did, counted for one status line. */
export function summarizeReassignment(results: readonly BulkReassignOutcome[]): ReassignmentSummary {
  const rejected = new Map<string, number>();
  let accepted = 0;
  let unchanged = 0;
  for (const result of results) {
    if (result.outcome === 'accepted') accepted += 1;
    else if (result.outcome === 'unchanged') unchanged += 1;
    else rejected.set(result.why ?? 'unknown', (rejected.get(result.why ?? 'unknown') ?? 0) + 1);
  }
  return {
    accepted,
    unchanged,
    rejected: [...rejected.entries()]
      .map(([why, count]) => ({ why, count }))
      .sort((left, right) => right.count - left.count || left.why.localeCompare(right.why)),
  };
}
