import {
  type ConversationAssigned,
  type RoutingAgentStatus,
  type RoutingAgentView,
  type RoutingConversationView,
  type Role,
} from '@vigie/contracts';

/** The statuses an agent switches between, in the order the switch lists them. */
export const agentStatuses = ['online', 'away', 'offline'] as const satisfies readonly RoutingAgentStatus[];

export type Assignee = { kind: 'nobody' } | { kind: 'you' } | { kind: 'colleague'; name: string | null };

/** Who holds the conversation, as the agent reads it (a colleague by name when the agent list knows them). */
export function assigneeOf(params: {
  routing: RoutingConversationView;
  agents: RoutingAgentView[];
  userId: string;
}): Assignee {
  const { routing, agents, userId } = params;
  if (routing.assigneeId === null) return { kind: 'nobody' };
  if (routing.assigneeId === userId) return { kind: 'you' };
  const agent = agents.find((candidate) => candidate.userId === routing.assigneeId);
  return { kind: 'colleague', name: agent?.displayName ?? null };
}

/** The routing view after a `conversation.assigned` event (events about other conversations change nothing). */
export function applyAssignment(
  routing: RoutingConversationView,
  event: ConversationAssigned,
): RoutingConversationView {
  if (event.conversationId !== routing.conversationId) return routing;
  return {
    ...routing,
    assigneeId: event.agentId,
    assignedAt: event.agentId === null ? null : event.at,
    teamId: event.teamId ?? routing.teamId,
  };
}

/** Only agents claim (the API's `@Roles('agent')`), and only what they do not already hold. */
export function canClaim(params: { routing: RoutingConversationView; role: Role; userId: string }): boolean {
  return params.role === 'agent' && params.routing.assigneeId !== params.userId;
}
