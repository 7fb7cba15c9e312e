import type { Role } from './roles';
import type {
  ConversationCreated,
  ConversationUpdated,
  MessageFailed,
  MessageReceived,
  MessageSent,
  NoteAdded,
} from './domain-events.contracts';
import type { AgentStatusChanged, ConversationAssigned, QueueChanged } from './routing.contracts';
import type { SlaAlertDigest, SlaUpdated } from './sla.contracts';
import type { SpikeIncidentChanged } from './spikes.contracts';
import type { ContactErased, ContactMerged, ContactMergeUndone, ContactUpdated } from './crm.contracts';

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

/** Sent to a console right after it connects: who it may see online now (presence changes follow). */
export type AgentPresenceSnapshot = { agents: AgentPresenceChanged[] };

/** One agent looking at a conversation (several tabs of one user count once; typing if any tab types). */
export type ConversationViewer = { userId: string; displayName: string; isTyping: boolean };

/** Everyone viewing a conversation, sent to its viewers whenever someone opens, leaves or types. */
export type ConversationViewersChanged = { conversationId: string; viewers: ConversationViewer[] };

export type ConversationViewingCommand = { conversationId: string | null };
export type ConversationTypingCommand = { conversationId: string; isTyping: boolean };
/** The answer to viewing/typing commands: the viewers now, or why the command was refused. */
export type ConversationViewingAck =
  { ok: true; viewers: ConversationViewer[] } | { ok: false; code: 'forbidden' | 'invalid' };

/** Events the server pushes to consoles. Keys are dot-case past tense, like domain events. */
export type ServerToClientEvents = {
  'agent.presence.changed': (payload: AgentPresenceChanged) => void;
  'session.ended': (payload: SessionEnded) => void;
  'conversation.created': (payload: ConversationCreated) => void;
  'message.received': (payload: MessageReceived) => void;
  'message.sent': (payload: MessageSent) => void;
  'message.failed': (payload: MessageFailed) => void;
  'conversation.updated': (payload: ConversationUpdated) => void;
  'note.added': (payload: NoteAdded) => void;
  'agent.presence.snapshot': (payload: AgentPresenceSnapshot) => void;
  'conversation.viewers.changed': (payload: ConversationViewersChanged) => void;
  'conversation.assigned': (payload: ConversationAssigned) => void;
  'queue.changed': (payload: QueueChanged) => void;
  'agent.status.changed': (payload: AgentStatusChanged) => void;
  'sla.warning': (payload: SlaAlertDigest) => void;
  'sla.breached': (payload: SlaAlertDigest) => void;
  'sla.updated': (payload: SlaUpdated) => void;
  'incident.opened': (payload: SpikeIncidentChanged) => void;
  'incident.updated': (payload: SpikeIncidentChanged) => void;
  'incident.closed': (payload: SpikeIncidentChanged) => void;
  'contact.updated': (payload: ContactUpdated) => void;
  'contact.merged': (payload: ContactMerged) => void;
  'contact.merge_undone': (payload: ContactMergeUndone) => void;
  'contact.erased': (payload: ContactErased) => void;
};

export type WhoAmIAck = { userId: string; rooms: string[]; node: string };

/** Commands consoles send; each answers through the acknowledgement callback. */
export type ClientToServerEvents = {
  'session.whoami': (ack: (reply: WhoAmIAck) => void) => void;
  /** The conversation this socket shows now (null: none); joins `conversation:<id>`. */
  'conversation.viewing': (
    payload: ConversationViewingCommand,
    ack?: (reply: ConversationViewingAck) => void,
  ) => void;
  /** Typing in the reply box of the conversation this socket is viewing. */
  'conversation.typing': (
    payload: ConversationTypingCommand,
    ack?: (reply: ConversationViewingAck) => void,
  ) => void;
};

/** Room names: one per agent, per team and per role. */
export const rooms = {
  agent: (userId: string) => `agent:${userId}`,
  team: (teamId: string) => `team:${teamId}`,
  role: (role: Role) => `role:${role}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
} as const;
