import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { ConversationState, InboundMessage } from '@vigie/inbox-core';
import { Conversation } from './conversation.entity';

export type ThreadConversation = ConversationState & { id: string };

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

  /** The thread's most recent conversation, locked until the transaction ends (it is about to change). */
  async findLatestForThread(
    manager: EntityManager,
    params: { channelAccountId: string; threadKey: string },
  ): Promise<ThreadConversation | null> {
    const rows = (await manager.query(
      `SELECT id, status, resolved_at, waiting_since FROM conversation
       WHERE channel_account_id = $1 AND thread_key = $2 ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [params.channelAccountId, params.threadKey],
    )) as RawThreadConversation[];
    const row = rows[0];
    return row
      ? { id: row.id, status: row.status, resolvedAt: row.resolved_at, waitingSince: row.waiting_since }
      : null;
  }

  /**
   * Creates the thread's unresolved conversation. Null when another transaction created it first (the partial
   * unique index allows one unresolved conversation per thread): the caller then joins that one.
   */
  async insert(
    manager: EntityManager,
    params: {
      item: InboundMessage;
      threadKey: string;
      contactId: string;
      state: ConversationState;
      previousConversationId: string | null;
    },
  ): Promise<string | null> {
    const { item } = params;
    const rows = (await manager.query(
      `INSERT INTO conversation (brand_id, channel_account_id, channel, kind, thread_key, contact_id, status, waiting_since,
         resolved_at, last_activity_at, last_message_preview, message_count, previous_conversation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12)
       ON CONFLICT (channel_account_id, thread_key) WHERE status <> 'resolved' DO NOTHING
       RETURNING id`,
      [
        item.brandId,
        item.channelAccountId,
        item.channel,
        item.conversationKind,
        params.threadKey,
        params.contactId,
        params.state.status,
        params.state.waitingSince,
        params.state.resolvedAt,
        item.sentAt,
        preview(item.text),
        params.previousConversationId,
      ],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** Applies the new state and counts the message; the preview follows the newest message. */
  async recordMessage(
    manager: EntityManager,
    params: { conversationId: string; state: ConversationState; sentAt: Date; text: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE conversation SET status = $2, waiting_since = $3, resolved_at = $4,
         last_message_preview = CASE WHEN $5 >= last_activity_at THEN $6 ELSE last_message_preview END,
         last_activity_at = greatest(last_activity_at, $5), message_count = message_count + 1, updated_at = now()
       WHERE id = $1`,
      [
        params.conversationId,
        params.state.status,
        params.state.waitingSince,
        params.state.resolvedAt,
        params.sentAt,
        preview(params.text),
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
