import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** SQL for the out-of-hours answers: one row per conversation and closed period. */
@Injectable()
export class AutoAnswerRepository {
  /** The answered period keys of several conversations (a recorded batch), by conversation id. */
  async periodKeysOf(manager: EntityManager, conversationIds: string[]): Promise<Map<string, string[]>> {
    const keys = new Map<string, string[]>();
    if (conversationIds.length === 0) return keys;
    const rows = (await manager.query(
      `SELECT conversation_id, period_key FROM sla_auto_answer WHERE conversation_id = ANY($1::uuid[])`,
      [conversationIds],
    )) as { conversation_id: string; period_key: string }[];
    for (const row of rows)
      keys.set(row.conversation_id, [...(keys.get(row.conversation_id) ?? []), row.period_key]);
    return keys;
  }

  /** Records the answer for its period; false when another transaction already did (the key is the gate). */
  async claim(
    manager: EntityManager,
    params: { conversationId: string; periodKey: string; language: string; text: string },
  ): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO sla_auto_answer (conversation_id, period_key, language, text) VALUES ($1, $2, $3, $4)
       ON CONFLICT (conversation_id, period_key) DO NOTHING RETURNING conversation_id`,
      [params.conversationId, params.periodKey, params.language, params.text],
    )) as unknown[];
    return rows.length > 0;
  }

  async attachMessage(
    manager: EntityManager,
    params: { conversationId: string; periodKey: string; messageId: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE sla_auto_answer SET message_id = $3 WHERE conversation_id = $1 AND period_key = $2`,
      [params.conversationId, params.periodKey, params.messageId],
    );
  }

  /**
   * Whether a brand message is one of our automatic answers: the outbox's own message, or the channel's copy of
   * it that ingestion stored before the outbox heard back from X (same conversation, same text).
   */
  async isAutoAnswer(
    manager: EntityManager,
    params: { conversationId: string; messageId: string },
  ): Promise<boolean> {
    const rows = (await manager.query(
      `SELECT 1 FROM sla_auto_answer a
       WHERE a.conversation_id = $1
         AND (a.message_id = $2 OR a.text = (SELECT m.text FROM message m WHERE m.id = $2))
       LIMIT 1`,
      [params.conversationId, params.messageId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Which of these brand messages are automatic answers ({@link isAutoAnswer} for a whole batch at once). */
  async autoAnswerMessageIds(
    manager: EntityManager,
    messages: { conversationId: string; messageId: string }[],
  ): Promise<Set<string>> {
    if (messages.length === 0) return new Set();
    const rows = (await manager.query(
      `SELECT k.message_id FROM unnest($1::uuid[], $2::uuid[]) AS k(conversation_id, message_id)
       WHERE EXISTS (SELECT 1 FROM sla_auto_answer a
         WHERE a.conversation_id = k.conversation_id
           AND (a.message_id = k.message_id OR a.text = (SELECT m.text FROM message m WHERE m.id = k.message_id)))`,
      [messages.map((message) => message.conversationId), messages.map((message) => message.messageId)],
    )) as { message_id: string }[];
    return new Set(rows.map((row) => row.message_id));
  }
}
