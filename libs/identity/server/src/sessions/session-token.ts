import { createHash, randomBytes } from 'node:crypto';

export const sessionCookieName = 'vigie_session';

/** 256 random bits, URL-safe. Only its hash is stored, so a database leak yields no usable session. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
