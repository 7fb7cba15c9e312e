import type { Role } from './roles';
import type {
  ConversationCreated,
  MessageFailed,
  MessageReceived,
  MessageSent,
} from './domain-events.contracts';

/**
 * socket.io is served at this path so that one reverse-proxy rule (`/api/*`) covers REST and sockets.
 */
export const socketPath = '/api/socket.io';

export type PresenceStatus = 'online' | 'away' | 'offline';

export type AgentPresenceChanged = {
  userId: string;
  displayName: string;
  role: Role;
  status: PresenceStatus;
  at: string;
};

export type SessionEnded = { reason: 'logout' | 'expired' | 'deactivated' };

/** Events the server pushes to consoles. Keys are dot-case past tense, like domain events. */
export type ServerToClientEvents = {
  'agent.presence.changed': (payload: AgentPresenceChanged) => void;
  'session.ended': (payload: SessionEnded) => void;
  'conversation.created': (payload: ConversationCreated) => void;
  'message.received': (payload: MessageReceived) => void;
  'message.sent': (payload: MessageSent) => void;
  'message.failed': (payload: MessageFailed) => void;
};

export type WhoAmIAck = { userId: string; rooms: string[]; node: string };

/** Commands consoles send; each answers through the acknowledgement callback. */
export type ClientToServerEvents = {
  'session.whoami': (ack: (reply: WhoAmIAck) => void) => void;
};

/** Room names: one per agent, per team and per role. */
export const rooms = {
  agent: (userId: string) => `agent:${userId}`,
  team: (teamId: string) => `team:${teamId}`,
  role: (role: Role) => `role:${role}`,
} as const;
