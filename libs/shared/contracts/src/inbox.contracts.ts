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
export type MessageKind = 'mention' | 'reply' | 'quote' | 'own_post' | 'direct_message';
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
  /** The resolved conversation this one follows, when the customer wrote again too late to reopen it. */
  previousConversationId: string | null;
  createdAt: string;
};

export type ConversationDetail = ConversationSummary & { messages: MessageView[] };

/** `GET /api/conversations`: newest activity first; pass `nextCursor` back as `cursor`. */
export type ConversationPage = { items: ConversationSummary[]; nextCursor: string | null };
