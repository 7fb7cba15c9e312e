// Same unions as in @vigie/contracts (core libs import no contracts); the inbox mappers fail to compile if
// the two drift apart.
export type ChannelName = 'x';
export type ConversationKind = 'public_thread' | 'direct_message';
export type MessageKind = 'mention' | 'reply' | 'quote' | 'retweet' | 'own_post' | 'direct_message';

/** The author of an inbound item, as the channel describes them (feeds the contact identity). */
export type ChannelAuthor = {
  externalUserId: string;
  handle: string | null;
  displayName: string | null;
  followersCount: number | null;
  isVerified: boolean;
  language: string | null;
};

/**
 * One channel-neutral inbound item, ready to be threaded and stored. Channels normalise their payloads
 * into this; the inbox never sees a channel payload except as `raw`.
 */
export type InboundMessage = {
  channel: ChannelName;
  brandId: string;
  channelAccountId: string;
  externalId: string;
  kind: MessageKind;
  conversationKind: ConversationKind;
  /** Groups messages of one thread: the X `conversation_id`, or the DM conversation id. */
  threadKey: string;
  /**
   * False when the payload lacks the thread root (X's v1.1 webhook tweets have no `conversation_id`): the
   * inbox then prefers the thread of the replied-to message when it has stored it.
   */
  isThreadKeyExact: boolean;
  text: string;
  language: string | null;
  sentAt: Date;
  inReplyToExternalId: string | null;
  author: ChannelAuthor;
  /** Written by the connected account itself (directly on the channel): an answer, not a question. */
  isFromAccount: boolean;
  /** The connected account's handle (without `@`), so triage can tell whether the post addresses it. */
  accountHandle: string | null;
  /**
   * The account is only tagged along: a reply to another user whose own words never name the account (X puts
   * every thread participant at the head of a reply). Such a post is stored but asks nothing of the brand.
   */
  isPassingMention: boolean;
  raw: unknown;
};
