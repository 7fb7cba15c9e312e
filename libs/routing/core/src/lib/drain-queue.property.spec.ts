import fc from 'fast-check';
import { now } from '../testing/routing.fixture';
import { drainQueue } from './drain-queue.policy';
import {
  type AgentSnapshot,
  type ConversationToRoute,
  type SkillFallback,
  type TeamRoutingPolicy,
} from './routing.types';

const teams = ['t-1', 't-2'];
const languages = ['fr', 'en', 'de'];
const skills = ['fraud', 'cards'];
const agentIds = ['a-0', 'a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6', 'a-7'];

const instant = fc
  .integer({ min: -600, max: 600 })
  .map((minutes) => new Date(now.getTime() + minutes * 60_000));

const agentsArbitrary: fc.Arbitrary<AgentSnapshot[]> = fc
  .uniqueArray(fc.constantFrom(...agentIds), { maxLength: agentIds.length })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.record({
          id: fc.constant(id),
          status: fc.constantFrom('online', 'online', 'away', 'offline'),
          statusSince: instant,
          languages: fc.subarray(languages),
          skills: fc.subarray(skills),
          capacity: fc.integer({ min: 0, max: 4 }),
          openCount: fc.integer({ min: 0, max: 5 }),
          teamIds: fc.subarray(teams),
          isWithinHours: fc.boolean(),
          lastAssignedAt: fc.option(instant),
        }),
      ),
    ),
  );

/** Owners and last agents are drawn from the same ids, plus one that is not an agent. */
const stickyId = fc.option(fc.constantFrom(...agentIds, 'gone'));

const queueArbitrary: fc.Arbitrary<ConversationToRoute[]> = fc
  .array(
    fc.record({
      brandId: fc.constant('b-1'),
      teamId: fc.option(fc.constantFrom(...teams)),
      language: fc.option(fc.constantFrom(...languages, 'it')),
      requiredSkills: fc.subarray(skills, { maxLength: 1 }),
      priority: fc.constantFrom('urgent', 'high', 'medium', 'low'),
      dueAt: fc.option(instant),
      queuedAt: instant,
      contact: fc.record({ accountOwnerId: stickyId, lastAnsweredByAgentId: stickyId }),
    }),
    { maxLength: 30 },
  )
  .map((conversations) =>
    conversations.map((conversation, index) => ({ ...conversation, id: `c-${index}` })),
  );

const policyArbitrary = fc.constantFrom<TeamRoutingPolicy>('round_robin', 'least_loaded');

/**
 * Independent oracle for "an eligible agent of the team with room": on duty, in the team, with the skills,
 * room, and the conversation's language unless nobody on duty who could take it speaks it.
 */
function eligibleWithRoom(
  conversation: ConversationToRoute,
  agents: readonly AgentSnapshot[],
): AgentSnapshot[] {
  const couldTake = agents.filter(
    (agent) =>
      agent.status === 'online' &&
      agent.isWithinHours &&
      (conversation.teamId === null || agent.teamIds.includes(conversation.teamId)) &&
      conversation.requiredSkills.every((skill) => agent.skills.includes(skill)),
  );
  const speakers = couldTake.filter(
    (agent) => conversation.language !== null && agent.languages.includes(conversation.language),
  );
  const pool = conversation.language === null || speakers.length === 0 ? couldTake : speakers;
  return pool.filter((agent) => agent.openCount < agent.capacity);
}

describe('drainQueue properties', () => {
  it('never exceeds capacity, never assigns to an agent off duty, and never leaves a conversation waiting while an eligible agent has room', () => {
    fc.assert(
      fc.property(agentsArbitrary, queueArbitrary, policyArbitrary, (agents, queue, policy) => {
        const result = drainQueue({ queue, agents, policyFor: () => policy, now });
        const byId = new Map(agents.map((agent) => [agent.id, agent]));

        // Every conversation is either assigned or still queued, exactly once.
        const outcomes = [...result.assignments, ...result.stillQueued].map(
          ({ conversationId }) => conversationId,
        );
        expect([...outcomes].sort()).toEqual(queue.map(({ id }) => id).sort());

        for (const assignment of result.assignments) {
          const chosen = byId.get(assignment.agentId);
          const conversation = queue.find(({ id }) => id === assignment.conversationId);
          expect(chosen?.status).toBe('online');
          expect(chosen?.isWithinHours).toBe(true);
          expect(conversation?.requiredSkills.every((skill) => chosen?.skills.includes(skill))).toBe(true);
        }

        for (const before of agents) {
          const received = result.assignments.filter(({ agentId }) => agentId === before.id).length;
          const after = result.agents.find(({ id }) => id === before.id);
          expect(after?.openCount).toBe(before.openCount + received);
          if (received > 0) expect(before.openCount + received).toBeLessThanOrEqual(before.capacity);
        }

        for (const waiting of result.stillQueued) {
          const conversation = queue.find(({ id }) => id === waiting.conversationId);
          if (!conversation) throw new Error('unknown conversation');
          expect(eligibleWithRoom(conversation, result.agents)).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same result for the same input, whatever the input order', () => {
    fc.assert(
      fc.property(agentsArbitrary, queueArbitrary, policyArbitrary, (agents, queue, policy) => {
        const forward = drainQueue({ queue, agents, policyFor: () => policy, now });
        const reversed = drainQueue({
          queue: [...queue].reverse(),
          agents: [...agents].reverse(),
          policyFor: () => policy,
          now,
        });
        expect(reversed.assignments).toEqual(forward.assignments);
        expect(reversed.stillQueued).toEqual(forward.stillQueued);
      }),
      { numRuns: 200 },
    );
  });

  it('with skills nobody in the team holds: waits under `wait`, drops only those skills under `any_agent`', () => {
    const fallbackArbitrary = fc.array(fc.constantFrom<SkillFallback>('wait', 'any_agent'), {
      minLength: 30,
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        agentsArbitrary,
        queueArbitrary,
        policyArbitrary,
        fallbackArbitrary,
        (agents, generated, policy, fallbacks) => {
          // As the server does: the skills held in the conversation's queue by anyone, whatever their status.
          const queue = generated.map((conversation, index) => ({
            ...conversation,
            requiredSkills: [...conversation.requiredSkills, ...(index % 3 === 0 ? ['legal'] : [])],
            skillFallback: fallbacks[index] ?? 'wait',
            skillsHeldInQueue: [
              ...new Set(
                agents
                  .filter(
                    (agent) => conversation.teamId === null || agent.teamIds.includes(conversation.teamId),
                  )
                  .flatMap((agent) => agent.skills),
              ),
            ],
          }));
          const effective = (conversation: (typeof queue)[number]): ConversationToRoute => {
            const unheld = conversation.requiredSkills.filter(
              (skill) => !conversation.skillsHeldInQueue.includes(skill),
            );
            if (unheld.length > 0 && conversation.skillFallback === 'wait')
              return { ...conversation, teamId: 'nobody-can-take-it' };
            return {
              ...conversation,
              requiredSkills: conversation.requiredSkills.filter((skill) => !unheld.includes(skill)),
            };
          };
          const result = drainQueue({ queue, agents, policyFor: () => policy, now });
          const byId = new Map(agents.map((agent) => [agent.id, agent]));
          for (const assignment of result.assignments) {
            const conversation = queue.find(({ id }) => id === assignment.conversationId);
            if (!conversation) throw new Error('unknown conversation');
            const needed = effective(conversation).requiredSkills;
            expect(needed.every((skill) => byId.get(assignment.agentId)?.skills.includes(skill))).toBe(true);
            expect(assignment.isSkillFallback).toBe(needed.length < conversation.requiredSkills.length);
          }
          for (const waiting of result.stillQueued) {
            const conversation = queue.find(({ id }) => id === waiting.conversationId);
            if (!conversation) throw new Error('unknown conversation');
            expect(eligibleWithRoom(effective(conversation), result.agents)).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
