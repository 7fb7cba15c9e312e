import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { jsonRows } from '@vigie/database';
import type { ConversationState, InboundMessage } from '@vigie/inbox-core';
import { Conversation } from './conversation.entity';

export type ThreadConversation = ConversationState & { id: string };

/** The key of a thread within the inbox: one account, one thread key. */
export function threadRef(thread: { channelAccountId: string; threadKey: string }): string {
  return `${thread.channelAccountId} ${thread.threadKey}`;
}

/** A conversation a batch creates, with its state after every message of the batch. */
export type NewConversationRow = {
  id: string;
  brandId: string;
  channelAccountId: string;
  channel: string;
  kind: InboundMessage['conversationKind'];
  threadKey: string;
  contactId: string;
  state: ConversationState;
  lastActivityAt: Date;
  lastText: string;
  messageCount: number;
  previousConversationId: string | null;
  needsReply: boolean;
};

/** What a batch did to an existing conversation: its final state and the messages it added. */
export type ConversationChangeRow = {
  conversationId: string;
  state: ConversationState;
  lastActivityAt: Date;
  lastText: string;
  addedMessages: number;
  needsReply: boolean;
};

type RawThreadConversation = {
  id: string;
  status: ConversationState['status'];
  resolved_at: Date | null;
  waiting_since: Date | null;
};

/** SQL for conversations. Writes take the ingestion transaction's EntityManager. */
@Injectable()
export class ConversationRepository {
  constructor(@InjectRepository(Conversation) private readonly conversations: Repository<Conversation>) {}

  /**
   * The most recent conversation of each thread, in one statement, locked until the transaction ends (it is
   * about to change); keyed by {@link threadRef}.
   */
  async findLatestForThreads(
    manager: EntityManager,
    threads: { channelAccountId: string; threadKey: string }[],
  ): Promise<Map<string, ThreadConversation>> {
    if (threads.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT id, channel_account_id, thread_key, status, resolved_at, waiting_since FROM conversation
       WHERE id IN (
         SELECT DISTINCT ON (conversation.channel_account_id, conversation.thread_key) conversation.id
         FROM conversation
         JOIN unnest($1::uuid[], $2::text[]) AS thread (channel_account_id, thread_key)
           ON conversation.channel_account_id = thread.channel_account_id AND conversation.thread_key = thread.thread_key
         ORDER BY conversation.channel_account_id, conversation.thread_key, conversation.created_at DESC)
       ORDER BY id
       FOR UPDATE`,
      [threads.map((thread) => thread.channelAccountId), threads.map((thread) => thread.threadKey)],
    )) as (RawThreadConversation & { channel_account_id: string; thread_key: string })[];
    return new Map(
      rows.map((row) => [
        threadRef({ channelAccountId: row.channel_account_id, threadKey: row.thread_key }),
        { id: row.id, status: row.status, resolvedAt: row.resolved_at, waitingSince: row.waiting_since },
      ]),
    );
  }

  /**
   * Creates a batch's new conversations (ids chosen by the caller) with their state after the whole batch.
   * Returns how many were inserted: fewer than asked means another transaction opened one of these threads
   * meanwhile (the partial unique index), and the caller must redo the batch item by item.
   */
  async insertMany(manager: EntityManager, rows: NewConversationRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = (await manager.query(
      `INSERT INTO conversation (id, brand_id, channel_account_id, channel, kind, thread_key, contact_id, status,
         waiting_since, resolved_at, last_activity_at, last_message_preview, message_count, previous_conversation_id,
         needs_reply)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS row (id uuid, brand_id uuid, channel_account_id uuid,
         channel text, kind text, thread_key text, contact_id uuid, status text, waiting_since timestamptz,
         resolved_at timestamptz, last_activity_at timestamptz, last_message_preview text, message_count integer,
         previous_conversation_id uuid, needs_reply boolean)
       ON CONFLICT (channel_account_id, thread_key) WHERE status <> 'resolved' DO NOTHING
       RETURNING id`,
      [
        jsonRows(rows, (row) => ({
          id: row.id,
          brand_id: row.brandId,
          channel_account_id: row.channelAccountId,
          channel: row.channel,
          kind: row.kind,
          thread_key: row.threadKey,
          contact_id: row.contactId,
          status: row.state.status,
          waiting_since: row.state.waitingSince,
          resolved_at: row.state.resolvedAt,
          last_activity_at: row.lastActivityAt,
          last_message_preview: preview(row.lastText),
          message_count: row.messageCount,
          previous_conversation_id: row.previousConversationId,
          needs_reply: row.needsReply,
        })),
      ],
    )) as { id: string }[];
    return inserted.length;
  }

  /**
   * Applies each conversation's state after the whole batch and counts its messages; the preview follows the
   * newest message; `needsReply` only ever turns the flag on (once a message needed a reply, the conversation
   * did). One statement.
   */
  async recordMessages(manager: EntityManager, rows: ConversationChangeRow[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE conversation SET status = row.status, waiting_since = row.waiting_since, resolved_at = row.resolved_at,
         last_message_preview = CASE WHEN row.last_at >= conversation.last_activity_at THEN row.preview
           ELSE conversation.last_message_preview END,
         last_activity_at = greatest(conversation.last_activity_at, row.last_at),
         message_count = conversation.message_count + row.added,
         needs_reply = conversation.needs_reply OR row.needs_reply, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS row (id uuid, status text, waiting_since timestamptz,
         resolved_at timestamptz, last_at timestamptz, preview text, added integer, needs_reply boolean)
       WHERE conversation.id = row.id`,
      [
        jsonRows(rows, (row) => ({
          id: row.conversationId,
          status: row.state.status,
          waiting_since: row.state.waitingSince,
          resolved_at: row.state.resolvedAt,
          last_at: row.lastActivityAt,
          preview: preview(row.lastText),
          added: row.addedMessages,
          needs_reply: row.needsReply,
        })),
      ],
    );
  }

  findById(id: string): Promise<Conversation | null> {
    return this.conversations.findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<Conversation[]> {
    return ids.length
      ? this.conversations
          .createQueryBuilder('conversation')
          .where('conversation.id IN (:...ids)', { ids })
          .getMany()
      : Promise.resolve([]);
  }

  /** Newest activity first; keyset pagination on (last_activity_at, id). */
  listPage(params: {
    after: { lastActivityAt: Date; id: string } | null;
    limit: number;
  }): Promise<Conversation[]> {
    const query = this.conversations.createQueryBuilder('conversation');
    if (params.after) {
      query.where('(conversation.lastActivityAt, conversation.id) < (:lastActivityAt, :id)', params.after);
    }
    return query
      .orderBy('conversation.lastActivityAt', 'DESC')
      .addOrderBy('conversation.id', 'DESC')
      .limit(params.limit)
      .getMany();
  }
}

function preview(text: string): string {
  const characters = Array.from(text);
  return characters.length > 140 ? `${characters.slice(0, 139).join('')}…` : text;
}
