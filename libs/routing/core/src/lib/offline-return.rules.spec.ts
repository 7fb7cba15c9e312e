import { DomainError } from '@vigie/kernel';
import { agent, minutesBefore, now } from '../testing/routing.fixture';
import { conversationsToReturn, defaultOfflineGraceMs, type HeldConversation } from './offline-return.rules';
import { type AgentSnapshot } from './routing.types';

const graceMs = 5 * 60_000;
const waiting = (id: string, assigneeId = 'a', waitedMinutes = 3): HeldConversation => ({
  id,
  assigneeId,
  waitingSince: minutesBefore(waitedMinutes),
});

describe('conversationsToReturn', () => {
  it.each<[string, Partial<AgentSnapshot>, boolean]>([
    ['keeps them while the agent is online', { status: 'online' }, false],
    [
      'keeps them while the agent is away, however long',
      { status: 'away', statusSince: minutesBefore(600) },
      false,
    ],
    ['keeps them during the grace period', { status: 'offline', statusSince: minutesBefore(4) }, false],
    [
      'keeps them one millisecond before the grace period ends',
      { status: 'offline', statusSince: new Date(now.getTime() - graceMs + 1) },
      false,
    ],
    [
      'returns them when the grace period has just elapsed',
      { status: 'offline', statusSince: minutesBefore(5) },
      true,
    ],
    ['returns them after a long absence', { status: 'offline', statusSince: minutesBefore(600) }, true],
    [
      'keeps them when the offline instant is in the future (clock skew)',
      { status: 'offline', statusSince: minutesBefore(-1) },
      false,
    ],
  ])('%s', (_label, overrides, isReturned) => {
    const returned = conversationsToReturn({
      conversations: [waiting('c-1')],
      agents: [agent({ id: 'a', ...overrides })],
      now,
      graceMs,
    });
    expect(returned.map(({ conversationId }) => conversationId)).toEqual(isReturned ? ['c-1'] : []);
  });

  it('returns only conversations whose customer awaits a reply', () => {
    const returned = conversationsToReturn({
      conversations: [waiting('waiting'), { id: 'answered', assigneeId: 'a', waitingSince: null }],
      agents: [agent({ id: 'a', status: 'offline', statusSince: minutesBefore(30) })],
      now,
      graceMs,
    });
    expect(returned).toEqual([
      {
        conversationId: 'waiting',
        agentId: 'a',
        why: 'agent_offline',
        explanation:
          'Returned to the queue: agent a has been offline for 30 min (grace 5 min) and the customer is waiting.',
      },
    ]);
  });

  it('returns at once the waiting conversations of an assignee who is no longer an agent', () => {
    const returned = conversationsToReturn({
      conversations: [waiting('c-1', 'gone')],
      agents: [],
      now,
      graceMs,
    });
    expect(returned.map(({ conversationId, why }) => [conversationId, why])).toEqual([
      ['c-1', 'unknown_agent'],
    ]);
  });

  it('lists the longest wait first, and leaves the other agents alone', () => {
    const returned = conversationsToReturn({
      conversations: [waiting('recent', 'a', 2), waiting('old', 'a', 50), waiting('online-agent', 'b', 99)],
      agents: [agent({ id: 'a', status: 'offline', statusSince: minutesBefore(10) }), agent({ id: 'b' })],
      now,
      graceMs,
    });
    expect(returned.map(({ conversationId }) => conversationId)).toEqual(['old', 'recent']);
  });

  it('uses a five-minute grace period by default', () => {
    expect(defaultOfflineGraceMs).toBe(5 * 60_000);
    const agents = [agent({ id: 'a', status: 'offline', statusSince: minutesBefore(4) })];
    expect(conversationsToReturn({ conversations: [waiting('c-1')], agents, now })).toEqual([]);
  });

  it.each([-1, Number.NaN])('rejects a grace period of %s ms', (invalidGraceMs) => {
    expect(() =>
      conversationsToReturn({ conversations: [], agents: [], now, graceMs: invalidGraceMs }),
    ).toThrow(DomainError);
  });
});
