import { type ConversationCannedAnswers } from '@vigie/contracts';
import { type ApiResult, requestJson } from '../shared/http';

/** The conversation's brand's canned answers, filled in for it by the API (`{{next_opening}}` in `locale`). */
export function fetchCannedAnswers(params: {
  conversationId: string;
  locale: string;
}): Promise<ApiResult<ConversationCannedAnswers>> {
  const query = new URLSearchParams({ locale: params.locale === 'en' ? 'en' : 'fr' });
  return requestJson<ConversationCannedAnswers>(
    `/api/conversations/${encodeURIComponent(params.conversationId)}/canned-answers?${query.toString()}`,
  );
}
