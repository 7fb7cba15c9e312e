import { priorityFor, type PriorityInput } from './priority-for';

const now = new Date('2026-03-02T10:00:00Z');
const base: PriorityInput = {
  intent: 'question',
  sentiment: 'neutral',
  urgencyWords: [],
  followers: 150,
  isVerified: false,
  now,
};
const minutesFromNow = (minutes: number): Date => new Date(now.getTime() + minutes * 60_000);

describe('priorityFor', () => {
  it.each<[string, string, Partial<PriorityInput>]>([
    ['a plain question', 'normal', {}],
    ['praise', 'low', { intent: 'praise', sentiment: 'positive' }],
    ['spam, even from a big account', 'low', { intent: 'spam', followers: 500_000, isVerified: true }],
    ['an angry outage report', 'high', { intent: 'outage_report', sentiment: 'negative' }],
    [
      'an angry complaint from a VIP',
      'urgent',
      { intent: 'complaint', sentiment: 'negative', contactTier: 'vip' },
    ],
    ['a question from a verified 200k account', 'high', { followers: 200_000, isVerified: true }],
    ['a question whose SLA is overdue', 'high', { dueAt: minutesFromNow(-5) }],
    [
      'an angry complaint with urgency words due in 10 min',
      'urgent',
      { intent: 'complaint', sentiment: 'negative', urgencyWords: ['urgent'], dueAt: minutesFromNow(10) },
    ],
    ['a question due in 3 hours', 'normal', { dueAt: minutesFromNow(180) }],
  ])('gives %s the %s priority', (_name, priority, overrides) => {
    expect(priorityFor({ ...base, ...overrides }).priority).toBe(priority);
  });

  it('shows every contribution, largest first, for the agent', () => {
    const result = priorityFor({
      ...base,
      intent: 'complaint',
      sentiment: 'negative',
      urgencyWords: ['fraude', 'bloquee'],
      contactTier: 'premium',
      contactValue: 25_000,
      followers: 12_000,
      isVerified: true,
      dueAt: minutesFromNow(-90),
    });
    expect(result.reasons).toEqual([
      'SLA overdue by 2 h (+30)',
      'complaint (+25)',
      'urgency words: "fraude", "bloquee" (+20)',
      'account value 25,000 (+15)',
      'premium customer (+12)',
      'negative tone (+10)',
      'large audience (12k followers) (+10)',
      'verified author (+8)',
    ]);
    expect(result.score).toBe(130);
    expect(result.priority).toBe('urgent');
  });

  it('says so when no signal applies', () => {
    expect(priorityFor({ ...base, intent: 'other' }).reasons).toEqual(['no signal (0)']);
  });

  it.each([
    [15, 'SLA due in 15 min (+20)'],
    [16, 'SLA due in 16 min (+10)'],
    [60, 'SLA due in 60 min (+10)'],
    [0, 'SLA overdue by 0 min (+30)'],
  ])('scores an SLA due in %i minutes as %j', (minutes, reason) => {
    expect(priorityFor({ ...base, dueAt: minutesFromNow(minutes) }).reasons).toContain(reason);
  });

  it('caps urgency words at +20 and ignores duplicates', () => {
    const result = priorityFor({ ...base, urgencyWords: ['urgent', 'urgent', 'asap', 'fraud'] });
    expect(result.reasons[0]).toBe('urgency words: "urgent", "asap", "fraud" (+20)');
  });
});
