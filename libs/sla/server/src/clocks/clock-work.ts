import {
  counterFor,
  type DueExplanation,
  explainDueAt,
  formatDuration,
  fulfilClock,
  pauseClock,
  reapplyClock,
  resumeClock,
  type SlaClockKind,
  type SlaClockState,
  type SlaMetric,
  type SlaPause,
  type SlaPriority,
  startClock,
  stopClock,
  targetMsOf,
  thresholdsOf,
  type TimeCounter,
} from '@vigie/sla-core';
import type { SlaEventKind } from '@vigie/contracts';
import type { ResolvedPolicy } from '../policies/sla-policy.catalog';
import type { NewSlaEvent, StoredClock } from './sla-clock.repository';

/** What a conversation's policy was chosen with, kept on its clocks. */
export type ClockSubject = { intent: string | null; priority: SlaPriority | null };

const metricLabels: Record<SlaMetric, string> = {
  first_response: 'first response',
  next_response: 'next response',
  resolution: 'resolution',
};

/** "first response, contract clock" — how events and alerts name a clock. */
export function clockLabel(clock: { clock: SlaClockKind; metric: SlaMetric }): string {
  return `${metricLabels[clock.metric]}, ${clock.clock === 'customer' ? "customer's one-hour promise" : 'contract'} clock`;
}

/** The explanation of a running clock's due time, in English; null when it has none. */
export function explainClock(clock: SlaClockState, policy: ResolvedPolicy): string | null {
  return explainClockDue(clock, policy)?.summary ?? null;
}

/** The explanation of a running clock's due time, in words and as data; null when it has none. */
export function explainClockDue(clock: SlaClockState, policy: ResolvedPolicy): DueExplanation | null {
  if (clock.status !== 'running' || !clock.runningSince || !clock.dueAt) return null;
  return explainDueAt({
    calendar: policy.calendar,
    timezone: policy.spec.calendar.timezone,
    hours: clock.hours,
    from: clock.runningSince,
    consumedMs: clock.consumedMs,
    targetMs: clock.targetMs,
    dueAt: clock.dueAt,
    fromLabel: clock.consumedMs > 0 ? 'resumed' : 'received',
  });
}

/** The target of a clock under a policy, or null when the policy sets none for that metric. */
export function targetOf(
  policy: ResolvedPolicy,
  clock: SlaClockKind,
  metric: SlaMetric,
): { hours: 'business' | 'calendar'; targetMs: number; isPausedWhenPending: boolean } | null {
  if (clock === 'customer') {
    // The public promise is wall-clock and does not pause: the customer's hour is the customer's hour.
    if (metric === 'resolution') return null;
    return {
      hours: 'calendar',
      targetMs: targetMsOf(policy.spec.customerPromiseMinutes),
      isPausedWhenPending: false,
    };
  }
  const target = policy.spec.targets[metric];
  return target
    ? {
        hours: target.hours,
        targetMs: targetMsOf(target.minutes),
        isPausedWhenPending: target.isPausedWhenPending,
      }
    : null;
}

/**
 * The changes to one conversation's clocks within one transaction: each transition goes through the pure
 * rules of `@vigie/sla-core`, logs an event with a human explanation, and marks the clock for saving and
 * rescheduling (a new generation, so stale due events can never fire).
 */
export class ClockWork {
  readonly events: NewSlaEvent[] = [];
  private readonly clocks = new Map<string, StoredClock>();
  private readonly touched = new Set<string>();
  private readonly original = new Map<string, StoredClock>();
  /** Clocks re-applied from their start, by key: their warnings before this instant are history, not alerts. */
  private readonly reappliedAt = new Map<string, Date>();

  /**
   * @param subject what the policy was chosen with (stamped on the clocks this work starts or re-applies), so a
   * later change of band can be told apart (docs/adr/0107-sla-policy-re-evaluation.md).
   */
  constructor(
    readonly conversationId: string,
    readonly policy: ResolvedPolicy,
    existing: StoredClock[],
    readonly subject: ClockSubject = { intent: null, priority: null },
  ) {
    for (const clock of existing) {
      this.clocks.set(keyOf(clock), clock);
      this.original.set(keyOf(clock), clock);
    }
  }

  counter(clock: { hours: 'business' | 'calendar' }): TimeCounter {
    return counterFor(clock.hours, this.policy.calendar);
  }

  find(clock: SlaClockKind, metric: SlaMetric): StoredClock | undefined {
    return this.clocks.get(`${clock}:${metric}`);
  }

  all(): StoredClock[] {
    return [...this.clocks.values()];
  }

  changed(): StoredClock[] {
    return [...this.touched].map((key) => this.clocks.get(key) as StoredClock);
  }

  start(params: {
    clock: SlaClockKind;
    metric: SlaMetric;
    at: Date;
    brandId: string;
    channel: string;
    reason: string;
  }): void {
    const target = targetOf(this.policy, params.clock, params.metric);
    if (!target) return;
    const state = startClock({
      ...params,
      hours: target.hours,
      targetMs: target.targetMs,
      counter: this.counter(target),
    });
    const stored: StoredClock = {
      ...state,
      conversationId: this.conversationId,
      brandId: params.brandId,
      channel: params.channel,
      policyId: this.policy.id,
      generation: 0,
      responderUserId: null,
      intent: this.subject.intent,
      priority: this.subject.priority,
    };
    const hoursText = target.hours === 'business' ? 'in business hours' : 'of calendar time';
    this.put(
      stored,
      'applied',
      `${params.reason}; policy "${this.policy.name}", target ${formatDuration(target.targetMs)} ${hoursText}; ${explainClock(stored, this.policy) ?? ''}`,
      params.at,
    );
  }

  pause(stored: StoredClock, at: Date, reason: string): void {
    const target = targetOf(this.policy, stored.clock, stored.metric);
    if (stored.status !== 'running' || !target?.isPausedWhenPending) return;
    const next = { ...stored, ...pauseClock(stored, at, this.counter(stored)) };
    this.put(
      next,
      'paused',
      `${reason}; ${formatDuration(next.consumedMs)} counted so far, ${formatDuration(Math.max(0, next.targetMs - next.consumedMs))} left`,
      at,
    );
  }

  resume(stored: StoredClock, at: Date, reason: string): void {
    if (stored.status !== 'paused') return;
    const next = { ...stored, ...resumeClock(stored, at, this.counter(stored)) };
    this.put(next, 'resumed', `${reason}; ${explainClock(next, this.policy) ?? ''}`, at);
  }

  fulfil(stored: StoredClock, params: { at: Date; userId: string | null; reason: string }): void {
    if (stored.status !== 'running' && stored.status !== 'paused') return;
    const next = {
      ...stored,
      ...fulfilClock(stored, params.at, this.counter(stored)),
      responderUserId: params.userId,
    };
    const elapsed = next.elapsedMs ?? 0;
    const verdict =
      elapsed <= next.targetMs
        ? `met: ${formatDuration(elapsed)} of ${formatDuration(next.targetMs)}`
        : `late by ${formatDuration(elapsed - next.targetMs)} (${formatDuration(elapsed)} of ${formatDuration(next.targetMs)})`;
    this.put(next, 'fulfilled', `${params.reason}; ${verdict}`, params.at);
  }

  stop(stored: StoredClock, at: Date, reason: string): void {
    if (stored.status !== 'running' && stored.status !== 'paused') return;
    this.put({ ...stored, ...stopClock(stored, at, this.counter(stored)) }, 'stopped', reason, at);
  }

  /** Re-applies the policy's current targets and calendar to a live clock (a policy or calendar changed). */
  recompute(stored: StoredClock, at: Date): boolean {
    const target = targetOf(this.policy, stored.clock, stored.metric);
    if (!target || (stored.status !== 'running' && stored.status !== 'paused')) return false;
    const base: StoredClock = {
      ...stored,
      hours: target.hours,
      targetMs: target.targetMs,
      policyId: this.policy.id,
    };
    const dueAt =
      base.status === 'running' && base.runningSince
        ? this.counter(base).add(base.runningSince, Math.max(0, base.targetMs - base.consumedMs))
        : null;
    if (
      dueAt?.getTime() === stored.dueAt?.getTime() &&
      base.targetMs === stored.targetMs &&
      base.hours === stored.hours
    )
      return false;
    const next = { ...base, dueAt };
    // One short sentence in UTC: a recomputation touches every live clock of a policy (a million in the
    // benchmark), and the full explanation is computed on read anyway.
    const moved = dueAt ? `due ${dueAt.toISOString()}` : 'paused';
    const was = stored.dueAt ? ` (was ${stored.dueAt.toISOString()})` : '';
    this.put(
      next,
      'recomputed',
      `under policy "${this.policy.name}" version ${this.policy.version}; ${moved}${was}`,
      at,
    );
    return true;
  }

  /**
   * Re-applies a live clock under this work's policy from its original start (the policy changed with the
   * priority or the tags; docs/adr/0107): counted again from `startedAt` with the new target and hours, leaving
   * out the pauses that happened. A policy without a target for the metric stops the clock. Ended clocks keep
   * the verdict of the policy they ended under.
   */
  reapply(
    stored: StoredClock,
    params: { at: Date; pauses: readonly SlaPause[]; previous: ResolvedPolicy; reason: string },
  ): void {
    if (stored.status !== 'running' && stored.status !== 'paused') return;
    const was = `policy "${params.previous.name}"`;
    const target = targetOf(this.policy, stored.clock, stored.metric);
    if (!target) {
      const next = stopClock(stored, params.at, counterFor(stored.hours, params.previous.calendar));
      this.put(
        { ...stored, ...next, policyId: this.policy.id, ...this.subject },
        'stopped',
        `${params.reason}; policy "${this.policy.name}" (was ${was}) sets no ${metricLabels[stored.metric]} target`,
        params.at,
      );
      return;
    }
    const counter = counterFor(target.hours, this.policy.calendar);
    const next: StoredClock = {
      ...stored,
      ...reapplyClock({
        state: stored,
        hours: target.hours,
        targetMs: target.targetMs,
        isPausedWhenPending: target.isPausedWhenPending,
        pauses: params.pauses,
        at: params.at,
        counter,
      }),
      policyId: this.policy.id,
      ...this.subject,
    };
    const hoursText = target.hours === 'business' ? 'in business hours' : 'of calendar time';
    const breach = stored.breachedAt
      ? next.breachedAt
        ? `; still breached (since ${stored.breachedAt.toISOString()})`
        : `; was breached under ${was} at ${stored.breachedAt.toISOString()}, not under the new target`
      : '';
    const counted = next.status === 'paused' ? `; paused, ${formatDuration(next.consumedMs)} counted` : '';
    const explanation = explainClock(next, this.policy);
    this.reappliedAt.set(keyOf(next), params.at);
    this.put(
      next,
      'applied',
      `${params.reason}; re-applied from the start (${stored.startedAt.toISOString()}) under policy "${this.policy.name}" (was ${was}), target ${formatDuration(target.targetMs)} ${hoursText}${breach}${counted}${explanation ? `; ${explanation}` : ''}`,
      params.at,
    );
  }

  /** Remembers the subject (the band) on a live clock whose policy stays: no event, due times unchanged. */
  restamp(stored: StoredClock): void {
    if (stored.intent === this.subject.intent && stored.priority === this.subject.priority) return;
    const key = keyOf(stored);
    this.clocks.set(key, {
      ...stored,
      ...this.subject,
      generation: (this.original.get(key)?.generation ?? 0) + 1,
    });
    this.touched.add(key);
  }

  thresholds(stored: StoredClock) {
    const warningsFrom = this.reappliedAt.get(keyOf(stored));
    return thresholdsOf(stored, {
      warningFractions: this.policy.spec.warningFractions,
      counter: this.counter(stored),
      ...(warningsFrom ? { warningsFrom } : {}),
    });
  }

  private put(next: StoredClock, kind: SlaEventKind, detail: string, at: Date): void {
    const key = keyOf(next);
    // One new generation per transaction and clock: due events of the stored generation can never fire again.
    const stored = { ...next, generation: (this.original.get(key)?.generation ?? 0) + 1 };
    this.clocks.set(key, stored);
    this.touched.add(key);
    this.events.push({
      conversationId: this.conversationId,
      clock: stored.clock,
      metric: stored.metric,
      kind,
      at,
      dueAt: stored.dueAt,
      detail: `${clockLabel(stored)} ${kind}: ${detail}`,
    });
  }
}

function keyOf(clock: { clock: SlaClockKind; metric: SlaMetric }): string {
  return `${clock.clock}:${clock.metric}`;
}
