import {
  type ConversationDetail,
  type ConversationPage,
  type ChangeConversationStatusRequest,
  type CreateReplyRequest,
  type CreateReplyResponse,
} from '@vigie/contracts';
import { conversationPagePath, type ConversationView } from '../inbox/inbox-views';
import { type ApiResult, requestJson } from '../shared/http';

export const pageSize = 100;

export function fetchConversationPage(
  view: ConversationView,
  cursor: string | null,
): Promise<ApiResult<ConversationPage>> {
  return requestJson<ConversationPage>(conversationPagePath({ view, cursor, limit: pageSize }));
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
