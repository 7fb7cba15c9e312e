import type { AgentPresenceChanged, SessionEnded } from './realtime.contracts';
import type { UserSummary } from './users.contracts';
import type { ConversationSummary, MessageView } from './inbox.contracts';

/**
 * Every domain event, keyed by its dot-case past-tense name. Emitted after commit by the
 * services that own the aggregate; the realtime gateway forwards the ones consoles may see.
 */
export type DomainEventMap = {
  'user.created': { user: UserSummary };
  'user.updated': { user: UserSummary };
  'agent.presence.changed': AgentPresenceChanged;
  'session.ended': SessionEnded & { userId: string; sessionId: string };
  'conversation.created': ConversationCreated;
  'message.received': MessageReceived;
  'message.sent': MessageSent;
  'message.failed': MessageFailed;
};

export type ConversationCreated = { conversation: ConversationSummary };
/** A message stored for the first time (inbound, or the brand's own post seen on the channel). */
export type MessageReceived = { message: MessageView; conversation: ConversationSummary };
/** An outbound message the channel accepted. */
export type MessageSent = { message: MessageView; conversationId: string };
/** An outbound message the channel refused for good, with the channel's reason. */
export type MessageFailed = { message: MessageView; conversationId: string; reason: string };

export type DomainEventName = keyof DomainEventMap;
