import { provisionalDueMs, routingPriority } from './routing-priority';
import type { PrioritySignals } from './routing.repository';

const at = '2026-03-02T09:00:00.000Z';
const question: PrioritySignals = {
  intent: 'question',
  sentiment: 'neutral',
  urgencyWords: [],
  followers: 10,
  isVerified: false,
  at,
};
const dueAt = new Date(Date.parse(at) + provisionalDueMs);

describe('routingPriority', () => {
  it.each([
    ['a plain question due in an hour', question, null, dueAt, 'medium'],
    [
      'an angry outage report',
      { ...question, intent: 'outage_report', sentiment: 'negative' },
      null,
      dueAt,
      'high',
    ],
    [
      'an angry outage report from a VIP account',
      { ...question, intent: 'outage_report', sentiment: 'negative' },
      { accountId: 'a', ownerUserId: 'u', tier: 'vip' as const, value: 50_000 },
      dueAt,
      'urgent',
    ],
    [
      'praise with no clock running',
      { ...question, intent: 'praise', sentiment: 'positive' },
      null,
      null,
      'low',
    ],
  ] as const)('ranks %s', (_label, signals, facts, due, expected) => {
    expect(routingPriority({ signals, facts, dueAt: due }).priority).toBe(expected);
  });

  it('explains the priority, largest contribution first, with the CRM facts once they are known', () => {
    const result = routingPriority({
      signals: { ...question, intent: 'complaint' },
      facts: { accountId: 'a', ownerUserId: null, tier: 'premium', value: 2_000 },
      dueAt,
    });
    expect(result.reasons).toEqual([
      'complaint (+25)',
      'premium customer (+12)',
      'SLA due in 60 min (+10)',
      'account value 2,000 (+6)',
    ]);
  });

  it('computes the SLA contribution at the signals’ own instant, so a recomputation later gives the same priority', () => {
    const first = routingPriority({ signals: question, facts: null, dueAt });
    const later = routingPriority({ signals: question, facts: null, dueAt });
    expect(later).toEqual(first);
    expect(first.reasons).toContain('SLA due in 60 min (+10)');
  });

  it('maps triage’s "normal" band to the queue’s "medium"', () => {
    expect(routingPriority({ signals: question, facts: null, dueAt: null }).priority).toBe('medium');
  });
});
