import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { ContactsService } from '@vigie/crm-server';
import {
  applyConversationEvent,
  type ConversationState,
  decideThread,
  type InboundMessage,
} from '@vigie/inbox-core';
import { CLOCK, type Clock } from '@vigie/kernel';
import { triagePost } from '@vigie/triage-core';
import { DomainEventBus } from '@vigie/server';
import {
  type ConversationActivity,
  ConversationParticipants,
  type ThreadAction,
} from '../activity/conversation-activity';
import { ConversationRepository, type ThreadConversation } from '../conversations/conversation.repository';
import { toConversationSummary, toMessageView, unknownContact } from '../conversations/conversation.mapper';
import { MessageRepository } from './message.repository';

/** What became of one inbound item. */
export type RecordOutcome = 'stored' | 'duplicate' | 'ignored';

type Stored = {
  messageId: string;
  conversationId: string;
  isConversationCreated: boolean;
  activity: ConversationActivity;
};

/** Deadlock and serialisation failures: the transaction is retried whole (real PostgreSQL only). */
const retryableCodes = new Set(['40P01', '40001']);
const maxAttempts = 4;

/**
 * Records inbound messages exactly once and threads them. One transaction per batch: the message insert is
 * the dedup gate (unique channel + external id), then the author's contact, the conversation (created, joined,
 * reopened or started anew, per the reopen rule) and the message's link to it. Events are published only after
 * the commit, so a console never sees a message that a rollback would take back.
 */
@Injectable()
export class InboundRecorderService {
  private readonly logger = new Logger('InboundRecorder');

  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: MessageRepository,
    private readonly conversations: ConversationRepository,
    private readonly contacts: ContactsService,
    private readonly events: DomainEventBus,
    private readonly participants: ConversationParticipants,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(items: InboundMessage[]): Promise<RecordOutcome[]> {
    if (items.length === 0) return [];
    let stored: (Stored | RecordOutcome)[] = [];
    for (let attempt = 1; ; attempt++) {
      try {
        stored = await this.dataSource.transaction((manager) => this.recordAll(manager, items));
        break;
      } catch (error) {
        const code =
          error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
        if (!code || !retryableCodes.has(code) || attempt >= maxAttempts) throw error;
        this.logger.warn({ code, attempt }, 'Ingestion transaction conflicted; retrying');
      }
    }
    await this.publish(stored.filter((entry): entry is Stored => typeof entry !== 'string'));
    return stored.map((entry) => (typeof entry === 'string' ? entry : 'stored'));
  }

  private async recordAll(
    manager: EntityManager,
    items: InboundMessage[],
  ): Promise<(Stored | RecordOutcome)[]> {
    const results: (Stored | RecordOutcome)[] = [];
    for (const item of items) results.push(await this.recordOne(manager, item));
    await this.participants.notify(
      manager,
      results.filter((entry): entry is Stored => typeof entry !== 'string').map((entry) => entry.activity),
    );
    return results;
  }

  private async recordOne(manager: EntityManager, item: InboundMessage): Promise<Stored | RecordOutcome> {
    const messageId = await this.messages.insertInbound(manager, { item, receivedAt: this.clock.now() });
    if (!messageId) return 'duplicate';
    const threadKey = await this.threadKeyOf(manager, item);
    const latest = await this.conversations.findLatestForThread(manager, {
      channelAccountId: item.channelAccountId,
      threadKey,
    });
    const decision = decideThread({ latest, messageAt: item.sentAt, isFromAccount: item.isFromAccount });
    const event = item.isFromAccount
      ? ({ kind: 'brand_answered', at: item.sentAt } as const)
      : ({ kind: 'customer_wrote', at: item.sentAt } as const);
    if (decision.action === 'join' || decision.action === 'reopen') {
      const current = latest as ConversationState & { id: string };
      const reopened =
        decision.action === 'reopen' ? applyConversationEvent(current, { kind: 'reopened' }) : current;
      const authorContactId = item.isFromAccount ? null : await this.recordAuthor(manager, item);
      const state = applyConversationEvent(reopened, event);
      await this.conversations.recordMessage(manager, {
        conversationId: current.id,
        state,
        sentAt: item.sentAt,
        text: item.text,
      });
      await this.messages.attach(manager, { messageId, conversationId: current.id, authorContactId });
      return {
        messageId,
        conversationId: current.id,
        isConversationCreated: false,
        activity: activityOf({
          item,
          messageId,
          conversation: current,
          contactId: authorContactId,
          thread: decision.action === 'reopen' ? 'reopened' : 'joined',
          state,
        }),
      };
    }
    if (item.isFromAccount) {
      // The brand answering a thread Vigie never saw opens nothing (docs/adr/0010).
      await this.messages.remove(manager, messageId);
      return 'ignored';
    }
    const contactId = await this.recordAuthor(manager, item);
    const state = applyConversationEvent({ status: 'open', resolvedAt: null, waitingSince: null }, event);
    const previousConversationId = decision.action === 'create_linked' ? (latest?.id ?? null) : null;
    const conversationId = await this.conversations.insert(manager, {
      item,
      threadKey,
      contactId,
      state,
      previousConversationId,
    });
    if (conversationId) {
      await this.messages.attach(manager, { messageId, conversationId, authorContactId: contactId });
      return {
        messageId,
        conversationId,
        isConversationCreated: true,
        activity: activityOf({
          item,
          messageId,
          conversation: { id: conversationId },
          contactId,
          thread: decision.action === 'create_linked' ? 'created_linked' : 'created',
          state,
        }),
      };
    }
    // Another transaction opened the thread's conversation meanwhile: join it.
    const winner = (await this.conversations.findLatestForThread(manager, {
      channelAccountId: item.channelAccountId,
      threadKey,
    })) as ConversationState & { id: string };
    const joinedState = applyConversationEvent(winner, event);
    await this.conversations.recordMessage(manager, {
      conversationId: winner.id,
      state: joinedState,
      sentAt: item.sentAt,
      text: item.text,
    });
    await this.messages.attach(manager, { messageId, conversationId: winner.id, authorContactId: contactId });
    return {
      messageId,
      conversationId: winner.id,
      isConversationCreated: false,
      activity: activityOf({
        item,
        messageId,
        conversation: winner,
        contactId,
        thread: 'joined',
        state: joinedState,
      }),
    };
  }

  /** A v1.1 reply's thread is the stored thread of the post it answers, when Vigie has it. */
  private async threadKeyOf(manager: EntityManager, item: InboundMessage): Promise<string> {
    if (item.isThreadKeyExact || !item.inReplyToExternalId) return item.threadKey;
    const parentThreadKey = await this.messages.findThreadKeyOf(manager, {
      channel: item.channel,
      externalId: item.inReplyToExternalId,
      channelAccountId: item.channelAccountId,
    });
    return parentThreadKey ?? item.threadKey;
  }

  private async recordAuthor(manager: EntityManager, item: InboundMessage): Promise<string> {
    const contact = await this.contacts.recordAuthor({
      manager,
      identity: { channel: item.channel, ...item.author },
    });
    return contact.id;
  }

  private async publish(stored: Stored[]): Promise<void> {
    if (stored.length === 0) return;
    const [messages, conversations] = await Promise.all([
      this.messages.findByIds(stored.map((entry) => entry.messageId)),
      this.conversations.findByIds([...new Set(stored.map((entry) => entry.conversationId))]),
    ]);
    const contacts = await this.contacts.summariesByIds(
      conversations.map((conversation) => conversation.contactId),
    );
    const messageById = new Map(messages.map((message) => [message.id, message]));
    const conversationById = new Map(conversations.map((conversation) => [conversation.id, conversation]));
    for (const entry of stored) {
      const message = messageById.get(entry.messageId);
      const conversation = conversationById.get(entry.conversationId);
      if (!message || !conversation) continue;
      const summary = toConversationSummary(
        conversation,
        contacts.get(conversation.contactId) ?? unknownContact(conversation.contactId),
      );
      if (entry.isConversationCreated) this.events.publish('conversation.created', { conversation: summary });
      this.events.publish('message.received', { message: toMessageView(message), conversation: summary });
    }
  }
}

/** The participants' view of one recorded inbound message. */
function activityOf(params: {
  item: InboundMessage;
  messageId: string;
  conversation: Pick<ThreadConversation, 'id'>;
  contactId: string | null;
  thread: ThreadAction;
  state: ConversationState;
}): ConversationActivity {
  const { item } = params;
  const common = {
    conversationId: params.conversation.id,
    brandId: item.brandId,
    channelAccountId: item.channelAccountId,
    messageId: params.messageId,
    at: item.sentAt,
    state: params.state,
  };
  if (item.isFromAccount || !params.contactId)
    return { kind: 'brand_answered', ...common, via: 'channel', userId: null };
  return {
    kind: 'customer_wrote',
    ...common,
    contactId: params.contactId,
    messageKind: item.kind,
    language: item.language,
    text: item.text,
    thread: params.thread,
    triage: triagePost({
      text: item.text,
      authorFollowers: item.author.followersCount ?? undefined,
      isAuthorVerified: item.author.isVerified,
    }),
  };
}
