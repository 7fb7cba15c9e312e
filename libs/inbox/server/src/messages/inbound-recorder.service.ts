import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { ContactsService, identityKey } from '@vigie/crm-server';
import type { InboundMessage } from '@vigie/inbox-core';
import { CLOCK, type Clock } from '@vigie/kernel';
import { DomainEventBus } from '@vigie/server';
import { ConversationParticipants } from '../activity/conversation-activity';
import { ConversationRepository, threadRef } from '../conversations/conversation.repository';
import { toConversationSummary, toMessageView, unknownContact } from '../conversations/conversation.mapper';
import { type FreshMessage, planInboundBatch, type PlannedMessage } from './inbound-batch-plan';
import { MessageRepository } from './message.repository';
import { OutboxRepository } from '../outbox/outbox.repository';

/** What became of one inbound item. */
export type RecordOutcome = 'stored' | 'duplicate' | 'ignored';

/** Deadlock and serialisation failures: the transaction is retried whole (real PostgreSQL only). */
const retryableCodes = new Set(['40P01', '40001']);
const maxAttempts = 4;

type BatchTimings = { inboxMs: number; contactsMs: number; participantsMs: number; publishMs: number };

const round = (milliseconds: number) => Math.round(milliseconds * 10) / 10;

/** Another transaction opened one of the batch's threads first: the batch is redone, and then joins it. */
class ThreadOpenedMeanwhile extends Error {}

/**
 * Records inbound messages exactly once and threads them (docs/adr/0009, 0010, 0013, 0014). One transaction per
 * batch, a fixed number of statements whatever its size: the multi-row message insert is the dedup gate (unique
 * channel + external id), then the threads' latest conversations are locked, the authors' contacts upserted, the
 * batch threaded in memory in arrival order (`planInboundBatch`), and the conversations and message links written
 * with multi-row statements. Events are published only after the commit, so a console never sees a message that
 * a rollback would take back.
 */
@Injectable()
export class InboundRecorderService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('InboundRecorder');
  /** The publications of committed batches, chained in commit order. */
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: MessageRepository,
    private readonly conversations: ConversationRepository,
    private readonly contacts: ContactsService,
    private readonly events: DomainEventBus,
    private readonly participants: ConversationParticipants,
    private readonly outbox: OutboxRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Before the database closes: the batches committed so far are published. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.whenPublished();
  }

  /** Resolves once every batch recorded so far has been published to the consoles. */
  whenPublished(): Promise<void> {
    return this.publishing;
  }

  async record(items: InboundMessage[]): Promise<RecordOutcome[]> {
    if (items.length === 0) return [];
    let recorded: (PlannedMessage | RecordOutcome)[] = [];
    const timings: BatchTimings = { inboxMs: 0, contactsMs: 0, participantsMs: 0, publishMs: 0 };
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        recorded = await this.dataSource.transaction((manager) => this.recordAll(manager, items, timings));
        break;
      } catch (error) {
        const code =
          error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
        const isRetryable =
          error instanceof ThreadOpenedMeanwhile || (code !== undefined && retryableCodes.has(code));
        if (!isRetryable || attempt >= maxAttempts) throw error;
        this.logger.warn(
          { code: code ?? 'thread_opened_meanwhile', attempt },
          'Ingestion transaction conflicted; retrying',
        );
      }
    }
    const stored = recorded.filter((entry): entry is PlannedMessage => typeof entry !== 'string');
    const committedMs = performance.now() - started;
    // Published in commit order but not awaited: the next batch's transaction overlaps this batch's reads and
    // socket emits (consoles still see batches in order).
    this.publishing = this.publishing.then(async () => {
      const publishStarted = performance.now();
      try {
        await this.publish(stored);
      } catch (error) {
        this.logger.warn({ err: error, count: stored.length }, 'Could not publish recorded messages');
      }
      timings.publishMs = performance.now() - publishStarted;
      // Where a batch's time goes (the ingestion benchmark sums these with LOG_LEVEL=debug).
      this.logger.debug(
        {
          items: items.length,
          totalMs: round(committedMs + timings.publishMs),
          inboxMs: round(timings.inboxMs),
          contactsMs: round(timings.contactsMs),
          participantsMs: round(timings.participantsMs),
          publishMs: round(timings.publishMs),
        },
        'Inbound batch recorded',
      );
    });
    return recorded.map((entry) => (typeof entry === 'string' ? entry : 'stored'));
  }

  private async recordAll(
    manager: EntityManager,
    items: InboundMessage[],
    timings: BatchTimings,
  ): Promise<(PlannedMessage | RecordOutcome)[]> {
    const started = performance.now();
    // The brand's posts the outbox is sending are the outbox's to record (docs/adr/0015): they count as seen.
    const sending = await this.outbox.findInFlight(manager, items);
    const messageIds = await this.messages.insertInboundMany(manager, {
      items: uniqueByExternalId(items.filter((item) => !sending.has(item))),
      receivedAt: this.clock.now(),
    });
    const fresh: FreshMessage[] = [];
    // Which input each fresh message came from; the others (seen already, or twice in the batch) are duplicates.
    const freshIndexes = new Map<number, number>();
    for (const [index, item] of items.entries()) {
      const messageId = messageIds.get(item.externalId);
      if (!messageId) continue;
      messageIds.delete(item.externalId);
      const threadKey = await this.threadKeyOf(manager, item, fresh);
      freshIndexes.set(index, fresh.length);
      fresh.push({
        item,
        messageId,
        threadKey,
        threadRef: threadRef({ channelAccountId: item.channelAccountId, threadKey }),
      });
    }
    const latest = await this.conversations.findLatestForThreads(
      manager,
      [...new Map(fresh.map((message) => [message.threadRef, message])).values()].map((message) => ({
        channelAccountId: message.item.channelAccountId,
        threadKey: message.threadKey,
      })),
    );
    const beforeContacts = performance.now();
    const contactIds = await this.recordAuthors(manager, fresh);
    const afterContacts = performance.now();
    const plan = planInboundBatch({ messages: fresh, latest, contactIds, newConversationId: randomUUID });
    if ((await this.conversations.insertMany(manager, plan.created)) < plan.created.length)
      throw new ThreadOpenedMeanwhile();
    await this.conversations.recordMessages(manager, plan.changed);
    await this.messages.attachMany(manager, plan.links);
    await this.messages.removeMany(manager, plan.removedMessageIds);
    const stored = plan.outcomes.filter((entry): entry is PlannedMessage => entry !== 'ignored');
    const beforeParticipants = performance.now();
    await this.participants.notify(
      manager,
      stored.map((entry) => entry.activity),
    );
    // Of the last attempt: a retried transaction's time counts once in total, not per phase.
    timings.contactsMs = afterContacts - beforeContacts;
    timings.participantsMs = performance.now() - beforeParticipants;
    timings.inboxMs = beforeParticipants - started - timings.contactsMs;
    return items.map((_, index) => {
      const freshIndex = freshIndexes.get(index);
      return freshIndex === undefined ? 'duplicate' : (plan.outcomes[freshIndex] ?? 'duplicate');
    });
  }

  /** Each customer author's contact, upserted once per batch (the newest profile of the batch wins). */
  private async recordAuthors(manager: EntityManager, fresh: FreshMessage[]): Promise<Map<string, string>> {
    const authors = new Map<string, InboundMessage>();
    for (const { item } of fresh) if (!item.isFromAccount) authors.set(item.author.externalUserId, item);
    const contacts = await this.contacts.recordAuthors({
      manager,
      identities: [...authors.values()].map((item) => ({ channel: item.channel, ...item.author })),
    });
    const contactIds = new Map<string, string>();
    for (const [externalUserId, item] of authors) {
      const contact = contacts.get(identityKey({ channel: item.channel, externalUserId }));
      if (contact) contactIds.set(externalUserId, contact.id);
    }
    return contactIds;
  }

  /**
   * A v1.1 reply's thread is the thread of the post it answers, when Vigie has it: earlier in this batch, or
   * stored.
   */
  private async threadKeyOf(
    manager: EntityManager,
    item: InboundMessage,
    earlier: FreshMessage[],
  ): Promise<string> {
    if (item.isThreadKeyExact || !item.inReplyToExternalId) return item.threadKey;
    const parent = earlier.find(
      (message) =>
        message.item.externalId === item.inReplyToExternalId &&
        message.item.channelAccountId === item.channelAccountId,
    );
    if (parent) return parent.threadKey;
    const parentThreadKey = await this.messages.findThreadKeyOf(manager, {
      channel: item.channel,
      externalId: item.inReplyToExternalId,
      channelAccountId: item.channelAccountId,
    });
    return parentThreadKey ?? item.threadKey;
  }

  private async publish(stored: PlannedMessage[]): Promise<void> {
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

/** The first of each external id: a post delivered twice in one batch is a duplicate of itself. */
function uniqueByExternalId(items: InboundMessage[]): InboundMessage[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.channel} ${item.externalId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
