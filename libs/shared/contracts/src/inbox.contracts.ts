import type { RoutingPriority } from './routing.contracts';

/** The channels Vigie talks to. A new channel adds its name here and a folder in the ingestion lib. */
export const channelNames = ['x'] as const;
export type ChannelName = (typeof channelNames)[number];

export const conversationStatuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];

/** A public thread (X `conversation_id`) or a private one (a DM conversation). */
export type ConversationKind = 'public_thread' | 'direct_message';

export type MessageDirection = 'inbound' | 'outbound';
/** Who wrote it: the customer, an agent through Vigie, or the brand directly on the channel. */
export type MessageAuthorKind = 'customer' | 'agent' | 'brand';
/** How the message reached the brand (classification of the channel item). */
export type MessageKind = 'mention' | 'reply' | 'quote' | 'retweet' | 'own_post' | 'direct_message';
/** What the customer wants, as triage read it on ingestion (same union as `TriageIntent` in `@vigie/triage-core`). */
export type MessageIntent =
  'complaint' | 'question' | 'outage_report' | 'request' | 'praise' | 'spam' | 'other';
export type MessageSentiment = 'negative' | 'neutral' | 'positive';
/** Inbound messages are `received`; outbound ones go `pending` → `sent` or `failed` (outbox). */
export type MessageDeliveryStatus = 'received' | 'pending' | 'sent' | 'failed';

export type ContactSummary = {
  id: string;
  channel: ChannelName;
  externalUserId: string;
  handle: string | null;
  displayName: string | null;
  followersCount: number | null;
  isVerified: boolean;
  language: string | null;
};

export type MessageView = {
  id: string;
  conversationId: string;
  channel: ChannelName;
  /** The channel's id; null for an outbound message not posted yet. */
  externalId: string | null;
  direction: MessageDirection;
  authorKind: MessageAuthorKind;
  kind: MessageKind;
  text: string;
  language: string | null;
  authorContactId: string | null;
  authorUserId: string | null;
  inReplyToExternalId: string | null;
  deliveryStatus: MessageDeliveryStatus;
  /** When it was written on the channel (X `created_at`). */
  sentAt: string;
  receivedAt: string;
  /** Triage on ingestion (customer messages only; null for the brand's and agents'). */
  intent: MessageIntent | null;
  sentiment: MessageSentiment | null;
  /** Whether it asked something of the brand: false for spam, plain retweets, thanks, passing mentions. */
  needsReply: boolean | null;
  /** Why triage decided so, readable by an agent. */
  triageReasons: string[];
};

export type ConversationSummary = {
  id: string;
  brandId: string;
  channelAccountId: string;
  channel: ChannelName;
  kind: ConversationKind;
  status: ConversationStatus;
  contact: ContactSummary;
  lastMessagePreview: string;
  messageCount: number;
  lastActivityAt: string;
  /** Since when the customer waits for an answer; null once the brand answered. */
  waitingSince: string | null;
  /** False while no message in it needed a reply (spam, retweets, passing mentions): stored, never waiting. */
  needsReply: boolean;
  /** The resolved conversation this one follows, when the customer wrote again too late to reopen it. */
  previousConversationId: string | null;
  createdAt: string;
};

export type ConversationDetail = ConversationSummary & { messages: MessageView[] };

/** `GET /api/conversations`: newest activity first; pass `nextCursor` back as `cursor`. */
export type ConversationPage = { items: ConversationSummary[]; nextCursor: string | null };

/** `POST /api/conversations/:id/replies`: queue a reply through the outbox (docs/replies.md). */
export type ReplyMode = 'public_reply' | 'direct_message';
export type CreateReplyRequest = {
  text: string;
  mode: ReplyMode;
  /** Chosen by the console per send attempt: the same key never posts twice. */
  idempotencyKey: string;
  /** The newest message the agent saw; a newer one stops the send (409 `conversation_changed`). */
  expectedLastMessageId?: string;
};
/** 202: the message is `pending`; `message.sent` or `message.failed` follows on the socket. */
export type CreateReplyResponse = { message: MessageView };
/** 409 `conversation_changed`: what arrived since `expectedLastMessageId`, to show before sending again. */
export type ConversationChangedError = {
  statusCode: 409;
  code: 'conversation_changed';
  message: string;
  messages: MessageView[];
};
/** 422 `text_too_long`: the text's length as X counts it. */
export type ReplyTooLongError = {
  statusCode: 422;
  code: 'text_too_long';
  message: string;
  weightedLength: number;
  maxWeightedLength: number;
};

/** `POST /api/conversations/:id/status`: `snoozedUntil` (ISO) only, and always, with `snoozed`. */
export type ChangeConversationStatusRequest = { status: ConversationStatus; snoozedUntil?: string };
/** The state agents change by hand: status (and the snooze's wake-up), the customer's wait, tags. */
export type ConversationActionState = {
  conversationId: string;
  status: ConversationStatus;
  snoozedUntil: string | null;
  waitingSince: string | null;
  resolvedAt: string | null;
  tags: string[];
};
/** `PUT /api/conversations/:id/tags`: the whole set (trimmed, lower-cased, de-duplicated). */
export type SetConversationTagsRequest = { tags: string[] };
/**
 * `POST /api/conversations/:id/priority`: the routing band of a queued or held conversation, set by a person;
 * routing reorders its queue and SLA re-chooses the policy (docs/sla.md).
 */
export type SetConversationPriorityRequest = { priority: RoutingPriority };
export type ConversationPriorityState = { conversationId: string; priority: RoutingPriority };
/** An internal note: agents only, never sent to the customer. */
export type ConversationNote = {
  id: string;
  conversationId: string;
  authorUserId: string;
  text: string;
  createdAt: string;
};
export type CreateConversationNoteRequest = { text: string };
