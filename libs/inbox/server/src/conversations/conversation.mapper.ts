import type { ChannelName, ContactSummary, ConversationSummary, MessageView } from '@vigie/contracts';
import type { Message } from '../messages/message.entity';
import type { Conversation } from './conversation.entity';

export function toConversationSummary(
  conversation: Conversation,
  contact: ContactSummary,
): ConversationSummary {
  return {
    id: conversation.id,
    brandId: conversation.brandId,
    channelAccountId: conversation.channelAccountId,
    channel: conversation.channel as ChannelName,
    kind: conversation.kind,
    status: conversation.status,
    contact,
    lastMessagePreview: conversation.lastMessagePreview,
    messageCount: conversation.messageCount,
    lastActivityAt: conversation.lastActivityAt.toISOString(),
    waitingSince: conversation.waitingSince?.toISOString() ?? null,
    needsReply: conversation.needsReply,
    previousConversationId: conversation.previousConversationId,
    createdAt: conversation.createdAt.toISOString(),
  };
}

export function toMessageView(message: Message): MessageView {
  return {
    id: message.id,
    conversationId: message.conversationId ?? '',
    channel: message.channel as ChannelName,
    externalId: message.externalId,
    direction: message.direction,
    authorKind: message.authorKind,
    kind: message.kind,
    text: message.text,
    language: message.language,
    authorContactId: message.authorContactId,
    authorUserId: message.authorUserId,
    inReplyToExternalId: message.inReplyToExternalId,
    deliveryStatus: message.deliveryStatus,
    sentAt: message.sentAt.toISOString(),
    receivedAt: message.receivedAt.toISOString(),
    intent: message.intent,
    sentiment: message.sentiment,
    needsReply: message.needsReply,
    triageReasons: message.triageReasons ?? [],
  };
}

/** A contact that could not be loaded (never expected: conversations reference contacts by foreign key). */
export function unknownContact(contactId: string): ContactSummary {
  return {
    id: contactId,
    channel: 'x',
    externalUserId: '',
    handle: null,
    displayName: null,
    followersCount: null,
    isVerified: false,
    language: null,
  };
}
