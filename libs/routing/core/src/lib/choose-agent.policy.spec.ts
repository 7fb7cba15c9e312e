import { DomainError } from '@vigie/kernel';
import { agent, conversation, minutesBefore, now } from '../testing/routing.fixture';
import { chooseAgent } from './choose-agent.policy';
import { type AgentSnapshot, type RoutingDecision, type TeamRoutingPolicy } from './routing.types';

/** The parts of a decision the tables check; explanations are checked separately. */
function summary(decision: RoutingDecision) {
  return decision.agentId === null
    ? { agentId: null, reason: decision.reason, why: decision.why, skipped: decision.skipped }
    : {
        agentId: decision.agentId,
        reason: decision.reason,
        isLanguageFallback: decision.isLanguageFallback,
        skipped: decision.skipped,
      };
}

describe('chooseAgent: the account owner', () => {
  // The owner sits in another team on purpose: the relationship outranks the queue.
  const teammate = agent({ id: 'teammate' });
  const withOwner = conversation({ contact: { accountOwnerId: 'owner' } });

  it.each<[string, Partial<AgentSnapshot>, string, string | null]>([
    ['online, within hours and under capacity', {}, 'owner', null],
    ['one below capacity', { openCount: 4, capacity: 5 }, 'owner', null],
    ['offline', { status: 'offline' }, 'teammate', 'offline'],
    ['away', { status: 'away' }, 'teammate', 'away'],
    ['outside their working hours', { isWithinHours: false }, 'teammate', 'outside_hours'],
    ['at capacity', { openCount: 5, capacity: 5 }, 'teammate', 'at_capacity'],
    [
      'over a capacity lowered below their open count',
      { openCount: 7, capacity: 5 },
      'teammate',
      'at_capacity',
    ],
    ['with a capacity of 0', { capacity: 0 }, 'teammate', 'at_capacity'],
  ])('when the owner is %s, it assigns %s', (_label, overrides, expectedAgentId, skippedWhy) => {
    const owner = agent({ id: 'owner', teamIds: ['t-2'], ...overrides });
    const decision = chooseAgent({
      conversation: withOwner,
      agents: [owner, teammate],
      policy: 'round_robin',
    });
    expect(decision.agentId).toBe(expectedAgentId);
    expect(decision.reason).toBe(skippedWhy === null ? 'account_owner' : 'round_robin');
    expect(decision.skipped).toEqual(
      skippedWhy === null ? [] : [{ stage: 'account_owner', agentId: 'owner', why: skippedWhy }],
    );
  });

  it('passes over an owner who lacks a required skill', () => {
    const owner = agent({ id: 'owner', skills: ['cards'] });
    const fraudExpert = agent({ id: 'expert', skills: ['fraud'] });
    const decision = chooseAgent({
      conversation: conversation({ requiredSkills: ['fraud'], contact: { accountOwnerId: 'owner' } }),
      agents: [owner, fraudExpert],
      policy: 'least_loaded',
    });
    expect(summary(decision)).toEqual({
      agentId: 'expert',
      reason: 'least_loaded',
      isLanguageFallback: false,
      skipped: [{ stage: 'account_owner', agentId: 'owner', why: 'missing_skills' }],
    });
  });

  it('passes over an owner who is not among the brand agents', () => {
    const decision = chooseAgent({ conversation: withOwner, agents: [teammate], policy: 'round_robin' });
    expect(decision.skipped).toEqual([{ stage: 'account_owner', agentId: 'owner', why: 'unknown_agent' }]);
    expect(decision.agentId).toBe('teammate');
  });

  it('prefers the owner to the last agent when both could take it', () => {
    const decision = chooseAgent({
      conversation: conversation({ contact: { accountOwnerId: 'owner', lastAnsweredByAgentId: 'last' } }),
      agents: [agent({ id: 'owner' }), agent({ id: 'last' })],
      policy: 'round_robin',
    });
    expect(decision.reason).toBe('account_owner');
  });

  it('ignores the conversation language for the owner', () => {
    const decision = chooseAgent({
      conversation: conversation({ language: 'de', contact: { accountOwnerId: 'owner' } }),
      agents: [agent({ id: 'owner', languages: ['fr'] }), agent({ id: 'speaker', languages: ['de'] })],
      policy: 'round_robin',
    });
    expect(decision.agentId).toBe('owner');
  });
});

describe('chooseAgent: the last agent who answered the customer', () => {
  const teammate = agent({ id: 'teammate' });

  it.each<[string, Partial<AgentSnapshot>, string | null, string, string | null]>([
    ['on duty in the team', {}, 't-1', 'last', null],
    ['offline', { status: 'offline' }, 't-1', 'teammate', 'offline'],
    ['away', { status: 'away' }, 't-1', 'teammate', 'away'],
    ['outside their hours', { isWithinHours: false }, 't-1', 'teammate', 'outside_hours'],
    ['at capacity', { openCount: 5 }, 't-1', 'teammate', 'at_capacity'],
    ['in another team than the conversation', { teamIds: ['t-2'] }, 't-1', 'teammate', 'not_in_team'],
    ['in another team, for a conversation in the brand queue', { teamIds: ['t-2'] }, null, 'last', null],
  ])('when the last agent is %s, it assigns %s', (_label, overrides, teamId, expectedAgentId, skippedWhy) => {
    const last = agent({ id: 'last', ...overrides });
    const decision = chooseAgent({
      conversation: conversation({ teamId, contact: { lastAnsweredByAgentId: 'last' } }),
      agents: [last, teammate],
      policy: 'round_robin',
    });
    expect(decision.agentId).toBe(expectedAgentId);
    expect(decision.reason).toBe(skippedWhy === null ? 'last_agent' : 'round_robin');
    expect(decision.skipped).toEqual(
      skippedWhy === null ? [] : [{ stage: 'last_agent', agentId: 'last', why: skippedWhy }],
    );
  });

  it('falls to the last agent when the owner is full, and logs both', () => {
    const decision = chooseAgent({
      conversation: conversation({ contact: { accountOwnerId: 'owner', lastAnsweredByAgentId: 'last' } }),
      agents: [
        agent({ id: 'owner', name: 'Alice', openCount: 5 }),
        agent({ id: 'last', name: 'Bob', openCount: 1 }),
      ],
      policy: 'round_robin',
    });
    expect(decision).toEqual({
      agentId: 'last',
      reason: 'last_agent',
      isLanguageFallback: false,
      isSkillFallback: false,
      skipped: [{ stage: 'account_owner', agentId: 'owner', why: 'at_capacity' }],
      explanation:
        'Bob (last) answered this customer last and is on duty with room (1/5); account owner Alice (owner) is at capacity (5/5).',
    });
  });

  it('does not consider the owner twice when the owner also answered last', () => {
    const decision = chooseAgent({
      conversation: conversation({ contact: { accountOwnerId: 'owner', lastAnsweredByAgentId: 'owner' } }),
      agents: [agent({ id: 'owner', status: 'offline' }), agent({ id: 'teammate' })],
      policy: 'round_robin',
    });
    expect(decision.skipped).toEqual([{ stage: 'account_owner', agentId: 'owner', why: 'offline' }]);
  });
});

describe('chooseAgent: languages at the team stage', () => {
  const frOnly = (overrides: Partial<AgentSnapshot> = {}) =>
    agent({ id: 'fr-only', languages: ['fr'], ...overrides });
  const enOnly = (overrides: Partial<AgentSnapshot> = {}) =>
    agent({ id: 'en-only', languages: ['en-GB'], ...overrides });

  it.each<[string, string | null, AgentSnapshot[], string | null, boolean | null]>([
    ['a French conversation goes to the French speaker', 'fr', [frOnly(), enOnly()], 'fr-only', false],
    [
      'an English conversation goes to the English speaker (en-GB speaks en)',
      'en',
      [frOnly(), enOnly()],
      'en-only',
      false,
    ],
    ['a fr-CA conversation goes to the fr speaker', 'fr-CA', [frOnly(), enOnly()], 'fr-only', false],
    [
      'a conversation with no language goes to anyone (lowest id on a tie)',
      null,
      [frOnly(), enOnly()],
      'en-only',
      false,
    ],
    [
      'a German conversation nobody speaks goes to anyone, flagged as a fallback',
      'de',
      [frOnly(), enOnly()],
      'en-only',
      true,
    ],
    [
      'a French conversation waits while the French speaker on duty is full',
      'fr',
      [frOnly({ openCount: 5 }), enOnly()],
      null,
      null,
    ],
    [
      'a French conversation falls back when the French speaker is offline',
      'fr',
      [frOnly({ status: 'offline' }), enOnly()],
      'en-only',
      true,
    ],
    [
      'a French conversation falls back when the French speaker is away',
      'fr',
      [frOnly({ status: 'away' }), enOnly()],
      'en-only',
      true,
    ],
    [
      'a French conversation falls back when the French speaker is off shift',
      'fr',
      [frOnly({ isWithinHours: false }), enOnly()],
      'en-only',
      true,
    ],
  ])('%s', (_label, language, agents, expectedAgentId, isLanguageFallback) => {
    const decision = chooseAgent({
      conversation: conversation({ language }),
      agents,
      policy: 'least_loaded',
    });
    expect(decision.agentId).toBe(expectedAgentId);
    if (decision.agentId === null) expect(decision.why).toBe('all_at_capacity');
    else expect(decision.isLanguageFallback).toBe(isLanguageFallback);
  });

  it('explains a fallback and a language wait in the log sentence', () => {
    const fallback = chooseAgent({
      conversation: conversation({ language: 'de' }),
      agents: [frOnly()],
      policy: 'least_loaded',
    });
    expect(fallback.explanation).toBe(
      'Least loaded in team t-1: agent fr-only at 0/5 among 1 eligible agent (nobody on duty speaks de) with room.',
    );
    const waiting = chooseAgent({
      conversation: conversation({ language: 'fr' }),
      agents: [
        frOnly({ openCount: 5 }),
        agent({ id: 'fr-2', languages: ['fr'], capacity: 2, openCount: 2 }),
        enOnly(),
      ],
      policy: 'least_loaded',
    });
    expect(waiting.explanation).toBe(
      'Queued: team t-1 has 2 eligible agents who speak fr on duty, all at capacity.',
    );
  });
});

describe('chooseAgent: skills and capacity at the team stage', () => {
  it.each<[string, string[], AgentSnapshot[], string | null, string | null]>([
    [
      'takes the only agent with the skill',
      ['fraud'],
      [agent({ id: 'a' }), agent({ id: 'b', skills: ['fraud'] })],
      'b',
      null,
    ],
    [
      'takes the agent holding every required skill',
      ['fraud', 'cards'],
      [agent({ id: 'a', skills: ['fraud'] }), agent({ id: 'b', skills: ['cards', 'fraud'] })],
      'b',
      null,
    ],
    [
      'queues when nobody on duty has the skill',
      ['fraud'],
      [agent({ id: 'a' }), agent({ id: 'b', skills: ['cards'] })],
      null,
      'missing_skills',
    ],
    [
      'queues when the skilled agents are full, without giving it to an unskilled one',
      ['fraud'],
      [agent({ id: 'a' }), agent({ id: 'b', skills: ['fraud'], openCount: 5 })],
      null,
      'all_at_capacity',
    ],
    [
      'ignores an offline agent who has the skill',
      ['fraud'],
      [agent({ id: 'a' }), agent({ id: 'b', skills: ['fraud'], status: 'offline' })],
      null,
      'missing_skills',
    ],
    ['takes an agent one below capacity', [], [agent({ id: 'a', openCount: 4, capacity: 5 })], 'a', null],
    [
      'queues when every agent is exactly at capacity',
      [],
      [agent({ id: 'a', openCount: 5 }), agent({ id: 'b', openCount: 5 })],
      null,
      'all_at_capacity',
    ],
    [
      'never takes an agent with a capacity of 0',
      [],
      [agent({ id: 'a', capacity: 0 })],
      null,
      'all_at_capacity',
    ],
  ])('%s', (_label, requiredSkills, agents, expectedAgentId, queuedWhy) => {
    for (const policy of ['round_robin', 'least_loaded'] as const) {
      const decision = chooseAgent({ conversation: conversation({ requiredSkills }), agents, policy });
      expect(decision.agentId).toBe(expectedAgentId);
      if (decision.agentId === null) expect(decision.why).toBe(queuedWhy);
    }
  });
});

describe('chooseAgent: a required skill nobody in the queue holds', () => {
  // Léa holds network and is offline; nobody in t-1 holds billing at all.
  const agents = [
    agent({ id: 'lea', name: 'Léa', skills: ['network'], status: 'offline' }),
    agent({ id: 'sam', name: 'Sam', skills: [] }),
  ];
  const held = ['network'];

  it.each<[string, Parameters<typeof conversation>[0], string | null, string | null, boolean]>([
    [
      'waits, by default, when nobody in the team holds the skill',
      { requiredSkills: ['billing'], skillsHeldInQueue: held },
      null,
      'skill_not_in_team',
      false,
    ],
    [
      'waits with the explicit wait policy',
      { requiredSkills: ['billing'], skillsHeldInQueue: held, skillFallback: 'wait' },
      null,
      'skill_not_in_team',
      false,
    ],
    [
      'drops a skill nobody holds under the any-agent fallback',
      { requiredSkills: ['billing'], skillsHeldInQueue: held, skillFallback: 'any_agent' },
      'sam',
      null,
      true,
    ],
    [
      'keeps a held skill hard under the fallback: its holder is offline, so it waits for them',
      { requiredSkills: ['billing', 'network'], skillsHeldInQueue: held, skillFallback: 'any_agent' },
      null,
      'missing_skills',
      false,
    ],
    [
      'does not fall back when someone holds the skill but is off duty',
      { requiredSkills: ['network'], skillsHeldInQueue: held, skillFallback: 'any_agent' },
      null,
      'missing_skills',
      false,
    ],
    [
      'assumes every skill is held when the queue’s skills are unknown',
      { requiredSkills: ['billing'], skillFallback: 'any_agent' },
      null,
      'missing_skills',
      false,
    ],
  ])('%s', (_label, overrides, expectedAgentId, queuedWhy, isSkillFallback) => {
    const decision = chooseAgent({ conversation: conversation(overrides), agents, policy: 'round_robin' });
    expect(decision.agentId).toBe(expectedAgentId);
    if (decision.agentId === null) expect(decision.why).toBe(queuedWhy);
    else expect(decision.isSkillFallback).toBe(isSkillFallback);
  });

  it('says in the log sentence that it waits for the skill, or that the policy let anyone take it', () => {
    const waiting = chooseAgent({
      conversation: conversation({ requiredSkills: ['billing', 'legal'], skillsHeldInQueue: held }),
      agents,
      policy: 'round_robin',
    });
    expect(waiting.explanation).toBe(
      'Queued: team t-1 has nobody with the skills billing, legal; the routing policy waits for one.',
    );
    const fallback = chooseAgent({
      conversation: conversation({
        requiredSkills: ['billing'],
        skillsHeldInQueue: held,
        skillFallback: 'any_agent',
      }),
      agents,
      policy: 'least_loaded',
    });
    expect(fallback.explanation).toBe(
      'Least loaded in team t-1: Sam (sam) at 0/5 among 1 eligible agent who speaks fr with room; nobody in team t-1 has the skill billing, so the routing policy lets any agent take it.',
    );
  });

  it('still gives it to an account owner in another team who holds the skill', () => {
    const decision = chooseAgent({
      conversation: conversation({
        requiredSkills: ['billing'],
        skillsHeldInQueue: held,
        contact: { accountOwnerId: 'owner' },
      }),
      agents: [...agents, agent({ id: 'owner', teamIds: ['t-2'], skills: ['billing'] })],
      policy: 'round_robin',
    });
    expect(summary(decision)).toMatchObject({ agentId: 'owner', reason: 'account_owner' });
  });

  it('reports an empty team before a missing skill', () => {
    const decision = chooseAgent({
      conversation: conversation({ requiredSkills: ['billing'], skillsHeldInQueue: [] }),
      agents: [],
      policy: 'round_robin',
    });
    expect(decision).toMatchObject({ agentId: null, why: 'empty_team' });
  });
});

describe('chooseAgent: working hours', () => {
  it('passes over an owner outside their hours and gives the conversation to a teammate within theirs', () => {
    const decision = chooseAgent({
      conversation: conversation({ contact: { accountOwnerId: 'owner' } }),
      agents: [
        agent({ id: 'owner', name: 'Sam', isWithinHours: false }),
        agent({ id: 'night', name: 'Nora', isWithinHours: false }),
        agent({ id: 'day', name: 'Léa' }),
      ],
      policy: 'round_robin',
    });
    expect(summary(decision)).toEqual({
      agentId: 'day',
      reason: 'round_robin',
      isLanguageFallback: false,
      skipped: [{ stage: 'account_owner', agentId: 'owner', why: 'outside_hours' }],
    });
    expect(decision.explanation).toContain('account owner Sam (owner) is outside their working hours');
  });
});

describe('chooseAgent: empty teams and presence', () => {
  it.each<[string, string | null, AgentSnapshot[], string]>([
    ['the brand has no agents', 't-1', [], 'empty_team'],
    ['every agent belongs to other teams', 't-1', [agent({ id: 'a', teamIds: ['t-2'] })], 'empty_team'],
    ['every team member is offline', 't-1', [agent({ id: 'a', status: 'offline' })], 'no_agent_on_duty'],
    ['every team member is away', 't-1', [agent({ id: 'a', status: 'away' })], 'no_agent_on_duty'],
    [
      'every team member is outside their hours',
      't-1',
      [agent({ id: 'a', isWithinHours: false })],
      'no_agent_on_duty',
    ],
    ['the brand queue has no agents', null, [], 'empty_team'],
  ])('queues when %s', (_label, teamId, agents, why) => {
    for (const policy of ['round_robin', 'least_loaded'] as const) {
      const decision = chooseAgent({ conversation: conversation({ teamId }), agents, policy });
      expect(summary(decision)).toEqual({ agentId: null, reason: 'queued', why, skipped: [] });
    }
  });

  it('spreads a conversation without a team over every agent of the brand', () => {
    const decision = chooseAgent({
      conversation: conversation({ teamId: null }),
      agents: [agent({ id: 'a', teamIds: ['t-2'] })],
      policy: 'least_loaded',
    });
    expect(decision.agentId).toBe('a');
    expect(decision.explanation).toBe(
      'Least loaded in the b-1 brand queue: agent a at 0/5 among 1 eligible agent who speaks fr with room.',
    );
  });

  it('writes why it queued and whom it passed over', () => {
    const decision = chooseAgent({
      conversation: conversation({ contact: { accountOwnerId: 'owner' } }),
      agents: [agent({ id: 'owner', name: 'Alice', status: 'away' }), agent({ id: 'a', status: 'offline' })],
      policy: 'round_robin',
    });
    expect(decision.explanation).toBe(
      'Queued: team t-1 has 2 agents but none is online and within their hours; account owner Alice (owner) is away.',
    );
  });
});

describe('chooseAgent: tie-breaking', () => {
  it.each<[string, TeamRoutingPolicy, AgentSnapshot[], string]>([
    [
      'least loaded takes the lowest open count',
      'least_loaded',
      [agent({ id: 'a', openCount: 2 }), agent({ id: 'b', openCount: 1 })],
      'b',
    ],
    [
      'least loaded compares utilisation, not raw counts (2/10 before 1/3)',
      'least_loaded',
      [agent({ id: 'a', openCount: 1, capacity: 3 }), agent({ id: 'b', openCount: 2, capacity: 10 })],
      'b',
    ],
    [
      'least loaded breaks an equal load by the longest time since the last assignment',
      'least_loaded',
      [
        agent({ id: 'a', lastAssignedAt: minutesBefore(5) }),
        agent({ id: 'b', lastAssignedAt: minutesBefore(30) }),
      ],
      'b',
    ],
    [
      'least loaded breaks an equal load and time by the lowest id',
      'least_loaded',
      [
        agent({ id: 'b', lastAssignedAt: minutesBefore(5) }),
        agent({ id: 'a', lastAssignedAt: minutesBefore(5) }),
      ],
      'a',
    ],
    [
      'round robin takes a never-assigned agent first',
      'round_robin',
      [agent({ id: 'a', lastAssignedAt: minutesBefore(600) }), agent({ id: 'b', lastAssignedAt: null })],
      'b',
    ],
    [
      'round robin ignores load and takes the longest without an assignment',
      'round_robin',
      [
        agent({ id: 'a', openCount: 0, lastAssignedAt: minutesBefore(1) }),
        agent({ id: 'b', openCount: 4, lastAssignedAt: minutesBefore(2) }),
      ],
      'b',
    ],
    [
      'round robin breaks an equal time by the lowest id',
      'round_robin',
      [agent({ id: 'b' }), agent({ id: 'a' })],
      'a',
    ],
  ])('%s', (_label, policy, agents, expectedAgentId) => {
    expect(chooseAgent({ conversation: conversation(), agents, policy }).agentId).toBe(expectedAgentId);
    // Input order never matters.
    expect(chooseAgent({ conversation: conversation(), agents: [...agents].reverse(), policy }).agentId).toBe(
      expectedAgentId,
    );
  });
});

describe('chooseAgent: round robin across calls', () => {
  /** Routes `count` conversations one call at a time, recording each assignment as the server would. */
  function routeInSequence(params: {
    agents: AgentSnapshot[];
    count: number;
    beforeCall?: (call: number, agents: AgentSnapshot[]) => AgentSnapshot[];
  }) {
    let agents = params.agents;
    const chosen: string[] = [];
    for (let call = 0; call < params.count; call += 1) {
      agents = params.beforeCall?.(call, agents) ?? agents;
      const decision = chooseAgent({
        conversation: conversation({ id: `c-${call}` }),
        agents,
        policy: 'round_robin',
      });
      if (decision.agentId === null) throw new Error('expected an assignment');
      const at = new Date(now.getTime() + call * 1000);
      chosen.push(decision.agentId);
      agents = agents.map((candidate) =>
        candidate.id === decision.agentId
          ? { ...candidate, openCount: candidate.openCount + 1, lastAssignedAt: at }
          : candidate,
      );
    }
    return chosen;
  }

  it('rotates through every eligible agent in turn', () => {
    const agents = ['c', 'a', 'b'].map((id) => agent({ id, capacity: 100 }));
    expect(routeInSequence({ agents, count: 9 })).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('gives every continuously eligible agent the same share, within one', () => {
    const agents = ['a', 'b', 'c', 'd', 'e'].map((id, index) =>
      agent({ id, capacity: 100, lastAssignedAt: minutesBefore(index) }),
    );
    const chosen = routeInSequence({ agents, count: 23 });
    const counts = agents.map(({ id }) => chosen.filter((agentId) => agentId === id).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('skips a full agent and gives them the next turn once they have room', () => {
    const agents = ['a', 'b', 'c'].map((id) => agent({ id, capacity: 100 }));
    const chosen = routeInSequence({
      agents,
      count: 6,
      // b is full for calls 1 and 2, then has room again.
      beforeCall: (call, current) =>
        current.map((candidate) =>
          candidate.id === 'b'
            ? { ...candidate, capacity: call === 1 || call === 2 ? candidate.openCount : 100 }
            : candidate,
        ),
    });
    expect(chosen).toEqual(['a', 'c', 'a', 'b', 'c', 'a']);
  });
});

describe('chooseAgent: input validation', () => {
  it.each<[string, AgentSnapshot[]]>([
    ['duplicate agent ids', [agent({ id: 'a' }), agent({ id: 'a' })]],
    ['a negative capacity', [agent({ id: 'a', capacity: -1 })]],
    ['a fractional open count', [agent({ id: 'a', openCount: 1.5 })]],
  ])('rejects snapshots with %s', (_label, agents) => {
    expect(() => chooseAgent({ conversation: conversation(), agents, policy: 'round_robin' })).toThrow(
      DomainError,
    );
  });
});
