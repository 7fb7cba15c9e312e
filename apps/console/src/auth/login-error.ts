import { type RequestFailure } from './auth.api';

/** An i18n key under `login.errors` and its interpolation values. */
export type LoginErrorMessage =
  | { key: 'login.errors.invalidCredentials' }
  | { key: 'login.errors.rateLimited'; params: { seconds: number } }
  | { key: 'login.errors.rateLimitedUnknownDelay' }
  | { key: 'login.errors.validationFailed' }
  | { key: 'login.errors.network' }
  | { key: 'login.errors.server' }
  | { key: 'login.errors.unexpected' };

const httpDatePattern = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Reads a `Retry-After` header as whole seconds to wait: either delta-seconds (`"30"`) or an
 * HTTP date, which is compared with `nowMs`. Returns `null` when the header is missing or unreadable.
 */
export function retryAfterSeconds(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '') {
    return null;
  }
  const value = header.trim();
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  // Only the HTTP-date form (IMF-fixdate): Date.parse alone would accept '1.5' or '-3' as dates.
  const dateMs = httpDatePattern.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(dateMs)) {
    return null;
  }
  return Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}

/**
 * Maps a failed sign-in to the message the login page shows. The stable error `code` is
 * trusted first, then the status, so a proxy answering without our body still reads well.
 */
export function loginErrorMessage(failure: RequestFailure, nowMs: number): LoginErrorMessage {
  if (failure.kind === 'network') {
    return { key: 'login.errors.network' };
  }
  const code = failure.body?.code;
  if (code === 'invalid_credentials' || failure.status === 401) {
    return { key: 'login.errors.invalidCredentials' };
  }
  if (code === 'rate_limited' || failure.status === 429) {
    const seconds = retryAfterSeconds(failure.retryAfter, nowMs);
    return seconds === null
      ? { key: 'login.errors.rateLimitedUnknownDelay' }
      : { key: 'login.errors.rateLimited', params: { seconds: Math.max(1, seconds) } };
  }
  if (code === 'validation_failed' || failure.status === 400) {
    return { key: 'login.errors.validationFailed' };
  }
  if (failure.status >= 500) {
    return { key: 'login.errors.server' };
  }
  return { key: 'login.errors.unexpected' };
}
