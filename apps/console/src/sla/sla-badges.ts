import {
  type ConversationSla,
  type SlaClockKind,
  type SlaClockView,
  type SlaDueStep,
  type SlaMetricName,
} from '@vigie/contracts';

export type SlaLevel = 'running' | 'warning' | 'breached' | 'paused' | 'fulfilled' | 'stopped';

export type SlaBadge = {
  clock: SlaClockKind;
  metric: SlaMetricName;
  level: SlaLevel;
  dueAt: string | null;
  /** Negative once past due; null without a due time (paused, fulfilled, stopped). */
  remainingMs: number | null;
  /** Why it is due then, in English (the server's words). */
  explanation: string | null;
  /** The same as steps, said in the agent's language by `dueExplanationText`. */
  explanationSteps: SlaDueStep[] | null;
};

const clockOrder: SlaClockKind[] = ['customer', 'contract'];

/** The clock of a kind that matters now: a live one (earliest due first), else the latest to have ended. */
function currentClock(clocks: SlaClockView[]): SlaClockView | null {
  const live = clocks
    .filter((clock) => clock.status === 'running' || clock.status === 'paused')
    .sort((left, right) => (left.dueAt ?? '\uffff').localeCompare(right.dueAt ?? '\uffff'));
  if (live.length > 0) return live[0];
  return [...clocks].sort((left, right) => right.startedAt.localeCompare(left.startedAt))[0] ?? null;
}

/**
 * One badge per clock kind (customer's one hour, then contract). Red at the breach (recorded, or due time
 * passed while running); amber once the SLA engine warned about this clock (its `warned` event: the engine
 * owns the warning thresholds); the rest follow the clock's status.
 */
export function slaBadges(sla: ConversationSla, now: Date): SlaBadge[] {
  return clockOrder.flatMap((kind) => {
    const clock = currentClock(sla.clocks.filter((candidate) => candidate.clock === kind));
    if (!clock) return [];
    const remainingMs =
      clock.status === 'running' && clock.dueAt ? new Date(clock.dueAt).getTime() - now.getTime() : null;
    const isWarned = sla.events.some(
      (event) =>
        event.kind === 'warned' &&
        event.clock === clock.clock &&
        event.metric === clock.metric &&
        event.at >= clock.startedAt,
    );
    const level: SlaLevel =
      clock.status === 'fulfilled'
        ? 'fulfilled'
        : clock.breachedAt !== null || (remainingMs !== null && remainingMs <= 0)
          ? 'breached'
          : clock.status === 'paused' || clock.status === 'stopped'
            ? clock.status
            : isWarned
              ? 'warning'
              : 'running';
    return [
      {
        clock: clock.clock,
        metric: clock.metric,
        level,
        dueAt: clock.dueAt,
        remainingMs,
        explanation: clock.explanation,
        explanationSteps: clock.explanationSteps,
      },
    ];
  });
}

/** "12 min", "1 h 05", "2 d 3 h": the time left (or overdue, by its absolute value), rounded down to the minute. */
export function formatDuration(milliseconds: number): string {
  const totalMinutes = Math.floor(Math.abs(milliseconds) / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')}`;
  return `${minutes} min`;
}
