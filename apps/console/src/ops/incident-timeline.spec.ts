import { type SpikeBulkAnswerView, type SpikeIncidentView } from '@vigie/contracts';
import { incidentFixture } from './incident.fixture';
import { incidentTimeline } from './incident-timeline';

const base: SpikeIncidentView = incidentFixture({ severity: 'major' });

const answer = (id: string, createdAt: string, texts: SpikeBulkAnswerView['texts']): SpikeBulkAnswerView => ({
  id,
  incidentId: 'incident',
  texts,
  isForNewcomers: false,
  createdByUserId: 'ops',
  createdAt,
  progress: { total: 12, queued: 0, sent: 10, failed: 1, skipped: 1, nextSendAt: null },
});

describe('incident timeline', () => {
  it('starts with the opening alone for a new incident', () => {
    expect(incidentTimeline(base)).toEqual([{ kind: 'started', at: base.startedAt, isSplit: false }]);
  });

  it('orders acknowledgement, SLA warning and breach, answers and the end by time', () => {
    const incident: SpikeIncidentView = {
      ...base,
      status: 'closed',
      closure: 'resolved',
      endedAt: '2026-11-24T11:00:00.000Z',
      acknowledgedAt: '2026-11-24T09:20:00.000Z',
      sla: { ...base.sla, warnedAt: '2026-11-24T09:15:00.000Z', breachedAt: '2026-11-24T09:30:00.000Z' },
      bulkAnswers: [
        answer('first', '2026-11-24T09:40:00.000Z', { fr: 'Panne en cours', en: '  ' }),
        answer('fixed', '2026-11-24T10:55:00.000Z', { fr: 'C’est réparé', en: 'It is fixed' }),
      ],
    };
    expect(incidentTimeline(incident).map((entry) => [entry.kind, entry.at])).toEqual([
      ['started', '2026-11-24T09:00:00.000Z'],
      ['slaWarned', '2026-11-24T09:15:00.000Z'],
      ['acknowledged', '2026-11-24T09:20:00.000Z'],
      ['slaBreached', '2026-11-24T09:30:00.000Z'],
      ['answered', '2026-11-24T09:40:00.000Z'],
      ['answered', '2026-11-24T10:55:00.000Z'],
      ['ended', '2026-11-24T11:00:00.000Z'],
    ]);
    const answers = incidentTimeline(incident).filter((entry) => entry.kind === 'answered');
    expect(answers.map((entry) => entry.kind === 'answered' && entry.languages)).toEqual([
      ['fr'],
      ['fr', 'en'],
    ]);
    expect(incidentTimeline(incident).at(-1)).toEqual({
      kind: 'ended',
      at: '2026-11-24T11:00:00.000Z',
      closure: 'resolved',
      mergedIntoId: null,
    });
  });

  it('tells a split-off incident, and one merged into another, with the incident it went to', () => {
    const merged = incidentTimeline({
      ...base,
      splitFromId: 'parent',
      status: 'closed',
      closure: 'merged',
      mergedIntoId: 'target',
      endedAt: '2026-11-24T09:10:00.000Z',
      // Split and acknowledged by ops at the same instant: the opening comes first.
      acknowledgedAt: base.startedAt,
    });
    expect(merged.map((entry) => entry.kind)).toEqual(['started', 'acknowledged', 'ended']);
    expect(merged[0]).toMatchObject({ isSplit: true });
    expect(merged[2]).toMatchObject({ closure: 'merged', mergedIntoId: 'target' });
  });
});
