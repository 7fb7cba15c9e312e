import { type SpikeIncidentView } from '@vigie/contracts';

/** An open, unacknowledged outage incident of Vigie Telecom for the view logic's tests; `overrides` change it. */
export function incidentFixture(overrides: Partial<SpikeIncidentView> = {}): SpikeIncidentView {
  return {
    id: 'incident',
    brandId: 'brand-a',
    brandName: 'Vigie Telecom',
    topic: 'outage',
    status: 'open',
    severity: 'minor',
    startedAt: '2026-11-24T09:00:00.000Z',
    endedAt: null,
    mentionCount: 40,
    baselineCount: 5,
    topTerms: [],
    samples: [],
    closure: null,
    closedByUserId: null,
    acknowledgedAt: null,
    acknowledgedByUserId: null,
    linkedConversationCount: 12,
    bulkAnswers: [],
    mergedIntoId: null,
    splitFromId: null,
    openedByUserId: null,
    sla: {
      status: 'running',
      targetMinutes: 30,
      dueAt: '2026-11-24T09:30:00.000Z',
      warnedAt: null,
      breachedAt: null,
      fulfilledAt: null,
    },
    ...overrides,
  };
}
