import { Injectable } from '@nestjs/common';
import { parse } from 'cookie';
import type { SocketAuthenticator, SocketIdentity } from '@vigie/realtime-server';
import { SessionService } from '../sessions/session.service';
import { sessionCookieName } from '../sessions/session-token';

/** Authenticates socket.io handshakes with the same session cookie as REST. */
@Injectable()
export class SessionSocketAuthenticator implements SocketAuthenticator {
  constructor(private readonly sessions: SessionService) {}

  async authenticate(cookieHeader: string | undefined): Promise<SocketIdentity | null> {
    if (!cookieHeader) return null;
    const token = parse(cookieHeader)[sessionCookieName];
    const session = await this.sessions.resolve(token);
    if (!session) return null;
    const { user } = session;
    return {
      userId: user.id,
      sessionId: session.sessionId,
      displayName: user.displayName,
      role: user.role,
      teamIds: (user.teams ?? []).map((team) => team.id),
    };
  }
}
