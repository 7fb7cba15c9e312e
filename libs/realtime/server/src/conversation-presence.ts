import type { AgentPresenceChanged, ConversationViewer, Role } from '@vigie/contracts';
import type { SocketIdentity } from './socket-authenticator';

/** What a socket carries besides its identity: the conversation it shows and whether its reply box types. */
export type SocketViewing = { identity: SocketIdentity; viewing?: string | null; isTyping?: boolean };

/** Roles whose consoles work the inbox (the same audience as conversation traffic). */
const inboxRoles: readonly Role[] = ['agent', 'supervisor', 'admin'];

/**
 * Whether a socket may join a conversation's viewers. Realtime imports no domain lib, so the API can
 * narrow this (routing: only the assignee's team) by providing {@link CONVERSATION_ACCESS}; the default
 * follows the REST read rule for consoles: every inbox role sees every conversation.
 */
export interface ConversationAccess {
  mayView(identity: SocketIdentity, conversationId: string): Promise<boolean>;
}

export const CONVERSATION_ACCESS = Symbol('CONVERSATION_ACCESS');

export class RoleConversationAccess implements ConversationAccess {
  mayView(identity: SocketIdentity): Promise<boolean> {
    return Promise.resolve(inboxRoles.includes(identity.role));
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Conversation ids are UUIDs; anything else is refused before it names a room. */
export function isConversationId(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

/**
 * The viewers of one conversation from the sockets in its room (on every node): one entry per user,
 * typing when any of their sockets types, sorted by name so every console shows the same order.
 */
export function viewersOf(sockets: readonly SocketViewing[], conversationId: string): ConversationViewer[] {
  const byUser = new Map<string, ConversationViewer>();
  for (const socket of sockets) {
    if (socket.viewing !== conversationId) continue;
    const known = byUser.get(socket.identity.userId);
    byUser.set(socket.identity.userId, {
      userId: socket.identity.userId,
      displayName: socket.identity.displayName,
      isTyping: Boolean(known?.isTyping) || Boolean(socket.isTyping),
    });
  }
  return [...byUser.values()].sort(
    (left, right) =>
      left.displayName.localeCompare(right.displayName) || left.userId.localeCompare(right.userId),
  );
}

/** The mirror of `presenceAudience`: supervisors and admins see everyone, others their teammates. */
export function maySeePresenceOf(viewer: SocketIdentity, agent: SocketIdentity): boolean {
  if (viewer.role === 'supervisor' || viewer.role === 'admin') return true;
  return agent.teamIds.some((teamId) => viewer.teamIds.includes(teamId));
}

/** Who a newly connected console sees online now: one entry per user it may see, itself excluded. */
export function presenceSnapshot(params: {
  viewer: SocketIdentity;
  connected: readonly SocketIdentity[];
  at: string;
}): AgentPresenceChanged[] {
  const byUser = new Map<string, AgentPresenceChanged>();
  for (const agent of params.connected) {
    if (agent.userId === params.viewer.userId || !maySeePresenceOf(params.viewer, agent)) continue;
    byUser.set(agent.userId, {
      userId: agent.userId,
      displayName: agent.displayName,
      role: agent.role,
      status: 'online',
      at: params.at,
    });
  }
  return [...byUser.values()];
}
