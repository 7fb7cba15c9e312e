import {
  type CannedAnswerList,
  type CannedAnswerView,
  type CreateCannedAnswerRequest,
  type UpdateCannedAnswerRequest,
} from '@vigie/contracts';
import { type ApiResult, requestJson } from '../../shared/http';

/** A brand's answers, deleted ones included (admins may restore them). */
export function fetchBrandCannedAnswers(brandId: string): Promise<ApiResult<CannedAnswerList>> {
  const query = new URLSearchParams({ brandId, includeDeleted: 'true' });
  return requestJson<CannedAnswerList>(`/api/canned-answers?${query.toString()}`);
}

export function createCannedAnswer(request: CreateCannedAnswerRequest): Promise<ApiResult<CannedAnswerView>> {
  return requestJson<CannedAnswerView>('/api/canned-answers', {
    method: 'POST',
    body: JSON.stringify(request),
  });
}

export function updateCannedAnswer(
  answerId: string,
  request: UpdateCannedAnswerRequest,
): Promise<ApiResult<CannedAnswerView>> {
  return requestJson<CannedAnswerView>(`/api/canned-answers/${encodeURIComponent(answerId)}`, {
    method: 'PATCH',
    body: JSON.stringify(request),
  });
}

export function deleteCannedAnswer(answerId: string): Promise<ApiResult<void>> {
  return requestJson<void>(`/api/canned-answers/${encodeURIComponent(answerId)}`, { method: 'DELETE' });
}

export function restoreCannedAnswer(answerId: string): Promise<ApiResult<CannedAnswerView>> {
  return requestJson<CannedAnswerView>(`/api/canned-answers/${encodeURIComponent(answerId)}/restore`, {
    method: 'POST',
  });
}
