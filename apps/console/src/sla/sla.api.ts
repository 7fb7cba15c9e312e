import { type ConversationSla } from '@vigie/contracts';
import { type ApiResult, requestJson } from '../shared/http';

export function fetchConversationSla(conversationId: string): Promise<ApiResult<ConversationSla>> {
  return requestJson<ConversationSla>(`/api/conversations/${encodeURIComponent(conversationId)}/sla`);
}
