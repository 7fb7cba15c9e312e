import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** SQL for the out-of-hours answers: one row per conversation and closed period. */
@Injectable()
export class AutoAnswerRepository {
  async periodKeys(manager: EntityManager, conversationId: string): Promise<string[]> {
    const rows = (await manager.query(`SELECT period_key FROM sla_auto_answer WHERE conversation_id = $1`, [
      conversationId,
    ])) as { period_key: string }[];
    return rows.map((row) => row.period_key);
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
}
