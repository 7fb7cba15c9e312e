import { type SpikeIncidentClosure, type SpikeIncidentView } from '@vigie/contracts';

/** One line of an incident's timeline. */
export type TimelineEntry =
  | { kind: 'started'; at: string; isSplit: boolean }
  | { kind: 'acknowledged'; at: string }
  | { kind: 'slaWarned'; at: string }
  | { kind: 'slaBreached'; at: string }
  | { kind: 'answered'; at: string; answerId: string; languages: ('fr' | 'en')[]; total: number }
  | { kind: 'ended'; at: string; closure: SpikeIncidentClosure; mergedIntoId: string | null };

/**
 * What happened to an incident, oldest first: it started (or was split off by ops), was acknowledged, its SLA
 * warned or breached, each bulk answer went out, and how it ended. Entries at the same instant keep that order.
 */
export function incidentTimeline(incident: SpikeIncidentView): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    { kind: 'started', at: incident.startedAt, isSplit: incident.splitFromId !== null },
  ];
  if (incident.acknowledgedAt) entries.push({ kind: 'acknowledged', at: incident.acknowledgedAt });
  if (incident.sla.warnedAt) entries.push({ kind: 'slaWarned', at: incident.sla.warnedAt });
  if (incident.sla.breachedAt) entries.push({ kind: 'slaBreached', at: incident.sla.breachedAt });
  for (const answer of incident.bulkAnswers)
    entries.push({
      kind: 'answered',
      at: answer.createdAt,
      answerId: answer.id,
      languages: (['fr', 'en'] as const).filter((language) => (answer.texts[language] ?? '').trim() !== ''),
      total: answer.progress.total,
    });
  if (incident.status === 'closed' && incident.endedAt)
    entries.push({
      kind: 'ended',
      at: incident.endedAt,
      closure: incident.closure ?? 'calm',
      mergedIntoId: incident.mergedIntoId,
    });
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((left, right) => Date.parse(left.entry.at) - Date.parse(right.entry.at) || left.index - right.index)
    .map(({ entry }) => entry);
}
