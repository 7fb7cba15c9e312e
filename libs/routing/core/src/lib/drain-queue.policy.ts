import { DomainError } from '@vigie/kernel';
import { assertValidAgents } from './agent-eligibility.rules';
import { decideAssignment } from './choose-agent.policy';
import { compareQueued } from './queue-order.rules';
import {
  type AgentSnapshot,
  type AssignedDecision,
  type ConversationToRoute,
  type QueuedDecision,
  type TeamRoutingPolicy,
} from './routing.types';

/** An assignment to make now, with its reason for the assignment log. */
export type QueueAssignment = AssignedDecision & { conversationId: string };

/** A conversation that stays queued, and why. */
export type StillQueued = QueuedDecision & { conversationId: string };

export type DrainResult = {
  /** In queue order: apply them in this order. */
  assignments: readonly QueueAssignment[];
  /** In queue order. */
  stillQueued: readonly StillQueued[];
  /** The snapshots after the assignments (openCount and lastAssignedAt updated), in input order. */
  agents: readonly AgentSnapshot[];
};

/**
 * Works out every assignment that should happen now for a set of queued conversations: the queue is walked
 * in {@link compareQueued} order (priority, then due time, then arrival) and each conversation gets
 * {@link chooseAgent}'s decision against the snapshots as updated by the assignments before it (openCount + 1,
 * `lastAssignedAt` = `now`), so nobody goes over capacity and round robin keeps rotating inside one drain.
 *
 * A conversation nobody eligible can take stays queued and does not block the ones behind it. One pass is
 * enough: assignments only take room away, so a conversation that found no agent at its turn cannot find one
 * later in the same drain. Hence, afterwards, no queued conversation has an eligible agent with room.
 *
 * Run it whenever room may have appeared (a conversation resolved or transferred, an agent came online or
 * back within hours, a capacity was raised) and whenever conversations are queued; that is what makes the
 * queue always drain. Inputs are not mutated.
 *
 * @param params.policyFor the routing policy of the conversation's team or brand.
 * @param params.now the assignment instant, written to `lastAssignedAt`.
 * @throws DomainError `invalid` on duplicate conversation or agent ids, or invalid agent counts.
 */
export function drainQueue(params: {
  queue: readonly ConversationToRoute[];
  agents: readonly AgentSnapshot[];
  policyFor: (conversation: ConversationToRoute) => TeamRoutingPolicy;
  now: Date;
}): DrainResult {
  const { queue, policyFor, now } = params;
  assertValidAgents(params.agents);
  const conversationIds = new Set<string>();
  for (const conversation of queue) {
    if (conversationIds.has(conversation.id)) {
      throw new DomainError({
        code: 'invalid',
        message: `Conversation ${conversation.id} is queued twice`,
        details: { conversationId: conversation.id },
      });
    }
    conversationIds.add(conversation.id);
  }

  let agents = [...params.agents];
  const agentsById = new Map(agents.map((agent) => [agent.id, agent]));
  const rotationOrder = new Map<string, number>();
  const assignments: QueueAssignment[] = [];
  const stillQueued: StillQueued[] = [];

  for (const conversation of [...queue].sort(compareQueued)) {
    const decision = decideAssignment({
      conversation,
      agents,
      agentsById,
      policy: policyFor(conversation),
      rotationOrder,
    });
    if (decision.agentId === null) {
      stillQueued.push({ ...decision, conversationId: conversation.id });
      continue;
    }
    assignments.push({ ...decision, conversationId: conversation.id });
    const chosen = agentsById.get(decision.agentId);
    if (!chosen) throw new Error(`Routing chose an unknown agent ${decision.agentId}`);
    const updated: AgentSnapshot = { ...chosen, openCount: chosen.openCount + 1, lastAssignedAt: now };
    agentsById.set(updated.id, updated);
    agents = agents.map((agent) => (agent.id === updated.id ? updated : agent));
    rotationOrder.set(updated.id, assignments.length);
  }

  return { assignments, stillQueued, agents };
}
