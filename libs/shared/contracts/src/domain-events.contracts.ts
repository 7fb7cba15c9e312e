import type { AgentPresenceChanged, SessionEnded } from './realtime.contracts';
import type { UserSummary } from './users.contracts';
import type { SlaAlertsRaised, SlaEscalated, SlaUpdated } from './sla.contracts';
import type {
  ConversationActionState,
  ConversationNote,
  ConversationSummary,
  MessageView,
} from './inbox.contracts';
import type { AgentStatusChanged, ConversationAssigned, QueueChanged } from './routing.contracts';
import type { ContactErased, ContactMerged, ContactMergeUndone, ContactUpdated } from './crm.contracts';
import type { SpikeIncidentChanged } from './spikes.contracts';

/**
 * Every domain event, keyed by its dot-case past-tense name. Emitted after commit by the
 * services that own the aggregate; the realtime gateway forwards the ones consoles may see.
 */
export type DomainEventMap = {
  'user.created': { user: UserSummary };
  'user.updated': { user: UserSummary };
  'agent.presence.changed': AgentPresenceChanged;
  'session.ended': SessionEnded & { userId: string; sessionId: string };
  'sla.warning': SlaAlertsRaised;
  'sla.breached': SlaAlertsRaised;
  'sla.updated': SlaUpdated;
  'sla.escalated': SlaEscalated;
  'conversation.created': ConversationCreated;
  'message.received': MessageReceived;
  'message.sent': MessageSent;
  'message.failed': MessageFailed;
  'conversation.updated': ConversationUpdated;
  'note.added': NoteAdded;
  'conversation.assigned': ConversationAssigned;
  'queue.changed': QueueChanged;
  'agent.status.changed': AgentStatusChanged;
  'contact.updated': ContactUpdated;
  'contact.merged': ContactMerged;
  'contact.merge_undone': ContactMergeUndone;
  'contact.erased': ContactErased;
  'incident.opened': SpikeIncidentChanged;
  'incident.updated': SpikeIncidentChanged;
  'incident.closed': SpikeIncidentChanged;
};

export type ConversationCreated = { conversation: ConversationSummary };
/** A message stored for the first time (inbound, or the brand's own post seen on the channel). */
export type MessageReceived = { message: MessageView; conversation: ConversationSummary };
/** An outbound message the channel accepted. */
export type MessageSent = {
  message: MessageView;
  conversationId: string;
  /** A copy of the same post that ingestion stored before the outbox knew its id, now folded into `message`. */
  replacedMessageId?: string;
};
/** An outbound message the channel refused for good, with the channel's reason. */
export type MessageFailed = { message: MessageView; conversationId: string; reason: string };

export type DomainEventName = keyof DomainEventMap;
/** An agent changed the status or the tags, or a snooze ran out (`byUserId` null). */
export type ConversationUpdated = {
  conversation: ConversationSummary;
  state: ConversationActionState;
  byUserId: string | null;
};
/** An internal note was added to a conversation. */
export type NoteAdded = { note: ConversationNote };
