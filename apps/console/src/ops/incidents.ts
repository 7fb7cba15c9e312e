import {
  type SpikeIncidentSeverity,
  type SpikeIncidentView,
  type SpikeLinkedConversationView,
} from '@vigie/contracts';

const severityRank: Record<SpikeIncidentSeverity, number> = { critical: 0, major: 1, minor: 2 };

/**
 * The list's order: open incidents first, the most severe first, then the newest. Closed ones follow, newest
 * first (their severity no longer calls for action).
 */
export function compareIncidents(left: SpikeIncidentView, right: SpikeIncidentView): number {
  if (left.status !== right.status) return left.status === 'open' ? -1 : 1;
  if (left.status === 'open') {
    const bySeverity = severityRank[left.severity] - severityRank[right.severity];
    if (bySeverity !== 0) return bySeverity;
  }
  return Date.parse(right.startedAt) - Date.parse(left.startedAt) || left.id.localeCompare(right.id);
}

export function sortIncidents(incidents: readonly SpikeIncidentView[]): SpikeIncidentView[] {
  return [...incidents].sort(compareIncidents);
}

/** The list after an `incident.*` event: the incident replaced (or added), in the list's order. */
export function applyIncidentChange(
  incidents: readonly SpikeIncidentView[],
  incident: SpikeIncidentView,
): SpikeIncidentView[] {
  return sortIncidents([...incidents.filter((current) => current.id !== incident.id), incident]);
}

/** What the status column says: open, acknowledged, or how it closed. */
export type IncidentStatusKey = 'open' | 'acknowledged' | 'calm' | 'resolved' | 'false_alarm' | 'merged';

export function incidentStatusKey(incident: SpikeIncidentView): IncidentStatusKey {
  if (incident.status === 'closed') return incident.closure ?? 'calm';
  return incident.acknowledgedAt ? 'acknowledged' : 'open';
}

/** Topics the console names in words; any other topic key is shown as it is. */
export const namedTopics = ['', 'outage'] as const;
export type NamedTopic = (typeof namedTopics)[number];

export function isNamedTopic(topic: string): topic is NamedTopic {
  return (namedTopics as readonly string[]).includes(topic);
}

/** How many times the baseline the incident's mentions are (null without a baseline to compare with). */
export function increaseRatio(
  incident: Pick<SpikeIncidentView, 'mentionCount' | 'baselineCount'>,
): number | null {
  if (!(incident.baselineCount > 0)) return null;
  return incident.mentionCount / incident.baselineCount;
}

/** Other open incidents of the same brand: the ones ops may merge into this one. */
export function mergeCandidates(
  incident: SpikeIncidentView,
  incidents: readonly SpikeIncidentView[],
): SpikeIncidentView[] {
  return sortIncidents(
    incidents.filter(
      (other) => other.id !== incident.id && other.status === 'open' && other.brandId === incident.brandId,
    ),
  );
}

/** The customer as ops recognise them: name and @handle, either alone, or nothing known. */
export function customerLabel(
  conversation: Pick<SpikeLinkedConversationView, 'customerName' | 'customerHandle'>,
): string | null {
  const handle = conversation.customerHandle ? `@${conversation.customerHandle}` : null;
  const name = conversation.customerName?.trim() || null;
  if (name && handle && name !== conversation.customerHandle) return `${name} (${handle})`;
  return handle ?? name;
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The conversation id in what ops pasted to link a conversation by hand: the id itself, or a console link to it
 * (`…/inbox?conversation=<id>`). Null when there is none.
 */
export function conversationIdFrom(input: string): string | null {
  const trimmed = input.trim();
  let candidate = trimmed;
  try {
    const url = new URL(trimmed, 'http://console.invalid');
    candidate = url.searchParams.get('conversation') ?? trimmed;
  } catch {
    candidate = trimmed;
  }
  const match = uuidPattern.exec(candidate);
  return match && match[0].length === candidate.length ? match[0].toLowerCase() : null;
}
