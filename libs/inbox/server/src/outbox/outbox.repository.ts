import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { InboundMessage, ReplyMode } from '@vigie/inbox-core';
import { Message } from '../messages/message.entity';

/** An outbox row as the dispatcher needs it. */
export type OutboxRow = {
  id: string;
  messageId: string;
  conversationId: string;
  channelAccountId: string;
  channel: string;
  mode: ReplyMode;
  text: string;
  inReplyToExternalId: string | null;
  contactId: string;
  attemptCount: number;
  isOutcomeUnknown: boolean;
  lastAttemptAt: Date | null;
  authorUserId: string | null;
  /** A bulk answer's reply: the sending budget paces it within its share (docs/replies.md). */
  isBulk: boolean;
  /** Attempts X answered with a rate limit: waits, not held against the attempt limit. */
  rateLimitedCount: number;
};

/** What a rescheduled attempt counts as: an attempt, an attempt X rate-limited, or none (never sent). */
export type RescheduledAttempt = 'counted' | 'rate_limited' | 'not_made';

type RawOutboxRow = {
  id: string;
  message_id: string;
  conversation_id: string;
  channel_account_id: string;
  channel: string;
  mode: ReplyMode;
  text: string;
  in_reply_to_external_id: string | null;
  contact_id: string;
  attempt_count: number;
  is_outcome_unknown: boolean;
  last_attempt_at: Date | null;
  author_user_id: string | null;
  is_bulk: boolean;
  rate_limited_count: number;
};

function toOutboxRow(row: RawOutboxRow): OutboxRow {
  return {
    id: row.id,
    messageId: row.message_id,
    conversationId: row.conversation_id,
    channelAccountId: row.channel_account_id,
    channel: row.channel,
    mode: row.mode,
    text: row.text,
    inReplyToExternalId: row.in_reply_to_external_id,
    contactId: row.contact_id,
    attemptCount: row.attempt_count,
    isOutcomeUnknown: row.is_outcome_unknown,
    lastAttemptAt: row.last_attempt_at,
    authorUserId: row.author_user_id,
    isBulk: row.is_bulk,
    rateLimitedCount: row.rate_limited_count,
  };
}

type OutcomeRow = {
  status: string;
  isAutomation: boolean;
  messageId: string;
  conversationId: string;
  channel: string;
  authorUserId: string | null;
};

export type ConversationForReply = {
  id: string;
  brandId: string;
  channelAccountId: string;
  channel: string;
  kind: 'public_thread' | 'direct_message';
  contactId: string;
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  waitingSince: Date | null;
  resolvedAt: Date | null;
};

/** SQL for the outbox (docs/replies.md). Writes take the caller's EntityManager. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises enqueues that share an idempotency key (released at commit). */
  async lockKey(manager: EntityManager, idempotencyKey: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('outbox:' || $1))`, [idempotencyKey]);
  }

  async findByKey(
    manager: EntityManager,
    idempotencyKey: string,
  ): Promise<{ messageId: string; conversationId: string } | null> {
    const rows = (await manager.query(
      `SELECT message_id, conversation_id FROM outbox_message WHERE idempotency_key = $1`,
      [idempotencyKey],
    )) as { message_id: string; conversation_id: string }[];
    const row = rows[0];
    return row ? { messageId: row.message_id, conversationId: row.conversation_id } : null;
  }

  /** The conversation, locked until the transaction ends (a reply or a status change is about to touch it). */
  async lockConversation(manager: EntityManager, id: string): Promise<ConversationForReply | null> {
    const rows = (await manager.query(
      `SELECT id, brand_id, channel_account_id, channel, kind, contact_id, status, waiting_since, resolved_at
       FROM conversation WHERE id = $1 FOR UPDATE`,
      [id],
    )) as {
      id: string;
      brand_id: string;
      channel_account_id: string;
      channel: string;
      kind: ConversationForReply['kind'];
      contact_id: string;
      status: ConversationForReply['status'];
      waiting_since: Date | null;
      resolved_at: Date | null;
    }[];
    const row = rows[0];
    return row
      ? {
          id: row.id,
          brandId: row.brand_id,
          channelAccountId: row.channel_account_id,
          channel: row.channel,
          kind: row.kind,
          contactId: row.contact_id,
          status: row.status,
          waitingSince: row.waiting_since,
          resolvedAt: row.resolved_at,
        }
      : null;
  }

  /** Message ids of the conversation in the order the console shows them. */
  async listMessageIds(manager: EntityManager, conversationId: string): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id FROM message WHERE conversation_id = $1 ORDER BY sent_at, id`,
      [conversationId],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  findMessages(manager: EntityManager, ids: string[]): Promise<Message[]> {
    return ids.length ? manager.getRepository(Message).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** The customer's newest post in the thread: a public reply answers it. */
  async findLatestCustomerPost(manager: EntityManager, conversationId: string): Promise<string | null> {
    const rows = (await manager.query(
      `SELECT external_id FROM message
       WHERE conversation_id = $1 AND direction = 'inbound' AND external_id IS NOT NULL AND kind <> 'direct_message'
       ORDER BY sent_at DESC, id DESC LIMIT 1`,
      [conversationId],
    )) as { external_id: string }[];
    return rows[0]?.external_id ?? null;
  }

  async insertMessage(
    manager: EntityManager,
    params: {
      conversation: ConversationForReply;
      mode: ReplyMode;
      text: string;
      authorKind: 'agent' | 'brand';
      authorUserId: string | null;
      inReplyToExternalId: string | null;
      at: Date;
    },
  ): Promise<string> {
    const rows = (await manager.query(
      `INSERT INTO message (channel, external_id, channel_account_id, conversation_id, direction, author_kind, kind,
         author_user_id, text, in_reply_to_external_id, delivery_status, sent_at, received_at)
       VALUES ($1, NULL, $2, $3, 'outbound', $4, $5, $6, $7, $8, 'pending', $9, $9)
       RETURNING id`,
      [
        params.conversation.channel,
        params.conversation.channelAccountId,
        params.conversation.id,
        params.authorKind,
        params.mode === 'public_reply' ? 'reply' : 'direct_message',
        params.authorUserId,
        params.text,
        params.inReplyToExternalId,
        params.at,
      ],
    )) as { id: string }[];
    return (rows[0] as { id: string }).id;
  }

  async insert(
    manager: EntityManager,
    params: {
      messageId: string;
      conversation: ConversationForReply;
      mode: ReplyMode;
      text: string;
      inReplyToExternalId: string | null;
      idempotencyKey: string;
      authorUserId: string | null;
      automationName: string | null;
      isBulk: boolean;
      at: Date;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO outbox_message (message_id, conversation_id, channel_account_id, channel, mode, text,
         in_reply_to_external_id, idempotency_key, author_user_id, automation_name, next_attempt_at, created_at, updated_at,
         is_bulk)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $11, $12)`,
      [
        params.messageId,
        params.conversation.id,
        params.conversation.channelAccountId,
        params.conversation.channel,
        params.mode,
        params.text,
        params.inReplyToExternalId,
        params.idempotencyKey,
        params.authorUserId,
        params.automationName,
        params.at,
        params.isBulk,
      ],
    );
  }

  /** The pending message joins the conversation's list (count, preview, activity); the status is unchanged. */
  async countMessage(manager: EntityManager, params: { conversationId: string; text: string; at: Date }) {
    await manager.query(
      `UPDATE conversation SET message_count = message_count + 1, last_message_preview = $2,
         last_activity_at = greatest(last_activity_at, $3), updated_at = now()
       WHERE id = $1`,
      [params.conversationId, preview(params.text), params.at],
    );
  }

  /**
   * Claims due rows for one attempt each: `FOR UPDATE SKIP LOCKED`, so several processes never claim the same
   * row. A row still `sending` whose lease ran out was being sent by a process that died: whether X got it is
   * unknown, and the next attempt first looks for it on X.
   */
  async claimDue(params: { now: Date; leaseUntil: Date; limit: number }): Promise<OutboxRow[]> {
    const rows = (await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM outbox_message
         WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE outbox_message o SET
         is_outcome_unknown = o.is_outcome_unknown OR o.status = 'sending',
         status = 'sending', attempt_count = o.attempt_count + 1, last_attempt_at = $1, lease_until = $2,
         updated_at = now()
       FROM due, conversation c
       WHERE o.id = due.id AND c.id = o.conversation_id
       RETURNING o.id, o.message_id, o.conversation_id, o.channel_account_id, o.channel, o.mode, o.text,
         o.in_reply_to_external_id, c.contact_id, o.attempt_count, o.is_outcome_unknown, o.last_attempt_at,
         o.author_user_id, o.is_bulk, o.rate_limited_count`,
      [params.now, params.leaseUntil, params.limit],
    )) as [RawOutboxRow[], number] | RawOutboxRow[];
    // TypeORM returns [rows, count] for UPDATE ... RETURNING on PostgreSQL.
    const list = Array.isArray(rows[0]) ? (rows[0] as RawOutboxRow[]) : (rows as RawOutboxRow[]);
    return list.map(toOutboxRow);
  }

  async lockForOutcome(manager: EntityManager, id: string): Promise<OutcomeRow | null> {
    const rows = (await manager.query(
      `SELECT status, message_id, conversation_id, channel, author_user_id, automation_name FROM outbox_message WHERE id = $1 FOR UPDATE`,
      [id],
    )) as {
      status: string;
      message_id: string;
      conversation_id: string;
      channel: string;
      author_user_id: string | null;
      automation_name: string | null;
    }[];
    const row = rows[0];
    return row
      ? {
          status: row.status,
          isAutomation: row.automation_name !== null,
          messageId: row.message_id,
          conversationId: row.conversation_id,
          channel: row.channel,
          authorUserId: row.author_user_id,
        }
      : null;
  }

  /** A copy of our post that ingestion stored before we knew its id (the stream can be faster than X's answer). */
  async findOtherMessageByExternalId(
    manager: EntityManager,
    params: { channel: string; externalId: string; exceptMessageId: string },
  ): Promise<{ id: string; conversationId: string | null } | null> {
    const rows = (await manager.query(
      `SELECT id, conversation_id FROM message WHERE channel = $1 AND external_id = $2 AND id <> $3 FOR UPDATE`,
      [params.channel, params.externalId, params.exceptMessageId],
    )) as { id: string; conversation_id: string | null }[];
    const row = rows[0];
    return row ? { id: row.id, conversationId: row.conversation_id } : null;
  }

  async removeIngestedCopy(manager: EntityManager, copy: { id: string; conversationId: string | null }) {
    await manager.query(`DELETE FROM message WHERE id = $1`, [copy.id]);
    if (copy.conversationId)
      await manager.query(
        `UPDATE conversation SET message_count = greatest(message_count - 1, 0), updated_at = now() WHERE id = $1`,
        [copy.conversationId],
      );
  }

  async markSent(
    manager: EntityManager,
    params: { id: string; messageId: string; externalId: string; at: Date },
  ) {
    await manager.query(
      `UPDATE message SET external_id = $2, delivery_status = 'sent', sent_at = $3 WHERE id = $1`,
      [params.messageId, params.externalId, params.at],
    );
    await manager.query(
      `UPDATE outbox_message SET status = 'sent', external_id = $2, lease_until = NULL, failure_reason = NULL,
         updated_at = now() WHERE id = $1`,
      [params.id, params.externalId],
    );
  }

  async markFailed(manager: EntityManager, params: { id: string; messageId: string; reason: string }) {
    await manager.query(`UPDATE message SET delivery_status = 'failed' WHERE id = $1`, [params.messageId]);
    await manager.query(
      `UPDATE outbox_message SET status = 'failed', failure_reason = $2, lease_until = NULL, updated_at = now()
       WHERE id = $1`,
      [params.id, params.reason],
    );
  }

  /**
   * The brand's own posts that the outbox is sending right now (or whose last attempt may have landed): their
   * ids are not known yet, so they are matched on account, text and the post they answer. Ingestion leaves
   * them to the outbox, which records them with their agent and their id (docs/adr/0015).
   */
  async findInFlight(manager: EntityManager, items: readonly InboundMessage[]): Promise<Set<InboundMessage>> {
    const own = items.filter((item) => item.isFromAccount);
    if (own.length === 0) return new Set();
    const rows = (await manager.query(
      `SELECT channel_account_id, mode, text, in_reply_to_external_id FROM outbox_message
       WHERE channel_account_id = ANY($1::uuid[]) AND (status = 'sending' OR (status = 'pending' AND is_outcome_unknown))`,
      [[...new Set(own.map((item) => item.channelAccountId))]],
    )) as {
      channel_account_id: string;
      mode: ReplyMode;
      text: string;
      in_reply_to_external_id: string | null;
    }[];
    return new Set(
      own.filter((item) =>
        rows.some(
          (row) =>
            row.channel_account_id === item.channelAccountId &&
            // X may put the answered @handles in front of a reply's text.
            item.text.endsWith(row.text) &&
            (row.mode === 'direct_message'
              ? item.kind === 'direct_message'
              : row.in_reply_to_external_id === item.inReplyToExternalId),
        ),
      ),
    );
  }

  async findClaimedExternalIds(params: { channel: string; externalIds: string[] }): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT external_id FROM outbox_message WHERE channel = $1 AND external_id = ANY($2::text[])`,
      [params.channel, params.externalIds],
    )) as { external_id: string }[];
    return rows.map((row) => row.external_id);
  }

  /**
   * Back to pending for a later attempt. The claim counted an attempt: it stays counted, is also counted as
   * rate-limited, or is given back when nothing was sent (the sending budget said wait).
   */
  async reschedule(params: {
    id: string;
    nextAttemptAt: Date;
    isOutcomeUnknown: boolean;
    reason: string;
    attempt: RescheduledAttempt;
  }) {
    await this.dataSource.query(
      `UPDATE outbox_message SET status = 'pending', next_attempt_at = $2, is_outcome_unknown = $3,
         failure_reason = $4, lease_until = NULL, updated_at = now(),
         attempt_count = attempt_count - CASE WHEN $5 = 'not_made' THEN 1 ELSE 0 END,
         rate_limited_count = rate_limited_count + CASE WHEN $5 = 'rate_limited' THEN 1 ELSE 0 END
       WHERE id = $1 AND status = 'sending'`,
      [params.id, params.nextAttemptAt, params.isOutcomeUnknown, params.reason, params.attempt],
    );
  }

  /** Applies the new state after the reply was accepted (the customer's wait ends). */
  async updateConversationState(
    manager: EntityManager,
    params: { id: string; status: string; waitingSince: Date | null; resolvedAt: Date | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE conversation SET status = $2, waiting_since = $3, resolved_at = $4, updated_at = now() WHERE id = $1`,
      [params.id, params.status, params.waitingSince, params.resolvedAt],
    );
  }
}

function preview(text: string): string {
  const characters = Array.from(text);
  return characters.length > 140 ? `${characters.slice(0, 139).join('')}…` : text;
}
