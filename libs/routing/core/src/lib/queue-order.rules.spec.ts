import { conversation, minutesBefore } from '../testing/routing.fixture';
import { compareQueued } from './queue-order.rules';
import { type ConversationToRoute } from './routing.types';

const queued = (id: string, overrides: Partial<Omit<ConversationToRoute, 'contact'>>) =>
  conversation({ id, ...overrides });

describe('compareQueued', () => {
  it.each<[string, ConversationToRoute, ConversationToRoute]>([
    [
      'urgent before high',
      queued('x', { priority: 'urgent' }),
      queued('y', { priority: 'high', dueAt: minutesBefore(60) }),
    ],
    ['high before medium', queued('x', { priority: 'high' }), queued('y', { priority: 'medium' })],
    [
      'medium before low',
      queued('x', { priority: 'medium', queuedAt: minutesBefore(1) }),
      queued('y', { priority: 'low', queuedAt: minutesBefore(99) }),
    ],
    [
      'the earlier due time within a priority',
      queued('x', { dueAt: minutesBefore(-5) }),
      queued('y', { dueAt: minutesBefore(-30), queuedAt: minutesBefore(60) }),
    ],
    [
      'a due time before no due time',
      queued('x', { dueAt: minutesBefore(-600) }),
      queued('y', { dueAt: null, queuedAt: minutesBefore(60) }),
    ],
    [
      'the earlier arrival on an equal due time',
      queued('x', { dueAt: minutesBefore(-5), queuedAt: minutesBefore(20) }),
      queued('y', { dueAt: minutesBefore(-5), queuedAt: minutesBefore(10) }),
    ],
    [
      'the earlier arrival when neither has a due time',
      queued('x', { queuedAt: minutesBefore(20) }),
      queued('y', { queuedAt: minutesBefore(10) }),
    ],
    ['the lower id when everything else is equal', queued('x', {}), queued('y', {})],
  ])('puts %s', (_label, first, second) => {
    expect(compareQueued(first, second)).toBeLessThan(0);
    expect(compareQueued(second, first)).toBeGreaterThan(0);
  });

  it('returns 0 only for the same conversation', () => {
    const same = queued('x', {});
    expect(compareQueued(same, { ...same })).toBe(0);
  });

  it('sorts a queue by priority, then due time, then arrival', () => {
    const queue = [
      queued('low-old', { priority: 'low', queuedAt: minutesBefore(500) }),
      queued('medium-no-due', { priority: 'medium', queuedAt: minutesBefore(300) }),
      queued('medium-due-later', { priority: 'medium', dueAt: minutesBefore(-40) }),
      queued('urgent', { priority: 'urgent', queuedAt: minutesBefore(1) }),
      queued('medium-due-soon', { priority: 'medium', dueAt: minutesBefore(-10) }),
    ];
    expect([...queue].sort(compareQueued).map(({ id }) => id)).toEqual([
      'urgent',
      'medium-due-soon',
      'medium-due-later',
      'medium-no-due',
      'low-old',
    ]);
  });
});
