import { assertNever } from '@vigie/kernel';
import {
  agentLabel,
  assertValidAgents,
  checkEligibility,
  describeIneligibility,
  hasRoom,
  hasSkills,
  isInQueueOf,
  isOnDuty,
  primaryLanguage,
  queueLabel,
  skillsNobodyHolds,
  speaks,
} from './agent-eligibility.rules';
import {
  type AgentSnapshot,
  type ConversationToRoute,
  type QueuedWhy,
  type RoutingDecision,
  type SkippedCandidate,
  type TeamRoutingPolicy,
} from './routing.types';

/**
 * Tie-breaking among agents assigned in the same instant. `drainQueue` stamps every assignment of one drain
 * with the same `now`, so it passes the order of those assignments here; without it, round robin would hand
 * the whole drain to the lowest id once everyone's `lastAssignedAt` is equal.
 */
export type RotationOrder = ReadonlyMap<string, number>;

const noRotationOrder: RotationOrder = new Map();

function compareNumbers(left: number, right: number): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Ids compare by code unit, never by locale, so the same input gives the same choice on every machine. */
function compareIds(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Longest since the last assignment first (never assigned first of all), then earlier in this drain, then id. */
function compareRotation(left: AgentSnapshot, right: AgentSnapshot, order: RotationOrder): number {
  const leftAt = left.lastAssignedAt?.getTime() ?? null;
  const rightAt = right.lastAssignedAt?.getTime() ?? null;
  if (leftAt !== rightAt) {
    if (leftAt === null) return -1;
    if (rightAt === null) return 1;
    return compareNumbers(leftAt, rightAt);
  }
  const bySequence = compareNumbers(order.get(left.id) ?? -1, order.get(right.id) ?? -1);
  return bySequence !== 0 ? bySequence : compareIds(left.id, right.id);
}

/**
 * Lowest utilisation (openCount ÷ capacity) first, compared by cross-multiplication so no float rounding
 * decides; then the rotation order. Both agents have room, so both capacities are positive.
 */
function compareLoad(left: AgentSnapshot, right: AgentSnapshot, order: RotationOrder): number {
  const byLoad = compareNumbers(left.openCount * right.capacity, right.openCount * left.capacity);
  return byLoad !== 0 ? byLoad : compareRotation(left, right, order);
}

/** The first agent in `compare` order, in one pass (the drain calls this once per queued conversation). */
function pickFirst(
  candidates: readonly AgentSnapshot[],
  compare: (left: AgentSnapshot, right: AgentSnapshot) => number,
): AgentSnapshot {
  return candidates.reduce((best, candidate) => (compare(candidate, best) < 0 ? candidate : best));
}

type TeamPool =
  | { isFound: true; candidates: AgentSnapshot[]; isLanguageFallback: boolean; language: string | null }
  | { isFound: false; why: QueuedWhy; detail: string };

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `3 eligible agents who speak fr`, `1 eligible agent (nobody on duty speaks de)`. */
function describePool(params: {
  count: number;
  language: string | null;
  isLanguageFallback: boolean;
}): string {
  const { count, language } = params;
  const agents = plural(count, 'eligible agent');
  if (language === null) return agents;
  if (params.isLanguageFallback) return `${agents} (nobody on duty speaks ${language})`;
  return `${agents} who speak${count === 1 ? 's' : ''} ${language}`;
}

/**
 * The team stage's funnel: members → on duty → with every required skill → speaking the language (only when
 * someone on duty speaks it) → with room. The first step that leaves nobody is why the conversation waits.
 *
 * Language is a hard filter only while a speaker is on duty: a French conversation waits for a busy French
 * speaker rather than going to an idle English one, but when no French speaker is on duty at all it goes to
 * anyone eligible, so no language can make the queue stop draining.
 */
function findTeamPool(conversation: ConversationToRoute, agents: readonly AgentSnapshot[]): TeamPool {
  const members = agents.filter((agent) => isInQueueOf(agent, conversation));
  if (members.length === 0) return { isFound: false, why: 'empty_team', detail: 'has no agents' };
  // A skill nobody in the queue holds (whatever their status) cannot be waited out by presence or room: say so.
  const unheld = skillsNobodyHolds(conversation);
  if (unheld.length > 0) {
    return {
      isFound: false,
      why: 'skill_not_in_team',
      detail: `has nobody with the skill${unheld.length === 1 ? '' : 's'} ${unheld.join(', ')}; the routing policy waits for one`,
    };
  }
  const onDuty = members.filter(isOnDuty);
  if (onDuty.length === 0) {
    return {
      isFound: false,
      why: 'no_agent_on_duty',
      detail: `has ${plural(members.length, 'agent')} but none is online and within their hours`,
    };
  }
  const skilled = onDuty.filter((agent) => hasSkills(agent, conversation.requiredSkills));
  if (skilled.length === 0) {
    return {
      isFound: false,
      why: 'missing_skills',
      detail: `has nobody on duty with the skills ${conversation.requiredSkills.join(', ')}`,
    };
  }
  const language = conversation.language === null ? null : primaryLanguage(conversation.language);
  const speakers = language === null ? skilled : skilled.filter((agent) => speaks(agent, language));
  const isLanguageFallback = language !== null && speakers.length === 0;
  const pool = isLanguageFallback ? skilled : speakers;
  const candidates = pool.filter(hasRoom);
  if (candidates.length === 0) {
    return {
      isFound: false,
      why: 'all_at_capacity',
      detail: `has ${describePool({ count: pool.length, language, isLanguageFallback })} on duty, all at capacity`,
    };
  }
  return { isFound: true, candidates, isLanguageFallback, language };
}

function describeSkipped(
  skipped: readonly SkippedCandidate[],
  byId: ReadonlyMap<string, AgentSnapshot>,
  conversation: ConversationToRoute,
): string {
  return skipped
    .map(({ stage, agentId, why }) => {
      const agent = byId.get(agentId);
      const role = stage === 'account_owner' ? 'account owner' : 'last agent';
      return `${role} ${agentLabel(agent, agentId)} ${describeIneligibility({ why, agent, conversation })}`;
    })
    .join('; ');
}

function withSkipped(sentence: string, ...notes: string[]): string {
  const text = notes.filter((note) => note !== '').join('; ');
  return text === '' ? `${sentence}.` : `${sentence}; ${text}.`;
}

/**
 * The conversation as the stages see it. With the `any_agent` fallback, the required skills nobody in the queue
 * holds are dropped (the others stay hard requirements); with `wait`, it is unchanged and the team stage queues it.
 */
function withSkillFallback(conversation: ConversationToRoute): {
  conversation: ConversationToRoute;
  isSkillFallback: boolean;
  note: string;
} {
  const unheld = skillsNobodyHolds(conversation);
  if (unheld.length === 0 || (conversation.skillFallback ?? 'wait') !== 'any_agent') {
    return { conversation, isSkillFallback: false, note: '' };
  }
  return {
    conversation: {
      ...conversation,
      requiredSkills: conversation.requiredSkills.filter((skill) => !unheld.includes(skill)),
    },
    isSkillFallback: true,
    note: `nobody in ${queueLabel(conversation)} has the skill${unheld.length === 1 ? '' : 's'} ${unheld.join(', ')}, so the routing policy lets any agent take it`,
  };
}

/**
 * The decision engine shared by {@link chooseAgent} and `drainQueue`. Agents must be valid (see
 * `assertValidAgents`); `rotationOrder` breaks ties among agents assigned at the same instant.
 */
export function decideAssignment(params: {
  conversation: ConversationToRoute;
  agents: readonly AgentSnapshot[];
  agentsById: ReadonlyMap<string, AgentSnapshot>;
  policy: TeamRoutingPolicy;
  rotationOrder: RotationOrder;
}): RoutingDecision {
  const { agents, agentsById, policy, rotationOrder } = params;
  const { conversation, isSkillFallback, note: fallbackNote } = withSkillFallback(params.conversation);
  const skipped: SkippedCandidate[] = [];

  // 1. The CRM account's owner, whatever their team: the relationship outranks the queue.
  const ownerId = conversation.contact.accountOwnerId;
  if (ownerId !== null) {
    const owner = agentsById.get(ownerId);
    const why = checkEligibility({ agent: owner, conversation, isTeamRequired: false });
    if (why === null) {
      return {
        agentId: ownerId,
        reason: 'account_owner',
        isLanguageFallback: false,
        isSkillFallback,
        skipped,
        explanation: withSkipped(
          `Account owner ${agentLabel(owner, ownerId)} is on duty with room (${owner?.openCount}/${owner?.capacity})`,
          fallbackNote,
        ),
      };
    }
    skipped.push({ stage: 'account_owner', agentId: ownerId, why });
  }

  // 2. The agent who last answered this customer, if they belong to the conversation's team.
  const lastAgentId = conversation.contact.lastAnsweredByAgentId;
  if (lastAgentId !== null && lastAgentId !== ownerId) {
    const lastAgent = agentsById.get(lastAgentId);
    const why = checkEligibility({
      agent: lastAgent,
      conversation,
      isTeamRequired: conversation.teamId !== null,
    });
    if (why === null) {
      return {
        agentId: lastAgentId,
        reason: 'last_agent',
        isLanguageFallback: false,
        isSkillFallback,
        skipped,
        explanation: withSkipped(
          `${agentLabel(lastAgent, lastAgentId)} answered this customer last and is on duty with room (${lastAgent?.openCount}/${lastAgent?.capacity})`,
          describeSkipped(skipped, agentsById, conversation),
          fallbackNote,
        ),
      };
    }
    skipped.push({ stage: 'last_agent', agentId: lastAgentId, why });
  }

  // 3. The team, by its policy.
  const skippedText = describeSkipped(skipped, agentsById, conversation);
  const pool = findTeamPool(conversation, agents);
  if (!pool.isFound) {
    return {
      agentId: null,
      reason: 'queued',
      why: pool.why,
      skipped,
      explanation: withSkipped(`Queued: ${queueLabel(conversation)} ${pool.detail}`, skippedText),
    };
  }
  const among = describePool({
    count: pool.candidates.length,
    language: pool.language,
    isLanguageFallback: pool.isLanguageFallback,
  });
  switch (policy) {
    case 'round_robin': {
      const chosen = pickFirst(pool.candidates, (left, right) => compareRotation(left, right, rotationOrder));
      return {
        agentId: chosen.id,
        reason: 'round_robin',
        isLanguageFallback: pool.isLanguageFallback,
        isSkillFallback,
        skipped,
        explanation: withSkipped(
          `Round robin in ${queueLabel(conversation)}: ${agentLabel(chosen, chosen.id)} had gone longest without an assignment among ${among} with room`,
          skippedText,
          fallbackNote,
        ),
      };
    }
    case 'least_loaded': {
      const chosen = pickFirst(pool.candidates, (left, right) => compareLoad(left, right, rotationOrder));
      return {
        agentId: chosen.id,
        reason: 'least_loaded',
        isLanguageFallback: pool.isLanguageFallback,
        isSkillFallback,
        skipped,
        explanation: withSkipped(
          `Least loaded in ${queueLabel(conversation)}: ${agentLabel(chosen, chosen.id)} at ${chosen.openCount}/${chosen.capacity} among ${among} with room`,
          skippedText,
          fallbackNote,
        ),
      };
    }
    default:
      return assertNever(policy);
  }
}

/**
 * Chooses the agent for one conversation, or leaves it queued, and says why in a sentence for the
 * assignment log.
 *
 * Order of choice:
 * 1. the CRM account's owner, when online, within their hours, under capacity and holding every required
 *    skill (in any team);
 * 2. the agent who last answered this customer, on the same conditions and, when the conversation has a
 *    team, a member of it;
 * 3. the conversation's team (or the brand queue), by `policy`, among agents online, within hours, with
 *    every required skill and with room, preferring speakers of the conversation's language whenever one is on
 *    duty (busy or not); when nobody on duty speaks it, any of them (`isLanguageFallback`).
 *
 * A required skill that nobody in the queue holds at all (`skillsHeldInQueue`) keeps the conversation queued
 * (`skill_not_in_team`) under the default `skillFallback: 'wait'`; under `any_agent` that skill is dropped for
 * every stage (`isSkillFallback`) and the others stay hard requirements.
 *
 * Never an offline agent; away agents keep their conversations but get no new ones. Ties are broken
 * deterministically: round robin takes the agent longest without an assignment (never assigned first), then
 * the lowest id; least loaded takes the lowest openCount ÷ capacity, then the same rotation order.
 *
 * The caller records the assignment (openCount + 1, `lastAssignedAt` = now): that is the rotation state.
 *
 * @throws DomainError `invalid` when agent snapshots have duplicate ids or invalid counts.
 */
export function chooseAgent(params: {
  conversation: ConversationToRoute;
  agents: readonly AgentSnapshot[];
  policy: TeamRoutingPolicy;
}): RoutingDecision {
  assertValidAgents(params.agents);
  return decideAssignment({
    ...params,
    agentsById: new Map(params.agents.map((agent) => [agent.id, agent])),
    rotationOrder: noRotationOrder,
  });
}
