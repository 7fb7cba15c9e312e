import {
  type ConversationDetail,
  type ChangeConversationStatusRequest,
  type ConversationPriorityState,
  type CreateReplyRequest,
  type CreateReplyResponse,
  type InboxFacets,
  type InboxFilters,
  type InboxPage,
  type RoutingPriority,
} from '@vigie/contracts';
import { conversationPagePath, type ConversationView } from '../inbox/inbox-views';
import { type ApiResult, requestJson } from '../shared/http';

export const pageSize = 100;

export function fetchConversationPage(params: {
  view: ConversationView;
  filters: InboxFilters;
  cursor: string | null;
}): Promise<ApiResult<InboxPage>> {
  return requestJson<InboxPage>(conversationPagePath({ ...params, limit: pageSize }));
}

export function fetchInboxFacets(): Promise<ApiResult<InboxFacets>> {
  return requestJson<InboxFacets>('/api/inbox/facets');
}

export function fetchConversation(id: string): Promise<ApiResult<ConversationDetail>> {
  return requestJson<ConversationDetail>(`/api/conversations/${encodeURIComponent(id)}`);
}

export function postReply(
  conversationId: string,
  request: CreateReplyRequest,
): Promise<ApiResult<CreateReplyResponse>> {
  return requestJson<CreateReplyResponse>(
    `/api/conversations/${encodeURIComponent(conversationId)}/replies`,
    {
      method: 'POST',
      body: JSON.stringify(request),
    },
  );
}

export function postStatus(
  conversationId: string,
  request: ChangeConversationStatusRequest,
): Promise<ApiResult<unknown>> {
  return requestJson<unknown>(`/api/conversations/${encodeURIComponent(conversationId)}/status`, {
    method: 'POST',
    body: JSON.stringify(request),
  });
}

/** Sets the routing band by hand (409 when the conversation is resolved or not routed). */
export function postPriority(
  conversationId: string,
  priority: RoutingPriority,
): Promise<ApiResult<ConversationPriorityState>> {
  return requestJson<ConversationPriorityState>(
    `/api/conversations/${encodeURIComponent(conversationId)}/priority`,
    { method: 'POST', body: JSON.stringify({ priority }) },
  );
}
