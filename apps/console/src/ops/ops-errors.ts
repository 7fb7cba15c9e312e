import { type RequestFailure } from '../shared/http';

/** What the ops view says when the API refused an action (keys under `ops.errors`). */
export type OpsErrorKey =
  | 'network'
  | 'closed'
  | 'merged'
  | 'keyReused'
  | 'otherBrand'
  | 'textTooLong'
  | 'textEmpty'
  | 'invalid'
  | 'notFound'
  | 'forbidden'
  | 'unexpected';

/** The API's `code` carries the domain's reason (`incident_closed`, `text_too_long`…) when it has one. */
const byCode: Record<string, OpsErrorKey> = {
  incident_closed: 'closed',
  incident_merged: 'merged',
  request_key_reused: 'keyReused',
  other_brand: 'otherBrand',
  text_too_long: 'textTooLong',
  text_empty: 'textEmpty',
};

export function opsErrorKey(failure: RequestFailure): OpsErrorKey {
  if (failure.kind === 'network') return 'network';
  const known = failure.body ? byCode[failure.body.code] : undefined;
  if (known) return known;
  if (failure.status === 409) return 'closed';
  if (failure.status === 400) return 'invalid';
  if (failure.status === 404) return 'notFound';
  if (failure.status === 403) return 'forbidden';
  return 'unexpected';
}
