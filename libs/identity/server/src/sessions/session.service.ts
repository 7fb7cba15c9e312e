import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@vigie/kernel';
import { APP_CONFIG, type AppConfig, DomainEventBus } from '@vigie/server';
import type { AppUser } from '../users/app-user.entity';
import { SessionRepository } from './session.repository';
import { hashSessionToken, newSessionToken } from './session-token';

export type ResolvedSession = { sessionId: string; user: AppUser };

/** Touch `last_seen_at` at most this often: one write per minute per session, not per request. */
const touchIntervalMs = 60_000;

/**
 * Server-side sessions (docs/adr/0004-sessions.md): an absolute lifetime (SESSION_TTL_HOURS) and an
 * idle timeout (SESSION_IDLE_MINUTES); logout and deactivation end them at once.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly events: DomainEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(params: {
    userId: string;
    ip?: string;
    userAgent?: string;
  }): Promise<{ token: string; expiresAt: Date }> {
    const now = this.clock.now();
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + this.config.session.ttlHours * 3_600_000);
    await this.sessions.insert({
      tokenHash: hashSessionToken(token),
      userId: params.userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: params.ip ?? null,
      userAgent: params.userAgent?.slice(0, 300) ?? null,
    });
    return { token, expiresAt };
  }

  /** The live session behind a token, or null when unknown, expired, idle too long or the user is inactive. */
  async resolve(token: string | undefined): Promise<ResolvedSession | null> {
    if (!token || token.length > 100) return null;
    const session = await this.sessions.findWithUserByTokenHash(hashSessionToken(token));
    if (!session) return null;
    const now = this.clock.now();
    const idleLimitMs = this.config.session.idleMinutes * 60_000;
    if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > idleLimitMs) {
      await this.sessions.deleteById(session.id);
      return null;
    }
    const user = session.user;
    if (!user || !user.isActive) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > touchIntervalMs) {
      await this.sessions.touch({ id: session.id, lastSeenAt: now });
    }
    return { sessionId: session.id, user };
  }

  async close(params: { sessionId: string; userId: string }): Promise<void> {
    await this.sessions.deleteById(params.sessionId);
    this.events.publish('session.ended', {
      userId: params.userId,
      sessionId: params.sessionId,
      reason: 'logout',
    });
  }

  async closeAllForUser(params: { userId: string; reason: 'deactivated' | 'logout' }): Promise<void> {
    const ids = await this.sessions.deleteByUserId(params.userId);
    for (const sessionId of ids)
      this.events.publish('session.ended', { userId: params.userId, sessionId, reason: params.reason });
  }

  purgeExpired(): Promise<number> {
    return this.sessions.deleteExpired(this.clock.now());
  }
}
