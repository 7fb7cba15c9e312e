import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SpikeBulkAnswerFailures, SpikeBulkAnswerTexts, SpikeBulkAnswerView } from '@vigie/contracts';

export type StoredBulkAnswer = {
  id: string;
  incidentId: string;
  texts: SpikeBulkAnswerTexts;
  isForNewcomers: boolean;
  createdByUserId: string | null;
};

/** A linked conversation the bulk answer has not reached yet, with what picks its text and mode. */
export type ConversationToAnswer = {
  conversationId: string;
  kind: 'public_thread' | 'direct_message';
  /** The customer's latest known language in the conversation. */
  language: string | null;
  brandLanguage: string;
  contactId: string;
  /** The customer's X handle, without `@` (null when unknown). */
  handle: string | null;
  /** This bulk answer already went publicly to the same customer in another of their conversations. */
  isCustomerAnswered: boolean;
};

type RawBulkAnswer = {
  id: string;
  incident_id: string;
  texts: SpikeBulkAnswerTexts;
  is_for_newcomers: boolean;
  created_by_user_id: string | null;
};

const bulkAnswerColumns = 'id, incident_id, texts, is_for_newcomers, created_by_user_id';

const toStored = (row: RawBulkAnswer): StoredBulkAnswer => ({
  id: row.id,
  incidentId: row.incident_id,
  texts: row.texts,
  isForNewcomers: row.is_for_newcomers,
  createdByUserId: row.created_by_user_id,
});

/**
 * SQL of `incident_bulk_answer` and `incident_bulk_answer_reply`. Delivery progress is read from the outbox's
 * own rows (joined on the message), so it never disagrees with what the dispatcher did.
 */
@Injectable()
export class BulkAnswerRepository {
  async findByKey(
    manager: EntityManager,
    params: { incidentId: string; requestKey: string },
  ): Promise<StoredBulkAnswer | null> {
    const rows: RawBulkAnswer[] = await manager.query(
      `SELECT ${bulkAnswerColumns} FROM incident_bulk_answer WHERE incident_id = $1 AND request_key = $2`,
      [params.incidentId, params.requestKey],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  async insert(
    manager: EntityManager,
    params: Omit<StoredBulkAnswer, 'id'> & { requestKey: string; at: Date },
  ): Promise<StoredBulkAnswer> {
    const rows: RawBulkAnswer[] = await manager.query(
      `INSERT INTO incident_bulk_answer (incident_id, request_key, texts, is_for_newcomers, created_by_user_id,
         created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${bulkAnswerColumns}`,
      [
        params.incidentId,
        params.requestKey,
        JSON.stringify(params.texts),
        params.isForNewcomers,
        params.createdByUserId,
        params.at,
      ],
    );
    return toStored(rows[0]);
  }

  /** The bulk answers that also go to conversations linked later. */
  async forNewcomers(manager: EntityManager, incidentId: string): Promise<StoredBulkAnswer[]> {
    const rows: RawBulkAnswer[] = await manager.query(
      `SELECT ${bulkAnswerColumns} FROM incident_bulk_answer
       WHERE incident_id = $1 AND is_for_newcomers ORDER BY created_at, id`,
      [incidentId],
    );
    return rows.map(toStored);
  }

  /** Linked conversations (all, or only `conversationIds`) that this bulk answer has not reached yet. */
  async conversationsToAnswer(
    manager: EntityManager,
    params: { bulkAnswerId: string; incidentId: string; conversationIds: readonly string[] | null },
  ): Promise<ConversationToAnswer[]> {
    const rows: {
      conversation_id: string;
      kind: ConversationToAnswer['kind'];
      language: string | null;
      default_language: string;
      contact_id: string;
      handle: string | null;
      is_customer_answered: boolean;
    }[] = await manager.query(
      `SELECT l.conversation_id, c.kind, b.default_language, c.contact_id,
         (SELECT m.language FROM message m
          WHERE m.conversation_id = c.id AND m.author_kind = 'customer' AND m.language IS NOT NULL
          ORDER BY m.sent_at DESC LIMIT 1) AS language,
         (SELECT ci.handle FROM contact_identity ci
          WHERE ci.contact_id = c.contact_id AND ci.channel = c.channel AND ci.handle IS NOT NULL
          ORDER BY ci.updated_at DESC LIMIT 1) AS handle,
         EXISTS (SELECT 1 FROM incident_bulk_answer_reply r JOIN conversation other ON other.id = r.conversation_id
                 WHERE r.bulk_answer_id = $2 AND r.message_id IS NOT NULL AND other.kind = 'public_thread'
                   AND other.contact_id = c.contact_id) AS is_customer_answered
       FROM incident_conversation l
       JOIN conversation c ON c.id = l.conversation_id
       JOIN brand b ON b.id = c.brand_id
       WHERE l.incident_id = $1 AND l.unlinked_at IS NULL
         AND ($3::uuid[] IS NULL OR l.conversation_id = ANY($3::uuid[]))
         AND NOT EXISTS (SELECT 1 FROM incident_bulk_answer_reply r
                         WHERE r.bulk_answer_id = $2 AND r.conversation_id = l.conversation_id)
       ORDER BY l.linked_at, l.conversation_id`,
      [params.incidentId, params.bulkAnswerId, params.conversationIds],
    );
    return rows.map((row) => ({
      conversationId: row.conversation_id,
      kind: row.kind,
      language: row.language,
      brandLanguage: row.default_language,
      contactId: row.contact_id,
      handle: row.handle,
      isCustomerAnswered: row.is_customer_answered,
    }));
  }

  async recordReply(
    manager: EntityManager,
    params: {
      bulkAnswerId: string;
      conversationId: string;
      messageId: string | null;
      language: string;
      failureReason: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO incident_bulk_answer_reply (bulk_answer_id, conversation_id, message_id, language,
         failure_reason)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [params.bulkAnswerId, params.conversationId, params.messageId, params.language, params.failureReason],
    );
  }

  /** The bulk answers of these incidents with their delivery counts, oldest first. */
  async views(manager: EntityManager, incidentIds: readonly string[]): Promise<SpikeBulkAnswerView[]> {
    if (incidentIds.length === 0) return [];
    const rows: (RawBulkAnswer & {
      created_at: Date;
      total: string;
      queued: string;
      sent: string;
      failed: string;
      skipped: string;
      next_send_at: Date | null;
    })[] = await manager.query(
      `SELECT a.id, a.incident_id, a.texts, a.is_for_newcomers, a.created_by_user_id, a.created_at,
         count(r.conversation_id) AS total,
         count(*) FILTER (WHERE o.status IN ('pending', 'sending')) AS queued,
         count(*) FILTER (WHERE o.status = 'sent') AS sent,
         count(*) FILTER (WHERE o.status = 'failed' OR r.failure_reason IS NOT NULL) AS failed,
         count(*) FILTER (WHERE r.conversation_id IS NOT NULL AND r.message_id IS NULL AND r.failure_reason IS NULL)
           AS skipped,
         min(o.next_attempt_at) FILTER (WHERE o.status = 'pending') AS next_send_at
       FROM incident_bulk_answer a
       LEFT JOIN incident_bulk_answer_reply r ON r.bulk_answer_id = a.id
       LEFT JOIN outbox_message o ON o.message_id = r.message_id
       WHERE a.incident_id = ANY($1::uuid[])
       GROUP BY a.id ORDER BY a.created_at, a.id`,
      [incidentIds],
    );
    return rows.map((row) => ({
      ...toStored(row),
      createdAt: new Date(row.created_at).toISOString(),
      progress: {
        total: Number(row.total),
        queued: Number(row.queued),
        sent: Number(row.sent),
        failed: Number(row.failed),
        skipped: Number(row.skipped),
        nextSendAt: row.next_send_at ? new Date(row.next_send_at).toISOString() : null,
      },
    }));
  }

  /**
   * The replies of a bulk answer that did not go: refused by X (the outbox gave up) or refused before queueing.
   * At most `limit`, in the order the conversations were linked, with the total; null when the incident has no
   * such bulk answer.
   */
  async failures(
    manager: EntityManager,
    params: { incidentId: string; bulkAnswerId: string; limit: number },
  ): Promise<SpikeBulkAnswerFailures | null> {
    const answers: { id: string }[] = await manager.query(
      `SELECT id FROM incident_bulk_answer WHERE id = $1 AND incident_id = $2`,
      [params.bulkAnswerId, params.incidentId],
    );
    if (answers.length === 0) return null;
    const rows: {
      conversation_id: string;
      language: string;
      reason: string | null;
      failed_at: Date | null;
      handle: string | null;
      total: string;
    }[] = await manager.query(
      `SELECT r.conversation_id, r.language, coalesce(r.failure_reason, o.failure_reason) AS reason,
         o.last_attempt_at AS failed_at, count(*) OVER () AS total,
         (SELECT ci.handle FROM contact_identity ci
          WHERE ci.contact_id = c.contact_id AND ci.channel = c.channel AND ci.handle IS NOT NULL
          ORDER BY ci.updated_at DESC LIMIT 1) AS handle
       FROM incident_bulk_answer_reply r
       JOIN conversation c ON c.id = r.conversation_id
       LEFT JOIN outbox_message o ON o.message_id = r.message_id
       LEFT JOIN incident_conversation l ON l.incident_id = $2 AND l.conversation_id = r.conversation_id
       WHERE r.bulk_answer_id = $1 AND (o.status = 'failed' OR r.failure_reason IS NOT NULL)
       ORDER BY l.linked_at NULLS LAST, r.conversation_id LIMIT $3`,
      [params.bulkAnswerId, params.incidentId, params.limit],
    );
    return {
      total: Number(rows[0]?.total ?? 0),
      failures: rows.map((row) => ({
        conversationId: row.conversation_id,
        customerHandle: row.handle,
        language: row.language,
        reason: row.reason ?? '',
        failedAt: row.failed_at ? new Date(row.failed_at).toISOString() : null,
      })),
    };
  }

  /** The incident whose bulk answer queued this message, if any. */
  async incidentOfMessage(manager: EntityManager, messageId: string): Promise<string | null> {
    const rows: { incident_id: string }[] = await manager.query(
      `SELECT a.incident_id FROM incident_bulk_answer_reply r
       JOIN incident_bulk_answer a ON a.id = r.bulk_answer_id WHERE r.message_id = $1`,
      [messageId],
    );
    return rows[0]?.incident_id ?? null;
  }
}
