import {
  type RoutingAgentStatus,
  type RoutingAgentView,
  type RoutingConversationView,
} from '@vigie/contracts';
import { type ApiResult, requestJson } from '../shared/http';

export function fetchRoutingConversation(
  conversationId: string,
): Promise<ApiResult<RoutingConversationView>> {
  return requestJson<RoutingConversationView>(
    `/api/routing/conversations/${encodeURIComponent(conversationId)}`,
  );
}

/** Agents only: take the conversation (409 when a colleague holds it). */
export function claimConversation(conversationId: string): Promise<ApiResult<RoutingConversationView>> {
  return requestJson<RoutingConversationView>(
    `/api/routing/conversations/${encodeURIComponent(conversationId)}/claim`,
    { method: 'POST' },
  );
}

export function fetchRoutingAgents(): Promise<ApiResult<RoutingAgentView[]>> {
  return requestJson<RoutingAgentView[]>('/api/routing/agents');
}

export function putMyStatus(status: RoutingAgentStatus): Promise<ApiResult<RoutingAgentView>> {
  return requestJson<RoutingAgentView>('/api/routing/me/status', {
    method: 'PUT',
    body: JSON.stringify({ status }),
  });
}
