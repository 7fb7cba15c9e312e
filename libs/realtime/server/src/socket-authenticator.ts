import type { Role } from '@vigie/contracts';

/** Who is behind a socket, as the handshake established it. */
export type SocketIdentity = {
  userId: string;
  sessionId: string;
  displayName: string;
  role: Role;
  teamIds: string[];
};

/**
 * Realtime imports no domain lib: the composition root gives it an authenticator (the identity
 * domain's session lookup) through this token.
 */
export interface SocketAuthenticator {
  authenticate(cookieHeader: string | undefined): Promise<SocketIdentity | null>;
}

export const SOCKET_AUTHENTICATOR = Symbol('SOCKET_AUTHENTICATOR');
