import type { SpikeIncidentView, SpikeWebhookEvent, SpikeWebhookPayload } from '@vigie/contracts';

/** The incident as an incident webhook carries it (no customer posts: chat tools are outside the brand). */
export type WebhookIncident = Omit<SpikeIncidentView, 'bulkAnswers'>;

const what: Record<SpikeWebhookEvent, string> = {
  'incident.opened': 'opened',
  'incident.severity_changed': 'is now',
  'incident.acknowledged': 'acknowledged',
  'incident.resolved': 'resolved',
  'incident.false_alarm': 'marked a false alarm',
  'incident.closed': 'closed',
  'incident.sla_breached': 'has had no public update in time',
};

/**
 * One line for a chat channel, e.g.
 * `[critical] Vigie Telecom: outage incident opened — 42 mentions (4 expected); coupure, fibre, lyon`.
 */
export function webhookText(params: { type: SpikeWebhookEvent; incident: WebhookIncident }): string {
  const { type, incident } = params;
  const subject = `${incident.brandName}: ${incident.topic === '' ? 'mention volume' : incident.topic} incident`;
  const terms = incident.topTerms
    .slice(0, 3)
    .map((term) => term.term)
    .join(', ');
  const detail =
    type === 'incident.closed'
      ? incident.closure === 'merged'
        ? ' (merged into another incident)'
        : ' (volume back to normal)'
      : type === 'incident.severity_changed'
        ? ` ${incident.severity}`
        : type === 'incident.sla_breached'
          ? ` (due ${incident.sla.dueAt})`
          : '';
  const volume = `${incident.mentionCount} mentions (${Math.round(incident.baselineCount)} expected)`;
  return `[${incident.severity}] ${subject} ${what[type]}${detail} — ${volume}${terms ? `; ${terms}` : ''}`;
}

/** The JSON body of an incident webhook (docs/spikes.md). `id` is the event key, the same for every webhook. */
export function webhookPayload(params: {
  eventKey: string;
  type: SpikeWebhookEvent;
  occurredAt: Date;
  incident: WebhookIncident;
}): SpikeWebhookPayload {
  const { incident } = params;
  return {
    id: params.eventKey,
    type: params.type,
    occurredAt: params.occurredAt.toISOString(),
    text: webhookText({ type: params.type, incident }),
    incident: {
      id: incident.id,
      brandId: incident.brandId,
      brandName: incident.brandName,
      topic: incident.topic,
      status: incident.status,
      severity: incident.severity,
      closure: incident.closure,
      startedAt: incident.startedAt,
      endedAt: incident.endedAt,
      mentionCount: incident.mentionCount,
      baselineCount: incident.baselineCount,
      topTerms: incident.topTerms.map((term) => term.term),
      linkedConversationCount: incident.linkedConversationCount,
      acknowledgedAt: incident.acknowledgedAt,
      acknowledgedByUserId: incident.acknowledgedByUserId,
      closedByUserId: incident.closedByUserId,
      mergedIntoId: incident.mergedIntoId,
      splitFromId: incident.splitFromId,
      firstUpdateDueAt: incident.sla.dueAt,
    },
  };
}

/**
 * The event's key: one delivery per webhook and key (a retried transaction or a second scan never sends it
 * twice). Severity only rises, so each level is its own event.
 */
export function webhookEventKey(params: { type: SpikeWebhookEvent; incident: WebhookIncident }): string {
  const { type, incident } = params;
  return type === 'incident.severity_changed'
    ? `${type}:${incident.id}:${incident.severity}`
    : `${type}:${incident.id}`;
}
