import { DomainError } from '@vigie/kernel';
import { agent, conversation, minutesBefore, now } from '../testing/routing.fixture';
import { drainQueue } from './drain-queue.policy';
import { type AgentSnapshot, type TeamRoutingPolicy } from './routing.types';
import { WorkingHours, type AgentHours } from './working-hours.rules';

const roundRobin = (): TeamRoutingPolicy => 'round_robin';
const leastLoaded = (): TeamRoutingPolicy => 'least_loaded';

describe('drainQueue', () => {
  it('serves the queue by priority, then due time, then arrival, when room is short', () => {
    const queue = [
      conversation({ id: 'low', priority: 'low', queuedAt: minutesBefore(500) }),
      conversation({ id: 'medium-due-later', dueAt: minutesBefore(-40) }),
      conversation({ id: 'urgent', priority: 'urgent', queuedAt: minutesBefore(1) }),
      conversation({ id: 'medium-due-soon', dueAt: minutesBefore(-10) }),
    ];
    const agents = [agent({ id: 'a', capacity: 1 }), agent({ id: 'b', capacity: 1 })];
    const result = drainQueue({ queue, agents, policyFor: roundRobin, now });
    expect(result.assignments.map(({ conversationId }) => conversationId)).toEqual([
      'urgent',
      'medium-due-soon',
    ]);
    expect(result.stillQueued.map(({ conversationId, why }) => [conversationId, why])).toEqual([
      ['medium-due-later', 'all_at_capacity'],
      ['low', 'all_at_capacity'],
    ]);
  });

  it('counts each assignment against capacity and returns the updated snapshots', () => {
    const queue = ['c-1', 'c-2', 'c-3', 'c-4'].map((id) => conversation({ id }));
    const agents = [agent({ id: 'a', capacity: 2, openCount: 1 }), agent({ id: 'b', capacity: 2 })];
    const result = drainQueue({ queue, agents, policyFor: leastLoaded, now });
    expect(result.assignments).toHaveLength(3);
    expect(result.stillQueued.map(({ conversationId }) => conversationId)).toEqual(['c-4']);
    expect(
      result.agents.map(({ id, openCount, lastAssignedAt }) => ({ id, openCount, lastAssignedAt })),
    ).toEqual([
      { id: 'a', openCount: 2, lastAssignedAt: now },
      { id: 'b', openCount: 2, lastAssignedAt: now },
    ]);
  });

  it('does not let a conversation nobody can take block the ones behind it', () => {
    const queue = [
      conversation({ id: 'needs-fraud', priority: 'urgent', requiredSkills: ['fraud'] }),
      conversation({ id: 'other-team', priority: 'urgent', teamId: 't-9' }),
      conversation({ id: 'plain', priority: 'low' }),
    ];
    const result = drainQueue({ queue, agents: [agent({ id: 'a' })], policyFor: roundRobin, now });
    expect(result.assignments.map(({ conversationId, agentId }) => [conversationId, agentId])).toEqual([
      ['plain', 'a'],
    ]);
    expect(result.stillQueued.map(({ conversationId, why }) => [conversationId, why])).toEqual([
      ['needs-fraud', 'missing_skills'],
      ['other-team', 'empty_team'],
    ]);
  });

  it('keeps round robin rotating inside one drain, where every assignment has the same instant', () => {
    const queue = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6', 'c-7'].map((id) => conversation({ id }));
    const agents = ['a', 'b', 'c'].map((id) => agent({ id, capacity: 10 }));
    const result = drainQueue({ queue, agents, policyFor: roundRobin, now });
    expect(result.assignments.map(({ agentId }) => agentId)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('evens out the load with least loaded', () => {
    const queue = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6'].map((id) => conversation({ id }));
    const agents = [agent({ id: 'a' }), agent({ id: 'b', openCount: 2 }), agent({ id: 'c', openCount: 4 })];
    const result = drainQueue({ queue, agents, policyFor: leastLoaded, now });
    expect(result.agents.map(({ openCount }) => openCount)).toEqual([4, 4, 4]);
  });

  it('applies each conversation its own policy and sticky agents', () => {
    const queue = [
      conversation({ id: 'owned', contact: { accountOwnerId: 'owner' } }),
      conversation({ id: 'team-2', teamId: 't-2' }),
    ];
    const agents = [agent({ id: 'owner', teamIds: ['t-2'] }), agent({ id: 'a' })];
    const result = drainQueue({
      queue,
      agents,
      policyFor: ({ teamId }) => (teamId === 't-2' ? 'least_loaded' : 'round_robin'),
      now,
    });
    expect(
      result.assignments.map(({ conversationId, agentId, reason }) => [conversationId, agentId, reason]),
    ).toEqual([
      ['owned', 'owner', 'account_owner'],
      ['team-2', 'owner', 'least_loaded'],
    ]);
  });

  it('does nothing on an empty queue and never mutates its inputs', () => {
    const agents = Object.freeze([Object.freeze(agent({ id: 'a' }))]);
    expect(drainQueue({ queue: [], agents, policyFor: roundRobin, now })).toEqual({
      assignments: [],
      stillQueued: [],
      agents,
    });
    const queue = Object.freeze([
      Object.freeze(conversation({ id: 'c-2' })),
      Object.freeze(conversation({ id: 'c-1' })),
    ]);
    drainQueue({ queue, agents, policyFor: roundRobin, now });
    expect(agents[0].openCount).toBe(0);
    expect(queue.map(({ id }) => id)).toEqual(['c-2', 'c-1']);
  });

  it('rejects a queue listing a conversation twice', () => {
    const queue = [conversation({ id: 'c-1' }), conversation({ id: 'c-1' })];
    expect(() => drainQueue({ queue, agents: [], policyFor: roundRobin, now })).toThrow(DomainError);
  });

  it('keeps the queue waiting while its agents are outside their hours, and drains it at the opening', () => {
    // Léa starts at 14:00 in Paris (her own calendar); the queue waits until then, whatever the order.
    const workingHours = new WorkingHours();
    const leaHours: AgentHours = {
      own: { timezone: 'Europe/Paris', weekly: { mon: [['14:00', '22:00']] } },
      teams: [],
    };
    const snapshotAt = (at: Date): AgentSnapshot[] => [
      agent({ id: 'lea', isWithinHours: workingHours.isWithinHours(leaHours, at) }),
    ];
    const queue = [conversation({ id: 'c-1' }), conversation({ id: 'c-2', priority: 'high' })];
    const morning = new Date('2026-03-02T10:00:00Z');
    const before = drainQueue({ queue, agents: snapshotAt(morning), policyFor: roundRobin, now: morning });
    expect(before.assignments).toEqual([]);
    expect(before.stillQueued.map(({ why }) => why)).toEqual(['no_agent_on_duty', 'no_agent_on_duty']);
    const opening = workingHours.nextOpening(leaHours, morning) as Date;
    expect(opening.toISOString()).toBe('2026-03-02T13:00:00.000Z');
    const after = drainQueue({ queue, agents: snapshotAt(opening), policyFor: roundRobin, now: opening });
    expect(after.assignments.map(({ conversationId, agentId }) => [conversationId, agentId])).toEqual([
      ['c-2', 'lea'],
      ['c-1', 'lea'],
    ]);
  });

  it('leaves a conversation needing a skill nobody in its team holds, and drains the others', () => {
    const queue = [
      conversation({ id: 'outage', priority: 'urgent', requiredSkills: ['network'], skillsHeldInQueue: [] }),
      conversation({ id: 'question' }),
    ];
    const result = drainQueue({ queue, agents: [agent({ id: 'a' })], policyFor: roundRobin, now });
    expect(result.assignments.map(({ conversationId }) => conversationId)).toEqual(['question']);
    expect(result.stillQueued).toMatchObject([{ conversationId: 'outage', why: 'skill_not_in_team' }]);
  });
});
