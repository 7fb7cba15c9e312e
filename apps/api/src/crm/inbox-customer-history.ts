import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChannelName, ConversationStatus, CustomerConversationView } from '@vigie/contracts';
import type { CustomerHistorySource } from '@vigie/crm-server';

type RawConversation = {
  id: string;
  channel: ChannelName;
  status: ConversationStatus;
  last_message_preview: string;
  message_count: number;
  created_at: Date;
  last_activity_at: Date;
  resolved_at: Date | null;
  sla_breaches: { metric: string; breachedAt: string }[] | null;
};

/** What an erasure puts in place of a message's text. */
export const erasedText = '[erased]';

/**
 * The inbox's side of the customer picture, export and erasure, in SQL. It lives in the composition root
 * because the CRM sits below the inbox in the domain graph (the CRM only knows the CustomerHistorySource port).
 */
@Injectable()
export class InboxCustomerHistory implements CustomerHistorySource {
  readonly name = 'inbox';

  constructor(private readonly dataSource: DataSource) {}

  async conversationsOf(contactIds: string[]): Promise<CustomerConversationView[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.channel, c.status, c.last_message_preview, c.message_count, c.created_at, c.last_activity_at,
         c.resolved_at,
         (SELECT json_agg(json_build_object('metric', s.metric, 'breachedAt', s.breached_at) ORDER BY s.breached_at)
          FROM sla_clock s WHERE s.conversation_id = c.id AND s.breached_at IS NOT NULL) AS sla_breaches
       FROM conversation c WHERE c.contact_id = ANY($1::uuid[])
       ORDER BY c.last_activity_at DESC, c.id LIMIT 500`,
      [contactIds],
    )) as RawConversation[];
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      status: row.status,
      lastMessagePreview: row.last_message_preview,
      messageCount: row.message_count,
      createdAt: row.created_at.toISOString(),
      lastActivityAt: row.last_activity_at.toISOString(),
      resolvedAt: row.resolved_at?.toISOString() ?? null,
      slaBreaches: (row.sla_breaches ?? []).map((breach) => ({
        metric: breach.metric,
        breachedAt: new Date(breach.breachedAt).toISOString(),
      })),
    }));
  }

  async exportOf(contactIds: string[]): Promise<Record<string, unknown>> {
    const conversations = await this.conversationsOf(contactIds);
    const messages = (await this.dataSource.query(
      `SELECT m.id, m.conversation_id AS "conversationId", m.channel, m.external_id AS "externalId",
         m.direction, m.author_kind AS "authorKind", m.kind, m.text, m.language, m.sent_at AS "sentAt"
       FROM message m JOIN conversation c ON c.id = m.conversation_id
       WHERE c.contact_id = ANY($1::uuid[]) ORDER BY m.sent_at, m.id`,
      [contactIds],
    )) as Record<string, unknown>[];
    const notes = (await this.dataSource.query(
      `SELECT n.id, n.conversation_id AS "conversationId", n.text, n.created_at AS "createdAt"
       FROM conversation_note n JOIN conversation c ON c.id = n.conversation_id
       WHERE c.contact_id = ANY($1::uuid[]) ORDER BY n.created_at, n.id`,
      [contactIds],
    )) as Record<string, unknown>[];
    return { conversations, messages, conversationNotes: notes };
  }

  /**
   * Blanks the text and raw payload of every message in the customer's conversations (the brand's replies quote
   * and mention them too), the conversation previews, the outbox copies and the agents' conversation notes.
   * Rows stay, so counts and SLA statistics do not change.
   */
  async erase(manager: EntityManager, contactIds: string[]): Promise<Record<string, number>> {
    const conversations = `SELECT id FROM conversation WHERE contact_id = ANY($1::uuid[])`;
    const [, messages] = (await manager.query(
      `UPDATE message SET text = $2, raw = NULL WHERE conversation_id IN (${conversations})`,
      [contactIds, erasedText],
    )) as [unknown, number];
    await manager.query(`UPDATE outbox_message SET text = $2 WHERE conversation_id IN (${conversations})`, [
      contactIds,
      erasedText,
    ]);
    const [, notes] = (await manager.query(
      `DELETE FROM conversation_note WHERE conversation_id IN (${conversations})`,
      [contactIds],
    )) as [unknown, number];
    const [, previews] = (await manager.query(
      `UPDATE conversation SET last_message_preview = $2 WHERE contact_id = ANY($1::uuid[])`,
      [contactIds, erasedText],
    )) as [unknown, number];
    return { messages, conversationNotes: notes, conversations: previews };
  }
}
