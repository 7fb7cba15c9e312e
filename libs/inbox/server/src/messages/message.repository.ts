import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { jsonRows } from '@vigie/database';
import type { InboundMessage } from '@vigie/inbox-core';
import type { TriageResult } from '@vigie/triage-core';
import { Message } from './message.entity';

/** SQL for messages. Writes take the ingestion transaction's EntityManager. */
@Injectable()
export class MessageRepository {
  constructor(@InjectRepository(Message) private readonly messages: Repository<Message>) {}

  /**
   * The exactly-once gate for a batch, in one statement: inserts every message whose (channel, external_id) is
   * new and returns the ids of those it inserted, by external id. Rows go in external-id order, so two batches
   * overlapping on PostgreSQL wait on each other rather than deadlock.
   */
  async insertInboundMany(
    manager: EntityManager,
    params: { items: InboundMessage[]; receivedAt: Date },
  ): Promise<Map<string, string>> {
    const items = [...params.items].sort((left, right) => compareIds(left.externalId, right.externalId));
    const rows = (await manager.query(
      `INSERT INTO message (channel, external_id, channel_account_id, direction, author_kind, kind, text, language,
         in_reply_to_external_id, delivery_status, sent_at, received_at, raw)
       SELECT channel, external_id, channel_account_id, direction, author_kind, kind, text, language,
         in_reply_to_external_id, 'received', sent_at, $2, raw
       FROM jsonb_to_recordset($1::jsonb)
         AS row (channel text, external_id text, channel_account_id uuid, direction text, author_kind text,
           kind text, text text, language text, in_reply_to_external_id text, sent_at timestamptz, raw jsonb)
       ON CONFLICT (channel, external_id) DO NOTHING
       RETURNING id, external_id`,
      [
        jsonRows(items, (item) => ({
          channel: item.channel,
          external_id: item.externalId,
          channel_account_id: item.channelAccountId,
          direction: item.isFromAccount ? 'outbound' : 'inbound',
          author_kind: item.isFromAccount ? 'brand' : 'customer',
          kind: item.kind,
          text: item.text,
          language: item.language,
          in_reply_to_external_id: item.inReplyToExternalId,
          sent_at: item.sentAt,
          raw: item.raw ?? null,
        })),
        params.receivedAt,
      ],
    )) as { id: string; external_id: string }[];
    return new Map(rows.map((row) => [row.external_id, row.id]));
  }

  /** Links each message to its conversation and author, and keeps the triage verdict (customer messages). */
  async attachMany(
    manager: EntityManager,
    links: {
      messageId: string;
      conversationId: string;
      authorContactId: string | null;
      triage: TriageResult | null;
    }[],
  ): Promise<void> {
    if (links.length === 0) return;
    await manager.query(
      `UPDATE message SET conversation_id = row.conversation_id, author_contact_id = row.author_contact_id,
         intent = row.intent, sentiment = row.sentiment, needs_reply = row.needs_reply,
         triage_reasons = row.triage_reasons
       FROM jsonb_to_recordset($1::jsonb)
         AS row (id uuid, conversation_id uuid, author_contact_id uuid, intent text, sentiment text,
           needs_reply boolean, triage_reasons jsonb)
       WHERE message.id = row.id`,
      [
        jsonRows(links, (link) => ({
          id: link.messageId,
          conversation_id: link.conversationId,
          author_contact_id: link.authorContactId,
          intent: link.triage?.intent ?? null,
          sentiment: link.triage?.sentiment ?? null,
          needs_reply: link.triage?.needsReply ?? null,
          triage_reasons: link.triage?.reasons ?? [],
        })),
      ],
    );
  }

  async removeMany(manager: EntityManager, messageIds: string[]): Promise<void> {
    if (messageIds.length > 0)
      await manager.query(`DELETE FROM message WHERE id = ANY($1::uuid[])`, [messageIds]);
  }

  /** The thread key of the conversation holding a stored message, if any. */
  async findThreadKeyOf(
    manager: EntityManager,
    params: { channel: string; externalId: string; channelAccountId: string },
  ): Promise<string | null> {
    const rows = (await manager.query(
      `SELECT c.thread_key FROM message m JOIN conversation c ON c.id = m.conversation_id
       WHERE m.channel = $1 AND m.external_id = $2 AND c.channel_account_id = $3`,
      [params.channel, params.externalId, params.channelAccountId],
    )) as { thread_key: string }[];
    return rows[0]?.thread_key ?? null;
  }

  findByIds(ids: string[]): Promise<Message[]> {
    return ids.length
      ? this.messages.createQueryBuilder('message').where('message.id IN (:...ids)', { ids }).getMany()
      : Promise.resolve([]);
  }

  listForConversation(conversationId: string): Promise<Message[]> {
    return this.messages.find({ where: { conversationId }, order: { sentAt: 'ASC', id: 'ASC' } });
  }
}

/** Snowflakes and other numeric ids compare by length first, then text; anything else by text. */
function compareIds(left: string, right: string): number {
  return left.length - right.length || (left < right ? -1 : left > right ? 1 : 0);
}
