import {
  type AssignmentLogPage,
  type BulkReassignResponse,
  type InboxPage,
  type InboxVolume,
  type RoutingAgentView,
  type RoutingConversationView,
  type SlaFigureGroup,
  type SlaFigures,
  type TeamSummary,
} from '@vigie/contracts';
import { fetchConversationPage } from '../conversation/conversations.api';
import { type ApiResult, requestJson } from '../shared/http';

/** The two SLA views the board watches (the API orders them by due time). */
export type AttentionPages = { breached: InboxPage; atRisk: InboxPage };

export async function fetchAttention(): Promise<ApiResult<AttentionPages>> {
  const [breached, atRisk] = await Promise.all([
    fetchConversationPage({ view: 'breached', filters: {}, cursor: null }),
    fetchConversationPage({ view: 'at_risk', filters: {}, cursor: null }),
  ]);
  if (breached.kind === 'failed') return breached;
  if (atRisk.kind === 'failed') return atRisk;
  return { kind: 'ok', status: 200, body: { breached: breached.body, atRisk: atRisk.body } };
}

/** `GET /api/sla/figures`: without `to`, the server's now (its clock decides what "today" has seen so far). */
export function fetchFigures(params: {
  from: Date;
  groupBy: SlaFigureGroup;
  timeZone: string;
  teamId?: string;
  agentId?: string;
}): Promise<ApiResult<SlaFigures>> {
  const query = new URLSearchParams({
    from: params.from.toISOString(),
    groupBy: params.groupBy,
    timezone: params.timeZone,
  });
  if (params.teamId) query.set('teamId', params.teamId);
  if (params.agentId) query.set('agentId', params.agentId);
  return requestJson<SlaFigures>(`/api/sla/figures?${query.toString()}`);
}

export function fetchVolume(params: { from: Date; timeZone: string }): Promise<ApiResult<InboxVolume>> {
  const query = new URLSearchParams({ from: params.from.toISOString(), timezone: params.timeZone });
  return requestJson<InboxVolume>(`/api/inbox/volume?${query.toString()}`);
}

export function fetchTeams(): Promise<ApiResult<TeamSummary[]>> {
  return requestJson<TeamSummary[]>('/api/teams');
}

export function fetchAssignmentLog(params: {
  conversationId?: string;
  limit: number;
}): Promise<ApiResult<AssignmentLogPage>> {
  const query = new URLSearchParams({ limit: String(params.limit) });
  if (params.conversationId) query.set('conversationId', params.conversationId);
  return requestJson<AssignmentLogPage>(`/api/routing/log?${query.toString()}`);
}

export function postBulkReassign(params: {
  conversationIds: string[];
  targetAgentId: string;
}): Promise<ApiResult<BulkReassignResponse>> {
  return requestJson<BulkReassignResponse>('/api/routing/bulk-reassign', {
    method: 'POST',
    body: JSON.stringify(params),
  });
}

/** One conversation to one agent (409 when the agent is offline or has no room). */
export function postTransfer(params: {
  conversationId: string;
  agentId: string;
}): Promise<ApiResult<RoutingConversationView>> {
  return requestJson<RoutingConversationView>(
    `/api/routing/conversations/${encodeURIComponent(params.conversationId)}/transfer`,
    { method: 'POST', body: JSON.stringify({ agentId: params.agentId }) },
  );
}

export function putCapacity(params: {
  userId: string;
  capacity: number;
}): Promise<ApiResult<RoutingAgentView>> {
  return requestJson<RoutingAgentView>(`/api/routing/agents/${encodeURIComponent(params.userId)}/capacity`, {
    method: 'PUT',
    body: JSON.stringify({ capacity: params.capacity }),
  });
}
