import type { AgentPresenceChanged, SessionEnded } from './realtime.contracts';
import type { UserSummary } from './users.contracts';

/**
 * Every domain event, keyed by its dot-case past-tense name. Emitted after commit by the
 * services that own the aggregate; the realtime gateway forwards the ones consoles may see.
 */
export type DomainEventMap = {
  'user.created': { user: UserSummary };
  'user.updated': { user: UserSummary };
  'agent.presence.changed': AgentPresenceChanged;
  'session.ended': SessionEnded & { userId: string; sessionId: string };
};

export type DomainEventName = keyof DomainEventMap;
