import type { IncomingMessage } from 'node:http';
import type { FakeXStore } from '../store/fake-x-store';
import type { UserRecord } from '../store/models';

/** Who is calling: the app (Bearer app-only) or a user (OAuth 1.0a, or an OAuth 2.0 user bearer token). */
export type AuthContext =
  | { kind: 'app'; token: string }
  | { kind: 'oauth1-user'; token: string; user: UserRecord }
  | { kind: 'oauth2-user'; token: string; user: UserRecord };

export type AuthRequirement = 'app' | 'user' | 'any';

export const AUTH_LABELS = {
  app: 'OAuth 2.0 Application-Only',
  'oauth1-user': 'OAuth 1.0a User Context',
  'oauth2-user': 'OAuth 2.0 User Context',
} as const;

/**
 * Any token is accepted (this is a fake), but a user context needs a token the store knows: a registered
 * one, or an OAuth 1.0a token shaped like X's (`<user id>-...`) for an existing user. Returns undefined when
 * the header is missing or unreadable (→ X's 401).
 */
export function authenticate(request: IncomingMessage, store: FakeXStore): AuthContext | undefined {
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) {
    const token = decodeURIComponent(bearer[1]);
    const user = store.findUserByToken(token);
    return user ? { kind: 'oauth2-user', token, user } : { kind: 'app', token };
  }
  if (/^OAuth\s/i.test(header)) {
    const token = /oauth_token="([^"]*)"/.exec(header)?.[1];
    if (!token) return undefined;
    const decoded = decodeURIComponent(token);
    const user = store.findUserByToken(decoded) ?? store.findUser(decoded.split('-')[0]);
    return user ? { kind: 'oauth1-user', token: decoded, user } : undefined;
  }
  return undefined;
}
