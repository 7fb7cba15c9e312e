import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { InboundMessage } from '@vigie/inbox-core';
import { Message } from './message.entity';

/** SQL for messages. Writes take the ingestion transaction's EntityManager. */
@Injectable()
export class MessageRepository {
  constructor(@InjectRepository(Message) private readonly messages: Repository<Message>) {}

  /**
   * The exactly-once gate: inserts the inbound message unless (channel, external_id) exists. Returns its id,
   * or null for a duplicate (a concurrent insert of the same id waits here until the other commits).
   */
  async insertInbound(
    manager: EntityManager,
    params: { item: InboundMessage; receivedAt: Date },
  ): Promise<string | null> {
    const { item } = params;
    const rows = (await manager.query(
      `INSERT INTO message (channel, external_id, channel_account_id, direction, author_kind, kind, text, language,
         in_reply_to_external_id, delivery_status, sent_at, received_at, raw)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'received', $10, $11, $12)
       ON CONFLICT (channel, external_id) DO NOTHING
       RETURNING id`,
      [
        item.channel,
        item.externalId,
        item.channelAccountId,
        item.isFromAccount ? 'outbound' : 'inbound',
        item.isFromAccount ? 'brand' : 'customer',
        item.kind,
        item.text,
        item.language,
        item.inReplyToExternalId,
        item.sentAt,
        params.receivedAt,
        JSON.stringify(item.raw ?? null),
      ],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  async attach(
    manager: EntityManager,
    params: { messageId: string; conversationId: string; authorContactId: string | null },
  ): Promise<void> {
    await manager.query(`UPDATE message SET conversation_id = $2, author_contact_id = $3 WHERE id = $1`, [
      params.messageId,
      params.conversationId,
      params.authorContactId,
    ]);
  }

  async remove(manager: EntityManager, messageId: string): Promise<void> {
    await manager.query(`DELETE FROM message WHERE id = $1`, [messageId]);
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
