import { type SlaPolicyBody, type SlaPolicyView } from '@vigie/contracts';
import { type ApiResult, requestJson } from '../../shared/http';

function policiesPath(brandId: string, name?: string): string {
  const base = `/api/brands/${encodeURIComponent(brandId)}/sla-policies`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

/** The brand's policies in matching order (the built-in default, `id: null`, when it has none). */
export function fetchSlaPolicies(brandId: string): Promise<ApiResult<SlaPolicyView[]>> {
  return requestJson<SlaPolicyView[]>(policiesPath(brandId));
}

/** Creates or replaces a policy: a new version, and its live clocks are recomputed. */
export function putSlaPolicy(params: {
  brandId: string;
  name: string;
  body: SlaPolicyBody;
}): Promise<ApiResult<SlaPolicyView>> {
  return requestJson<SlaPolicyView>(policiesPath(params.brandId, params.name), {
    method: 'PUT',
    body: JSON.stringify(params.body),
  });
}

export function deleteSlaPolicy(params: { brandId: string; name: string }): Promise<ApiResult<void>> {
  return requestJson<void>(policiesPath(params.brandId, params.name), { method: 'DELETE' });
}

/** Holidays from an iCalendar file's text or from a feed's URL (fetched once by the API). */
export function importHolidays(params: {
  brandId: string;
  name: string;
  source: { ics: string } | { url: string };
}): Promise<ApiResult<SlaPolicyView>> {
  const path = `${policiesPath(params.brandId, params.name)}/holidays/${'ics' in params.source ? 'ical' : 'ical-url'}`;
  return requestJson<SlaPolicyView>(path, { method: 'POST', body: JSON.stringify(params.source) });
}
