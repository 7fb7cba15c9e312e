import { assertNever } from '@vigie/kernel';
import { agentLabel, assertValidAgents } from './agent-eligibility.rules';
import { type AgentSnapshot } from './routing.types';

/** A conversation a supervisor selected for reassignment. */
export type ReassignableConversation = {
  id: string;
  /** The current assignee, or null when it waits in the queue. */
  assigneeId: string | null;
  requiredSkills: readonly string[];
};

export type BulkRejection = 'unknown_target' | 'target_offline' | 'missing_skills' | 'over_capacity';

/** Per-conversation outcome; `explanation` is the sentence for the assignment log or the supervisor's toast. */
export type BulkReassignmentResult = { conversationId: string; explanation: string } & (
  | { outcome: 'accepted' }
  | { outcome: 'unchanged'; why: 'already_assigned' | 'duplicate' }
  | { outcome: 'rejected'; why: BulkRejection }
);

function describeRejection(params: {
  why: BulkRejection;
  target: AgentSnapshot | undefined;
  targetAgentId: string;
  requiredSkills: readonly string[];
}): string {
  const { why, target, targetAgentId } = params;
  const label = agentLabel(target, targetAgentId);
  switch (why) {
    case 'unknown_target':
      return `Rejected: ${label} is not among the agents of this brand.`;
    case 'target_offline':
      return `Rejected: ${label} is offline.`;
    case 'missing_skills': {
      const missing = params.requiredSkills.filter((skill) => !target?.skills.includes(skill));
      return `Rejected: ${label} lacks the skill${missing.length === 1 ? '' : 's'} ${missing.join(', ')}.`;
    }
    case 'over_capacity':
      return `Rejected: ${label} would go over capacity (${target?.capacity ?? 0}).`;
    default:
      return assertNever(why);
  }
}

/**
 * Validates a supervisor's bulk reassignment of `conversations` to one agent, conversation by conversation, in
 * the order given (the order the supervisor selected them): room is used up in that order, so when the target
 * has room for 3 of 5, the first 3 are accepted and the other 2 rejected as `over_capacity`.
 *
 * Rules: the target must be a known agent and not offline. Away is allowed, and working hours are not checked:
 * a supervisor hands work to someone they know is there, unlike automatic routing. Each conversation's required
 * skills must all be held by the target. A conversation already assigned to the target (or listed twice) is
 * `unchanged` and uses no room. Nothing is applied here: the server applies the accepted ones.
 *
 * @throws DomainError `invalid` when agent snapshots have duplicate ids or invalid counts.
 */
export function validateBulkReassignment(params: {
  conversations: readonly ReassignableConversation[];
  targetAgentId: string;
  agents: readonly AgentSnapshot[];
}): BulkReassignmentResult[] {
  const { conversations, targetAgentId } = params;
  assertValidAgents(params.agents);
  const target = params.agents.find((agent) => agent.id === targetAgentId);
  const label = agentLabel(target, targetAgentId);
  const seen = new Set<string>();
  let openCount = target?.openCount ?? 0;

  return conversations.map((conversation): BulkReassignmentResult => {
    const conversationId = conversation.id;
    const reject = (why: BulkRejection): BulkReassignmentResult => ({
      conversationId,
      outcome: 'rejected',
      why,
      explanation: describeRejection({
        why,
        target,
        targetAgentId,
        requiredSkills: conversation.requiredSkills,
      }),
    });
    if (seen.has(conversationId)) {
      return {
        conversationId,
        outcome: 'unchanged',
        why: 'duplicate',
        explanation: 'Unchanged: listed more than once.',
      };
    }
    seen.add(conversationId);
    if (!target) return reject('unknown_target');
    if (target.status === 'offline') return reject('target_offline');
    if (conversation.assigneeId === targetAgentId) {
      return {
        conversationId,
        outcome: 'unchanged',
        why: 'already_assigned',
        explanation: `Unchanged: already assigned to ${label}.`,
      };
    }
    if (!conversation.requiredSkills.every((skill) => target.skills.includes(skill)))
      return reject('missing_skills');
    if (openCount >= target.capacity) return reject('over_capacity');
    openCount += 1;
    return {
      conversationId,
      outcome: 'accepted',
      explanation: `Reassigned by a supervisor to ${label} (${openCount}/${target.capacity}).`,
    };
  });
}
