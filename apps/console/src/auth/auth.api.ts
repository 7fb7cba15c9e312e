import { type LoginRequest, type LoginResponse, type SessionUser } from '@vigie/contracts';
import { type RequestFailure, send, toHttpFailure } from '../shared/http';

export type { RequestFailure };

export type LoginResult =
  { kind: 'signed-in'; user: SessionUser } | { kind: 'failed'; failure: RequestFailure };

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
