import { type ApiErrorBody } from '@vigie/contracts';

/** Why a request did not succeed: the server answered with an error, or never answered. */
export type RequestFailure =
  | { kind: 'network' }
  | { kind: 'http'; status: number; body: ApiErrorBody | null; retryAfter: string | null };

const jsonHeaders = { 'Content-Type': 'application/json', Accept: 'application/json' };

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.statusCode === 'number' &&
    typeof candidate.code === 'string' &&
    typeof candidate.message === 'string'
  );
}

async function readErrorBody(response: Response): Promise<ApiErrorBody | null> {
  try {
    const body: unknown = await response.json();
    return isApiErrorBody(body) ? body : null;
  } catch {
    // A proxy error page or an empty body: the status alone will have to do.
    return null;
  }
}

export async function toHttpFailure(response: Response): Promise<RequestFailure> {
  return {
    kind: 'http',
    status: response.status,
    body: await readErrorBody(response),
    retryAfter: response.headers.get('Retry-After'),
  };
}

export async function send(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(path, { credentials: 'same-origin', ...init, headers: { ...jsonHeaders, ...init.headers } });
}

/** A JSON request's outcome: the parsed body, or why it failed. */
export type ApiResult<T> =
  { kind: 'ok'; status: number; body: T } | { kind: 'failed'; failure: RequestFailure };

/** Sends a JSON request with the session cookie; never throws for HTTP or network failures. */
export async function requestJson<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await send(path, init);
  } catch {
    return { kind: 'failed', failure: { kind: 'network' } };
  }
  if (!response.ok) return { kind: 'failed', failure: await toHttpFailure(response) };
  const body = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { kind: 'ok', status: response.status, body };
}
