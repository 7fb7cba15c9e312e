import { assertNever, DomainError } from '@vigie/kernel';
import {
  type AgentSnapshot,
  type AssignmentReason,
  type ConversationToRoute,
  type IneligibilityReason,
  type QueuedWhy,
} from './routing.types';

/** `fr-CA`, `FR` and `fr_FR` all mean `fr`: agents declare languages, not regional variants. */
export function primaryLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** Online and within their working hours: the only agents routing gives new conversations to. */
export function isOnDuty(agent: AgentSnapshot): boolean {
  return agent.status === 'online' && agent.isWithinHours;
}

/** Strictly under capacity. An agent whose capacity was lowered below their open count simply has no room. */
export function hasRoom(agent: AgentSnapshot): boolean {
  return agent.openCount < agent.capacity;
}

export function hasSkills(agent: AgentSnapshot, requiredSkills: readonly string[]): boolean {
  return requiredSkills.every((skill) => agent.skills.includes(skill));
}

/** Required skills that nobody in the conversation's queue holds (none when the queue's skills are unknown). */
export function skillsNobodyHolds(conversation: ConversationToRoute): string[] {
  const held = conversation.skillsHeldInQueue;
  if (held === undefined) return [];
  return conversation.requiredSkills.filter((skill) => !held.includes(skill));
}

export function speaks(agent: AgentSnapshot, language: string): boolean {
  const wanted = primaryLanguage(language);
  return agent.languages.some((tag) => primaryLanguage(tag) === wanted);
}

/** A conversation without a team sits in its brand's queue, where every agent passed in counts as a member. */
export function isInQueueOf(agent: AgentSnapshot, conversation: ConversationToRoute): boolean {
  return conversation.teamId === null || agent.teamIds.includes(conversation.teamId);
}

/**
 * Whether one named agent (the account owner, the last agent, a transfer or bulk target) can take a new
 * conversation now, and if not, the first reason in a fixed order (presence before hours before team
 * before skills before capacity), so the log names the most fundamental obstacle.
 *
 * Language is deliberately not checked here: it is a preference of the team stage (see {@link chooseAgent}).
 *
 * @returns null when eligible.
 */
export function checkEligibility(params: {
  agent: AgentSnapshot | undefined;
  conversation: ConversationToRoute;
  isTeamRequired: boolean;
}): IneligibilityReason | null {
  const { agent, conversation } = params;
  if (!agent) return 'unknown_agent';
  if (agent.status === 'offline') return 'offline';
  if (agent.status === 'away') return 'away';
  if (!agent.isWithinHours) return 'outside_hours';
  if (params.isTeamRequired && !isInQueueOf(agent, conversation)) return 'not_in_team';
  if (!hasSkills(agent, conversation.requiredSkills)) return 'missing_skills';
  if (!hasRoom(agent)) return 'at_capacity';
  return null;
}

/**
 * Rejects snapshots the policy cannot reason about (duplicate ids, negative or fractional counts): a bad
 * snapshot is a bug in the caller, and guessing would risk putting an agent over capacity.
 */
export function assertValidAgents(agents: readonly AgentSnapshot[]): void {
  const seen = new Set<string>();
  for (const agent of agents) {
    if (seen.has(agent.id)) {
      throw new DomainError({
        code: 'invalid',
        message: `Agent ${agent.id} appears twice`,
        details: { agentId: agent.id },
      });
    }
    seen.add(agent.id);
    for (const [field, value] of [
      ['capacity', agent.capacity],
      ['openCount', agent.openCount],
    ] as const) {
      if (!Number.isInteger(value) || value < 0) {
        throw new DomainError({
          code: 'invalid',
          message: `Agent ${agent.id} has an invalid ${field}: ${value}`,
          details: { agentId: agent.id, field, value },
        });
      }
    }
  }
}

/** `Alice (a-1)` when the snapshot has a name, else `agent a-1`. */
export function agentLabel(agent: AgentSnapshot | undefined, agentId: string): string {
  return agent?.name ? `${agent.name} (${agentId})` : `agent ${agentId}`;
}

export function queueLabel(conversation: ConversationToRoute): string {
  return conversation.teamId === null
    ? `the ${conversation.brandId} brand queue`
    : `team ${conversation.teamId}`;
}

/** The phrase after an agent's label in the assignment log: `is offline`, `is at capacity (5/5)`. */
export function describeIneligibility(params: {
  why: IneligibilityReason;
  agent: AgentSnapshot | undefined;
  conversation: ConversationToRoute;
}): string {
  const { why, agent, conversation } = params;
  switch (why) {
    case 'unknown_agent':
      return 'is not among the agents of this brand';
    case 'offline':
      return 'is offline';
    case 'away':
      return 'is away';
    case 'outside_hours':
      return 'is outside their working hours';
    case 'not_in_team':
      return `is not in ${queueLabel(conversation)}`;
    case 'missing_skills': {
      const missing = conversation.requiredSkills.filter((skill) => !agent?.skills.includes(skill));
      return `lacks the skill${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`;
    }
    case 'at_capacity':
      return `is at capacity (${agent?.openCount ?? 0}/${agent?.capacity ?? 0})`;
    default:
      return assertNever(why);
  }
}

/** The words the assignment log and the console show for a reason ("account owner", "round robin"). */
export function assignmentReasonLabel(reason: AssignmentReason | 'queued'): string {
  switch (reason) {
    case 'account_owner':
      return 'account owner';
    case 'last_agent':
      return 'last agent';
    case 'round_robin':
      return 'round robin';
    case 'least_loaded':
      return 'least loaded';
    case 'queued':
      return 'queued';
    default:
      return assertNever(reason);
  }
}

/** A short label for why a conversation waits, for filters and metrics. */
export function queuedWhyLabel(why: QueuedWhy): string {
  switch (why) {
    case 'empty_team':
      return 'nobody in the team';
    case 'no_agent_on_duty':
      return 'nobody on duty';
    case 'skill_not_in_team':
      return 'nobody in the team has the skills';
    case 'missing_skills':
      return 'nobody on duty has the skills';
    case 'all_at_capacity':
      return 'everyone at capacity';
    default:
      return assertNever(why);
  }
}
