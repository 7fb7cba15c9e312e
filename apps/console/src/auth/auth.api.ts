import { type ApiErrorBody, type LoginRequest, type LoginResponse, type SessionUser } from '@vigie/contracts';

/** Why a request did not succeed: the server answered with an error, or never answered. */
export type RequestFailure =
  | { kind: 'network' }
  | { kind: 'http'; status: number; body: ApiErrorBody | null; retryAfter: string | null };

export type LoginResult =
  { kind: 'signed-in'; user: SessionUser } | { kind: 'failed'; failure: RequestFailure };

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

async function toHttpFailure(response: Response): Promise<RequestFailure> {
  return {
    kind: 'http',
    status: response.status,
    body: await readErrorBody(response),
    retryAfter: response.headers.get('Retry-After'),
  };
}

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(path, { credentials: 'same-origin', ...init, headers: { ...jsonHeaders, ...init.headers } });
}

export async function signIn(request: LoginRequest): Promise<LoginResult> {
  let response: Response;
  try {
    response = await send('/api/auth/login', { method: 'POST', body: JSON.stringify(request) });
  } catch {
    return { kind: 'failed', failure: { kind: 'network' } };
  }
  if (!response.ok) {
    return { kind: 'failed', failure: await toHttpFailure(response) };
  }
  const body = (await response.json()) as LoginResponse;
  return { kind: 'signed-in', user: body.user };
}

/** The current session's user, or `null` when there is no session (401). Throws on anything else. */
export async function fetchSessionUser(): Promise<SessionUser | null> {
  const response = await send('/api/auth/me');
  if (response.status === 401) {
    return null;
  }
  if (!response.ok) {
    throw new Error(`GET /api/auth/me answered ${response.status}`);
  }
  return (await response.json()) as SessionUser;
}

export async function signOut(): Promise<void> {
  const response = await send('/api/auth/logout', { method: 'POST' });
  if (!response.ok && response.status !== 401) {
    throw new Error(`POST /api/auth/logout answered ${response.status}`);
  }
}
