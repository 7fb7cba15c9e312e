import {
  type CreateSpikeBulkAnswerRequest,
  type SpikeBulkAnswerFailures,
  type SpikeBulkAnswerView,
  type SpikeIncidentList,
  type SpikeIncidentView,
  type SpikeLinkedConversationPage,
  type SpikeSeriesCatalog,
  type SpikeVolumeSeries,
} from '@vigie/contracts';
import { type ApiResult, requestJson } from '../shared/http';

const incidents = '/api/spikes/incidents';

/** What ops do by hand to an incident (`POST …/:id/<action>`). */
export type IncidentAction = 'acknowledge' | 'resolve' | 'false-alarm';

export function fetchSeriesCatalog(): Promise<ApiResult<SpikeSeriesCatalog>> {
  return requestJson('/api/spikes/series');
}

export function fetchVolume(params: {
  brandId: string;
  topic: string;
  hours: number;
}): Promise<ApiResult<SpikeVolumeSeries>> {
  const query = new URLSearchParams({
    brandId: params.brandId,
    topic: params.topic,
    hours: String(params.hours),
  });
  return requestJson(`/api/spikes/series/volume?${query.toString()}`);
}

/** The newest incidents (open and closed); the view sorts them. */
export function fetchIncidents(): Promise<ApiResult<SpikeIncidentList>> {
  return requestJson(`${incidents}?limit=100`);
}

export function fetchIncident(id: string): Promise<ApiResult<SpikeIncidentView>> {
  return requestJson(`${incidents}/${encodeURIComponent(id)}`);
}

export function fetchLinkedConversations(params: {
  id: string;
  limit: number;
}): Promise<ApiResult<SpikeLinkedConversationPage>> {
  return requestJson(`${incidents}/${encodeURIComponent(params.id)}/conversations?limit=${params.limit}`);
}

export function actOnIncident(id: string, action: IncidentAction): Promise<ApiResult<SpikeIncidentView>> {
  return requestJson(`${incidents}/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
}

export function linkConversation(id: string, conversationId: string): Promise<ApiResult<SpikeIncidentView>> {
  return requestJson(`${incidents}/${encodeURIComponent(id)}/conversations`, {
    method: 'POST',
    body: JSON.stringify({ conversationId }),
  });
}

export function unlinkConversation(
  id: string,
  conversationId: string,
): Promise<ApiResult<SpikeIncidentView>> {
  return requestJson(
    `${incidents}/${encodeURIComponent(id)}/conversations/${encodeURIComponent(conversationId)}`,
    { method: 'DELETE' },
  );
}

/** Merges `sourceId` into `targetId` (the source closes as merged). */
export function mergeIncidents(targetId: string, sourceId: string): Promise<ApiResult<SpikeIncidentView>> {
  return requestJson(`${incidents}/${encodeURIComponent(targetId)}/merge`, {
    method: 'POST',
    body: JSON.stringify({ incidentId: sourceId }),
  });
}

/** Moves these linked conversations to a new incident; answers the new one. */
export function splitIncident(id: string, conversationIds: string[]): Promise<ApiResult<SpikeIncidentView>> {
  return requestJson(`${incidents}/${encodeURIComponent(id)}/split`, {
    method: 'POST',
    body: JSON.stringify({ conversationIds }),
  });
}

export function sendBulkAnswer(
  id: string,
  request: CreateSpikeBulkAnswerRequest,
): Promise<ApiResult<SpikeBulkAnswerView>> {
  return requestJson(`${incidents}/${encodeURIComponent(id)}/answers`, {
    method: 'POST',
    body: JSON.stringify(request),
  });
}

export function fetchBulkAnswerFailures(
  id: string,
  answerId: string,
): Promise<ApiResult<SpikeBulkAnswerFailures>> {
  return requestJson(
    `${incidents}/${encodeURIComponent(id)}/answers/${encodeURIComponent(answerId)}/failures`,
  );
}
