import type { SpikeIncidentView, SpikeWebhookEvent } from '@vigie/contracts';
import {
  type WebhookIncident,
  webhookEventKey,
  webhookPayload,
  webhookText,
} from './incident-webhook-payload';

const incident: Omit<SpikeIncidentView, 'bulkAnswers'> = {
  id: 'i-1',
  brandId: 'b-1',
  brandName: 'Vigie Telecom',
  topic: 'outage',
  status: 'open',
  severity: 'critical',
  startedAt: '2026-11-23T09:12:00.000Z',
  endedAt: null,
  mentionCount: 42,
  baselineCount: 3.6,
  topTerms: [
    { term: 'coupure', recentCount: 20, lift: 9 },
    { term: 'fibre', recentCount: 15, lift: 7 },
    { term: 'lyon', recentCount: 12, lift: 6 },
    { term: 'box', recentCount: 4, lift: 2 },
  ],
  samples: [
    { messageId: 'm', conversationId: 'c', text: 'private customer text', sentAt: '2026-11-23T09:12:00Z' },
  ],
  closure: null,
  closedByUserId: null,
  acknowledgedAt: null,
  acknowledgedByUserId: null,
  linkedConversationCount: 30,
  mergedIntoId: null,
  splitFromId: null,
  openedByUserId: null,
  sla: {
    status: 'running',
    targetMinutes: 30,
    dueAt: '2026-11-23T09:50:00.000Z',
    warnedAt: null,
    breachedAt: null,
    fulfilledAt: null,
  },
};

describe('incident webhook payloads', () => {
  const cases: [SpikeWebhookEvent, WebhookIncident, string][] = [
    [
      'incident.opened',
      incident,
      '[critical] Vigie Telecom: outage incident opened — 42 mentions (4 expected); coupure, fibre, lyon',
    ],
    [
      'incident.severity_changed',
      incident,
      '[critical] Vigie Telecom: outage incident is now critical — 42 mentions (4 expected); coupure, fibre, lyon',
    ],
    [
      'incident.closed',
      { ...incident, topic: '', topTerms: [], status: 'closed', closure: 'merged' },
      '[critical] Vigie Telecom: mention volume incident closed (merged into another incident) — 42 mentions (4 expected)',
    ],
    [
      'incident.sla_breached',
      incident,
      '[critical] Vigie Telecom: outage incident has had no public update in time (due 2026-11-23T09:50:00.000Z) — 42 mentions (4 expected); coupure, fibre, lyon',
    ],
  ];
  it.each(cases)('sums %s up in one line', (type, subject, text) => {
    expect(webhookText({ type, incident: subject })).toBe(text);
  });

  it('keys severity changes per level and other events per incident', () => {
    expect(webhookEventKey({ type: 'incident.severity_changed', incident })).toBe(
      'incident.severity_changed:i-1:critical',
    );
    expect(webhookEventKey({ type: 'incident.acknowledged', incident })).toBe('incident.acknowledged:i-1');
  });

  it('carries the incident without customer posts', () => {
    const payload = webhookPayload({
      eventKey: 'incident.opened:i-1',
      type: 'incident.opened',
      occurredAt: new Date('2026-11-23T09:20:00Z'),
      incident,
    });
    expect(payload).toMatchObject({
      id: 'incident.opened:i-1',
      type: 'incident.opened',
      occurredAt: '2026-11-23T09:20:00.000Z',
      incident: {
        id: 'i-1',
        topTerms: ['coupure', 'fibre', 'lyon', 'box'],
        firstUpdateDueAt: '2026-11-23T09:50:00.000Z',
      },
    });
    expect(JSON.stringify(payload)).not.toContain('private customer text');
  });
});
