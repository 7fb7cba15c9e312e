import { type RequestFailure } from '../../shared/http';

/** What went wrong with an admin request, as the forms show it: a lead (i18n key) and the API's own words. */
export type FailureText = {
  key:
    'network' | 'sessionEnded' | 'forbidden' | 'notFound' | 'conflict' | 'invalid' | 'server' | 'unexpected';
  /** The API's message (`ApiErrorBody.message`), in English: it names the field or the rule. */
  apiMessage: string | null;
};

/**
 * Reads a failed request the way an admin needs it: the API's status picks the lead ("Refused: …"), and its
 * message says exactly what to fix ("A user with the email … already exists.").
 */
export function describeFailure(failure: RequestFailure): FailureText {
  if (failure.kind === 'network') return { key: 'network', apiMessage: null };
  const apiMessage = failure.body?.message ?? null;
  if (failure.status === 401) return { key: 'sessionEnded', apiMessage: null };
  if (failure.status === 403) return { key: 'forbidden', apiMessage };
  if (failure.status === 404) return { key: 'notFound', apiMessage };
  if (failure.status === 409) return { key: 'conflict', apiMessage };
  if (failure.status === 400 || failure.status === 422) return { key: 'invalid', apiMessage };
  if (failure.status >= 500) return { key: 'server', apiMessage: null };
  return { key: 'unexpected', apiMessage };
}

/**
 * The API's field-level problems (`details` of a 400: "email must be an email address", "teamIds must be team
 * ids") that concern `field`, to show beside it.
 */
export function fieldDetails(failure: RequestFailure | null, field: string): string[] {
  if (!failure || failure.kind !== 'http') return [];
  return (failure.body?.details ?? []).filter(
    (detail) =>
      detail === field ||
      detail.startsWith(`${field} `) ||
      detail.startsWith(`${field}.`) ||
      detail.startsWith(`${field}:`),
  );
}
