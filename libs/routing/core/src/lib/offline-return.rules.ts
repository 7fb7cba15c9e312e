import { DomainError } from '@vigie/kernel';
import { agentLabel } from './agent-eligibility.rules';
import { type AgentSnapshot } from './routing.types';

/** An open conversation held by an agent, as the offline-return sweep sees it. */
export type HeldConversation = {
  id: string;
  assigneeId: string;
  /** When the customer started waiting for an answer (Chatwoot's `waiting_since`); null when nobody waits. */
  waitingSince: Date | null;
};

/** A conversation to unassign and put back in the queue, with the sentence for the assignment log. */
export type ConversationToReturn = {
  conversationId: string;
  agentId: string;
  why: 'agent_offline' | 'unknown_agent';
  explanation: string;
};

/** The default grace period: a reconnecting browser or a short network cut keeps the agent's conversations. */
export const defaultOfflineGraceMs = 5 * 60_000;

function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes >= 1) return `${minutes} min`;
  return `${Math.floor(ms / 1000)} s`;
}

/**
 * Which conversations go back to the queue because their agent went offline: those awaiting a reply
 * (`waitingSince` set) held by an agent offline for at least `graceMs` at `now`. A conversation whose customer
 * is not waiting stays with its agent, so an answered thread keeps its owner; away agents keep everything (they
 * are still at their desk). An assignee missing from `agents` (deactivated or removed) can never answer, so
 * their waiting conversations return at once: pass a snapshot for every assignee.
 *
 * The result is ordered by longest wait first, then conversation id; the queue re-orders by priority anyway.
 *
 * @throws DomainError `invalid` on a negative grace period.
 */
export function conversationsToReturn(params: {
  conversations: readonly HeldConversation[];
  agents: readonly AgentSnapshot[];
  now: Date;
  graceMs?: number;
}): ConversationToReturn[] {
  const { conversations, now, graceMs = defaultOfflineGraceMs } = params;
  if (!Number.isFinite(graceMs) || graceMs < 0) {
    throw new DomainError({
      code: 'invalid',
      message: `Invalid offline grace period: ${graceMs} ms`,
      details: { graceMs },
    });
  }
  const agentsById = new Map(params.agents.map((agent) => [agent.id, agent]));
  const returned: Array<ConversationToReturn & { waitingSince: Date }> = [];
  for (const conversation of conversations) {
    const { waitingSince } = conversation;
    if (waitingSince === null) continue;
    const agent = agentsById.get(conversation.assigneeId);
    if (!agent) {
      returned.push({
        conversationId: conversation.id,
        agentId: conversation.assigneeId,
        why: 'unknown_agent',
        explanation: `Returned to the queue: ${agentLabel(agent, conversation.assigneeId)} is no longer an agent of this brand and the customer is waiting.`,
        waitingSince,
      });
      continue;
    }
    if (agent.status !== 'offline') continue;
    const offlineMs = now.getTime() - agent.statusSince.getTime();
    if (offlineMs < graceMs) continue;
    returned.push({
      conversationId: conversation.id,
      agentId: agent.id,
      why: 'agent_offline',
      explanation: `Returned to the queue: ${agentLabel(agent, agent.id)} has been offline for ${formatDuration(offlineMs)} (grace ${formatDuration(graceMs)}) and the customer is waiting.`,
      waitingSince,
    });
  }
  return returned
    .sort(
      (left, right) =>
        left.waitingSince.getTime() - right.waitingSince.getTime() ||
        (left.conversationId < right.conversationId
          ? -1
          : left.conversationId > right.conversationId
            ? 1
            : 0),
    )
    .map(({ waitingSince: _waitingSince, ...toReturn }) => toReturn);
}
