import { DomainError } from '@vigie/kernel';
import { type BusinessCalendar } from './business-calendar.calculator';
import { type SlaHours, type SlaMetric } from './sla-policy';

/** `customer`: the public one-hour promise, wall-clock; `contract`: the policy's target. */
export type SlaClockKind = 'customer' | 'contract';
export type SlaClockStatus = 'running' | 'paused' | 'fulfilled' | 'stopped';

/**
 * One clock of one conversation. Time already counted before a pause is kept in `consumedMs`; while running,
 * the clock counts from `runningSince`, so the due time is `runningSince + (target - consumed)` in the clock's
 * own hours. A breach is recorded (`breachedAt`) without ending the clock: the answer still comes, late.
 */
export type SlaClockState = {
  clock: SlaClockKind;
  metric: SlaMetric;
  status: SlaClockStatus;
  hours: SlaHours;
  targetMs: number;
  startedAt: Date;
  consumedMs: number;
  runningSince: Date | null;
  dueAt: Date | null;
  breachedAt: Date | null;
  fulfilledAt: Date | null;
  /** Time counted from start to fulfilment, in the clock's hours (pauses excluded). */
  elapsedMs: number | null;
};

/** Counts time the way a clock does: business hours of a calendar, or every elapsed millisecond. */
export type TimeCounter = {
  add(from: Date, ms: number): Date;
  between(from: Date, to: Date): number;
};

const wallClockCounter: TimeCounter = {
  add: (from, ms) => new Date(from.getTime() + ms),
  between: (from, to) => Math.max(0, to.getTime() - from.getTime()),
};

/** The counter of a clock: the calendar's business time, or wall-clock time. */
export function counterFor(hours: SlaHours, calendar: BusinessCalendar): TimeCounter {
  if (hours === 'calendar') return wallClockCounter;
  return {
    add: (from, ms) => calendar.addBusinessTime(from, ms),
    between: (from, to) => calendar.businessTimeBetween(from, to),
  };
}

/** Starts a clock at `at` (the customer's message): due after `targetMs` of the counter's time. */
export function startClock(params: {
  clock: SlaClockKind;
  metric: SlaMetric;
  hours: SlaHours;
  targetMs: number;
  at: Date;
  counter: TimeCounter;
}): SlaClockState {
  return {
    clock: params.clock,
    metric: params.metric,
    status: 'running',
    hours: params.hours,
    targetMs: params.targetMs,
    startedAt: params.at,
    consumedMs: 0,
    runningSince: params.at,
    dueAt: params.counter.add(params.at, params.targetMs),
    breachedAt: null,
    fulfilledAt: null,
    elapsedMs: null,
  };
}

function countedUntil(state: SlaClockState, at: Date, counter: TimeCounter): number {
  return state.consumedMs + (state.runningSince ? counter.between(state.runningSince, at) : 0);
}

/** Pending on the customer: keeps what was counted, forgets the due time until resumed. */
export function pauseClock(state: SlaClockState, at: Date, counter: TimeCounter): SlaClockState {
  if (state.status !== 'running') return state;
  return {
    ...state,
    status: 'paused',
    consumedMs: countedUntil(state, at, counter),
    runningSince: null,
    dueAt: null,
  };
}

/** Back from pending: the remaining target counts again from `at`. */
export function resumeClock(state: SlaClockState, at: Date, counter: TimeCounter): SlaClockState {
  if (state.status !== 'paused') return state;
  const remainingMs = Math.max(0, state.targetMs - state.consumedMs);
  return { ...state, status: 'running', runningSince: at, dueAt: counter.add(at, remainingMs) };
}

/** A response (or the resolution) arrived: the clock ends with the time it counted. */
export function fulfilClock(state: SlaClockState, at: Date, counter: TimeCounter): SlaClockState {
  if (state.status !== 'running' && state.status !== 'paused') return state;
  const elapsedMs = countedUntil(state, at, counter);
  return {
    ...state,
    status: 'fulfilled',
    consumedMs: elapsedMs,
    runningSince: null,
    dueAt: state.dueAt,
    fulfilledAt: at,
    elapsedMs,
    breachedAt: state.breachedAt ?? (elapsedMs > state.targetMs ? at : null),
  };
}

/** Snoozed or resolved: nobody owes an answer any more; the clock ends without a verdict. */
export function stopClock(state: SlaClockState, at: Date, counter: TimeCounter): SlaClockState {
  if (state.status !== 'running' && state.status !== 'paused') return state;
  return {
    ...state,
    status: 'stopped',
    consumedMs: countedUntil(state, at, counter),
    runningSince: null,
    dueAt: null,
  };
}

/** A pause of a clock as the event log recorded it: from `from` until `to` (null: still paused). */
export type SlaPause = { from: Date; to: Date | null };

/**
 * Re-applies a live clock under another policy's target, from its original start (the policy changed because the
 * priority or the tags did): the time counted is recounted from `startedAt` with the new counter, leaving out the
 * pauses that happened when the new target pauses on pending (when it does not, the clock counts through them and
 * is running). Ended clocks are returned unchanged: their verdict belongs to the policy they ended under.
 *
 * The breach follows the new reckoning: a clock not overdue under the new target is no longer breached
 * (`breachedAt` null; the breach stays in the event log); one overdue under both keeps its first `breachedAt`
 * (no second alert); one overdue only under the new target has no `breachedAt` yet, and its breach threshold is
 * due at once.
 */
export function reapplyClock(params: {
  state: SlaClockState;
  hours: SlaHours;
  targetMs: number;
  isPausedWhenPending: boolean;
  pauses: readonly SlaPause[];
  at: Date;
  counter: TimeCounter;
}): SlaClockState {
  const { state, counter, at } = params;
  if (state.status !== 'running' && state.status !== 'paused') return state;
  let consumedMs = 0;
  // The start of the running stretch being counted; null while paused.
  let runningSince: Date | null = state.startedAt;
  if (params.isPausedWhenPending) {
    const pauses = [...params.pauses]
      .filter((pause) => pause.from < at && (pause.to === null || pause.to > state.startedAt))
      .sort((left, right) => left.from.getTime() - right.from.getTime());
    let lastPauseFrom = state.startedAt;
    for (const pause of pauses) {
      if (runningSince === null) break;
      const from = pause.from < state.startedAt ? state.startedAt : pause.from;
      if (from > runningSince) consumedMs += counter.between(runningSince, from);
      lastPauseFrom = from;
      if (pause.to === null || pause.to > at) runningSince = null;
      else if (pause.to > runningSince) runningSince = pause.to;
    }
    // The state wins over a log that disagrees: a paused clock counts nothing after `at`'s stretch, and a running
    // one whose last pause has no recorded end counts again from its own running start.
    if (runningSince !== null && state.status === 'paused') {
      consumedMs += counter.between(runningSince, at);
      runningSince = null;
    } else if (runningSince === null && state.status === 'running')
      runningSince =
        state.runningSince && state.runningSince > lastPauseFrom ? state.runningSince : lastPauseFrom;
  }
  const base = { ...state, hours: params.hours, targetMs: params.targetMs, consumedMs };
  if (runningSince === null) {
    const isOverdue = consumedMs > params.targetMs;
    return {
      ...base,
      status: 'paused',
      runningSince: null,
      dueAt: null,
      breachedAt: isOverdue ? state.breachedAt : null,
    };
  }
  const dueAt = counter.add(runningSince, Math.max(0, params.targetMs - consumedMs));
  const isOverdue = dueAt <= at;
  return {
    ...base,
    status: 'running',
    runningSince,
    dueAt,
    breachedAt: isOverdue ? state.breachedAt : null,
  };
}

/** A scheduled alert of a running clock: a warning at a fraction of the target, or the breach (fraction 1). */
export type SlaThreshold = { kind: 'warning' | 'breach'; fraction: number; at: Date };

/**
 * The instants at which a running clock crosses each warning fraction and its target. Fractions already
 * crossed before a pause are not repeated. Customer clocks get only their breach (the promise missed).
 */
export function thresholdsOf(
  state: SlaClockState,
  params: {
    warningFractions: readonly number[];
    counter: TimeCounter;
    /** Warnings before this instant are left out (a clock re-applied from its start: they are history). */
    warningsFrom?: Date;
  },
): SlaThreshold[] {
  if (state.status !== 'running' || !state.runningSince) return [];
  const runningSince = state.runningSince;
  const fractions = state.clock === 'contract' ? params.warningFractions : [];
  const thresholds: SlaThreshold[] = [];
  for (const fraction of [...fractions, 1]) {
    const thresholdMs = Math.round(state.targetMs * fraction);
    if (thresholdMs <= state.consumedMs && fraction < 1) continue;
    if (fraction === 1 && state.breachedAt) continue;
    const at = params.counter.add(runningSince, Math.max(0, thresholdMs - state.consumedMs));
    if (fraction < 1 && params.warningsFrom && at < params.warningsFrom) continue;
    thresholds.push({ kind: fraction === 1 ? 'breach' : 'warning', fraction, at });
  }
  return thresholds;
}

/** Milliseconds of a target in minutes, checked (a corrupt row must not schedule at NaN). */
export function targetMsOf(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new DomainError({
      code: 'invalid',
      message: `SLA target must be positive minutes, got ${minutes}`,
    });
  return Math.round(minutes * 60_000);
}
