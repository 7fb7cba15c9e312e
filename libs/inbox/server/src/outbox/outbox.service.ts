import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { MessageView } from '@vigie/contracts';
import { ContactsService } from '@vigie/crm-server';
import { applyConversationEvent, checkReplyText, type ReplyMode } from '@vigie/inbox-core';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { DomainEventBus } from '@vigie/server';
import { ConversationParticipants } from '../activity/conversation-activity';
import { toMessageView } from '../conversations/conversation.mapper';
import { MessageRepository } from '../messages/message.repository';
import { OutboxRepository, type OutboxRow, type RescheduledAttempt } from './outbox.repository';

export type EnqueueReplyParams = {
  conversationId: string;
  text: string;
  mode: ReplyMode;
  author: { kind: 'agent'; userId: string } | { kind: 'automation'; name: string };
  idempotencyKey: string;
  /** The newest message the author saw: when another one arrived since, nothing is queued (409). */
  expectedLastMessageId?: string;
  /**
   * One of many replies of a bulk answer: the dispatcher paces it within a share of the account's sending budget,
   * so agents' own replies keep the rest (docs/replies.md).
   */
  isBulk?: boolean;
};

/** A claimed outbox row with what the channel needs to send it. */
export type OutboxJob = OutboxRow & { recipientExternalId: string | null };

const uniqueViolation = '23505';

/**
 * The outbox of outbound messages (docs/replies.md): `enqueue` stores the message as `pending` with its outbox
 * row in one transaction, idempotent on the caller's key; the dispatcher (ingestion, which owns the channels)
 * claims rows, sends them, and reports the outcome here, which records it and publishes `message.sent` or
 * `message.failed` after commit.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger('Outbox');
  private readonly enqueueListeners = new Set<() => void>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly messages: MessageRepository,
    private readonly contacts: ContactsService,
    private readonly participants: ConversationParticipants,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Queues a reply. Pass the caller's transaction manager to queue it atomically with other writes (it is sent
   * once that transaction commits), or null to run in a transaction of its own. Throws DomainError:
   * `not_found`; `invalid` with `details.reason` `text_too_long` / `text_empty` / `no_post_to_answer` /
   * `mode_not_available`; `conflict` with `details.reason` `conversation_changed` (and `details.messages`, the
   * messages after `expectedLastMessageId`) or `idempotency_key_reused`.
   */
  async enqueue(
    manager: EntityManager | null,
    params: EnqueueReplyParams,
  ): Promise<{ messageId: string; isDuplicate: boolean }> {
    const check = checkReplyText({ text: params.text, mode: params.mode });
    if (!check.isValid) {
      throw new DomainError({
        code: 'invalid',
        message:
          check.reason === 'empty'
            ? 'The reply is empty.'
            : `The reply is too long for X: ${check.weightedLength} characters as X counts them, at most ${check.maxWeightedLength}.`,
        details: {
          reason: check.reason === 'empty' ? 'text_empty' : 'text_too_long',
          weightedLength: check.weightedLength,
          maxWeightedLength: check.maxWeightedLength,
        },
      });
    }
    const result = manager
      ? await this.enqueueIn(manager, params)
      : await this.dataSource.transaction((own) => this.enqueueIn(own, params));
    if (!result.isDuplicate) for (const listener of this.enqueueListeners) listener();
    return result;
  }

  /** In-process nudge for the dispatcher (it also polls, for rows queued by other processes). */
  onEnqueued(listener: () => void): () => void {
    this.enqueueListeners.add(listener);
    return () => this.enqueueListeners.delete(listener);
  }

  private async enqueueIn(
    manager: EntityManager,
    params: EnqueueReplyParams,
  ): Promise<{ messageId: string; isDuplicate: boolean }> {
    await this.outbox.lockKey(manager, params.idempotencyKey);
    const existing = await this.outbox.findByKey(manager, params.idempotencyKey);
    if (existing) {
      if (existing.conversationId !== params.conversationId)
        throw new DomainError({
          code: 'conflict',
          message: 'This idempotency key was already used for another conversation.',
          details: { reason: 'idempotency_key_reused' },
        });
      return { messageId: existing.messageId, isDuplicate: true };
    }
    const conversation = await this.outbox.lockConversation(manager, params.conversationId);
    if (!conversation)
      throw new DomainError({ code: 'not_found', message: `No conversation ${params.conversationId}.` });
    if (params.expectedLastMessageId !== undefined) {
      const ids = await this.outbox.listMessageIds(manager, conversation.id);
      if (ids[ids.length - 1] !== params.expectedLastMessageId) {
        const seen = ids.indexOf(params.expectedLastMessageId);
        // Read through the transaction: another connection would wait for it (PGlite serialises them).
        const newer = await this.outbox.findMessages(manager, ids.slice(seen + 1));
        throw new DomainError({
          code: 'conflict',
          message: 'The conversation changed since you opened it: read the new messages before answering.',
          details: {
            reason: 'conversation_changed',
            messages: newer
              .sort((left, right) => ids.indexOf(left.id) - ids.indexOf(right.id))
              .map(toMessageView),
          },
        });
      }
    }
    let inReplyToExternalId: string | null = null;
    if (params.mode === 'public_reply') {
      if (conversation.kind !== 'public_thread')
        throw new DomainError({
          code: 'invalid',
          message: 'This conversation is private: answer it by direct message.',
          details: { reason: 'mode_not_available' },
        });
      inReplyToExternalId = await this.outbox.findLatestCustomerPost(manager, conversation.id);
      if (!inReplyToExternalId)
        throw new DomainError({
          code: 'invalid',
          message: 'The conversation has no customer post to answer publicly.',
          details: { reason: 'no_post_to_answer' },
        });
    }
    const at = this.clock.now();
    const author = params.author;
    const messageId = await this.outbox.insertMessage(manager, {
      conversation,
      mode: params.mode,
      text: params.text,
      authorKind: author.kind === 'agent' ? 'agent' : 'brand',
      authorUserId: author.kind === 'agent' ? author.userId : null,
      inReplyToExternalId,
      at,
    });
    await this.outbox.insert(manager, {
      messageId,
      conversation,
      mode: params.mode,
      text: params.text,
      inReplyToExternalId,
      idempotencyKey: params.idempotencyKey,
      authorUserId: author.kind === 'agent' ? author.userId : null,
      automationName: author.kind === 'automation' ? author.name : null,
      isBulk: params.isBulk ?? false,
      at,
    });
    await this.outbox.countMessage(manager, { conversationId: conversation.id, text: params.text, at });
    return { messageId, isDuplicate: false };
  }

  /** Claims due rows (one attempt each) for the dispatcher, with the DM recipient resolved. */
  async claimDue(params: { limit: number; leaseMs: number }): Promise<OutboxJob[]> {
    const now = this.clock.now();
    const rows = await this.outbox.claimDue({
      now,
      leaseUntil: new Date(now.getTime() + params.leaseMs),
      limit: params.limit,
    });
    const directMessages = rows.filter((row) => row.mode === 'direct_message');
    const contacts = directMessages.length
      ? await this.contacts.summariesByIds(directMessages.map((row) => row.contactId))
      : new Map<string, { externalUserId: string }>();
    return rows.map((row) => ({
      ...row,
      recipientExternalId:
        row.mode === 'direct_message' ? (contacts.get(row.contactId)?.externalUserId ?? null) : null,
    }));
  }

  /**
   * The channel accepted the message: its external id, `sent`, and the brand's answer (the customer's wait
   * stops) commit together. When ingestion already stored the same post (the stream can beat X's answer), that
   * copy is folded into this message, so the post exists once.
   */
  async markSent(params: { outboxId: string; externalId: string; sentAt: Date }): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const sent = await this.dataSource.transaction((manager) => this.markSentIn(manager, params));
        if (sent) await this.publishOutcome({ ...sent, kind: 'sent' });
        return;
      } catch (error) {
        // A copy being ingested right now holds the external id uncommitted: retry once it is visible.
        const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : null;
        if (code !== uniqueViolation || attempt >= 3) throw error;
      }
    }
  }

  private async markSentIn(
    manager: EntityManager,
    params: { outboxId: string; externalId: string; sentAt: Date },
  ): Promise<{ messageId: string; conversationId: string; replacedMessageId: string | null } | null> {
    const row = await this.outbox.lockForOutcome(manager, params.outboxId);
    if (!row || row.status === 'sent' || row.status === 'failed') return null;
    const conversation = await this.outbox.lockConversation(manager, row.conversationId);
    const copy = await this.outbox.findOtherMessageByExternalId(manager, {
      channel: row.channel,
      externalId: params.externalId,
      exceptMessageId: row.messageId,
    });
    if (copy) await this.outbox.removeIngestedCopy(manager, copy);
    // When the channel says it was written: the same time ingestion would record for this post.
    const at = params.sentAt;
    await this.outbox.markSent(manager, {
      id: params.outboxId,
      messageId: row.messageId,
      externalId: params.externalId,
      at,
    });
    // An automatic acknowledgement (out of hours) is not an answer: the customer still waits for a person.
    if (conversation && !row.isAutomation) {
      const state = applyConversationEvent(conversation, { kind: 'brand_answered', at });
      await this.outbox.updateConversationState(manager, { id: conversation.id, ...state });
      await this.participants.notify(manager, [
        {
          kind: 'brand_answered',
          conversationId: conversation.id,
          brandId: conversation.brandId,
          channelAccountId: conversation.channelAccountId,
          messageId: row.messageId,
          via: 'vigie',
          userId: row.authorUserId,
          at,
          state,
        },
      ]);
    }
    return {
      messageId: row.messageId,
      conversationId: row.conversationId,
      replacedMessageId: copy?.id ?? null,
    };
  }

  /** The channel refused the message for good (or every attempt failed): `failed`, with the channel's reason. */
  async markFailed(params: { outboxId: string; reason: string }): Promise<void> {
    const failed = await this.dataSource.transaction(async (manager) => {
      const row = await this.outbox.lockForOutcome(manager, params.outboxId);
      if (!row || row.status === 'sent' || row.status === 'failed') return null;
      await this.outbox.markFailed(manager, {
        id: params.outboxId,
        messageId: row.messageId,
        reason: params.reason,
      });
      return { messageId: row.messageId, conversationId: row.conversationId, replacedMessageId: null };
    });
    if (failed) await this.publishOutcome({ ...failed, kind: 'failed', reason: params.reason });
  }

  /**
   * The first of `externalIds` that no other outbox message owns: after an unanswered attempt, a matching post
   * on the channel is this message's only if it is not another (same text, sent on purpose) reply's.
   */
  async firstUnclaimed(params: { channel: string; externalIds: string[] }): Promise<string | null> {
    if (params.externalIds.length === 0) return null;
    const claimed = new Set(await this.outbox.findClaimedExternalIds(params));
    return params.externalIds.find((id) => !claimed.has(id)) ?? null;
  }

  /** `enqueue` for an agent on the REST edge: the queued message as the console shows it. */
  async replyAsAgent(params: Omit<EnqueueReplyParams, 'author'> & { userId: string }): Promise<MessageView> {
    const { userId, ...rest } = params;
    const { messageId } = await this.enqueue(null, { ...rest, author: { kind: 'agent', userId } });
    const [message] = await this.messages.findByIds([messageId]);
    if (!message) throw new Error(`The queued message ${messageId} is missing.`);
    return toMessageView(message);
  }

  /**
   * Another attempt later (retryable failure, rate limit, or the sending budget), remembering whether X may have
   * accepted this one. `attempt` says what the claim's attempt counts as (default: an attempt).
   */
  async reschedule(params: {
    outboxId: string;
    delayMs: number;
    isOutcomeUnknown: boolean;
    reason: string;
    attempt?: RescheduledAttempt;
  }): Promise<void> {
    await this.outbox.reschedule({
      id: params.outboxId,
      nextAttemptAt: new Date(this.clock.now().getTime() + params.delayMs),
      isOutcomeUnknown: params.isOutcomeUnknown,
      reason: params.reason,
      attempt: params.attempt ?? 'counted',
    });
  }

  private async publishOutcome(
    outcome: { messageId: string; conversationId: string; replacedMessageId: string | null } & (
      { kind: 'sent' } | { kind: 'failed'; reason: string }
    ),
  ): Promise<void> {
    const [message] = await this.messages.findByIds([outcome.messageId]);
    if (!message) return;
    const view = toMessageView(message);
    if (outcome.kind === 'sent') {
      this.events.publish('message.sent', {
        message: view,
        conversationId: outcome.conversationId,
        ...(outcome.replacedMessageId ? { replacedMessageId: outcome.replacedMessageId } : {}),
      });
    } else {
      this.logger.warn({ messageId: outcome.messageId, reason: outcome.reason }, 'Outbound message failed');
      this.events.publish('message.failed', {
        message: view,
        conversationId: outcome.conversationId,
        reason: outcome.reason,
      });
    }
  }
}
