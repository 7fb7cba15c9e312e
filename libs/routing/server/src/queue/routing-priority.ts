import type { RoutingPriority } from '@vigie/contracts';
import {
  priorityFor,
  type TriageIntent,
  type TriagePriority,
  type TriageSentiment,
} from '@vigie/triage-core';
import type { CrmRoutingFacts } from '../crm/crm-routing-facts';
import type { PrioritySignals } from './routing.repository';

/**
 * One hour after the customer started waiting: the customer's promise. It is the due time the priority's SLA
 * signal is computed with (stable, known inside the recording transaction), and the queue's due time of a
 * conversation without a running SLA response clock (docs/adr/0208).
 */
export const provisionalDueMs = 60 * 60_000;

/** The customer's wait start plus {@link provisionalDueMs}, or null when nobody waits. */
export function provisionalDueAt(waitingSince: Date | null): Date | null {
  return waitingSince ? new Date(waitingSince.getTime() + provisionalDueMs) : null;
}

const routingPriorityOf: Record<TriagePriority, RoutingPriority> = {
  urgent: 'urgent',
  high: 'high',
  normal: 'medium',
  low: 'low',
};

/**
 * The queue priority from the stored signals and, once read, the CRM facts. `now` is the signals' own instant, so
 * a recomputation later gives the same SLA contribution and a priority never drifts with the clock.
 */
export function routingPriority(params: {
  signals: PrioritySignals;
  facts: CrmRoutingFacts | null;
  dueAt: Date | null;
}): { priority: RoutingPriority; score: number; reasons: string[] } {
  const { signals, facts } = params;
  const result = priorityFor({
    intent: signals.intent as TriageIntent,
    sentiment: signals.sentiment as TriageSentiment,
    urgencyWords: signals.urgencyWords,
    followers: signals.followers,
    isVerified: signals.isVerified,
    ...(facts?.tier ? { contactTier: facts.tier } : {}),
    ...(facts?.value !== null && facts?.value !== undefined ? { contactValue: facts.value } : {}),
    ...(params.dueAt ? { dueAt: params.dueAt } : {}),
    now: new Date(signals.at),
  });
  return { priority: routingPriorityOf[result.priority], score: result.score, reasons: [...result.reasons] };
}
