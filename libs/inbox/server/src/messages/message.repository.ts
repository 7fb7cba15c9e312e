import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
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
    const column = <T>(pick: (item: InboundMessage) => T) => items.map(pick);
    const rows = (await manager.query(
      `INSERT INTO message (channel, external_id, channel_account_id, direction, author_kind, kind, text, language,
         in_reply_to_external_id, delivery_status, sent_at, received_at, raw)
       SELECT channel, external_id, channel_account_id, direction, author_kind, kind, text, language,
         in_reply_to_external_id, 'received', sent_at, $10, raw
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::text[], $11::timestamptz[], $12::jsonb[])
         AS row (channel, external_id, channel_account_id, direction, author_kind, kind, text, language,
           in_reply_to_external_id, sent_at, raw)
       ON CONFLICT (channel, external_id) DO NOTHING
       RETURNING id, external_id`,
      [
        column((item) => item.channel),
        column((item) => item.externalId),
        column((item) => item.channelAccountId),
        column((item) => (item.isFromAccount ? 'outbound' : 'inbound')),
        column((item) => (item.isFromAccount ? 'brand' : 'customer')),
        column((item) => item.kind),
        column((item) => item.text),
        column((item) => item.language),
        column((item) => item.inReplyToExternalId),
        params.receivedAt,
        column((item) => item.sentAt),
        column((item) => JSON.stringify(item.raw ?? null)),
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
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::boolean[], $7::jsonb[])
         AS row (id, conversation_id, author_contact_id, intent, sentiment, needs_reply, triage_reasons)
       WHERE message.id = row.id`,
      [
        links.map((link) => link.messageId),
        links.map((link) => link.conversationId),
        links.map((link) => link.authorContactId),
        links.map((link) => link.triage?.intent ?? null),
        links.map((link) => link.triage?.sentiment ?? null),
        links.map((link) => link.triage?.needsReply ?? null),
        links.map((link) => JSON.stringify(link.triage?.reasons ?? [])),
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
