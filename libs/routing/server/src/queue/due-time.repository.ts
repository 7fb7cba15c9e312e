import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DueSource } from '../sla/sla-due-times';

/** A routed conversation's due time as stored, with what the provisional one is computed from. */
export type StoredDueTime = {
  conversationId: string;
  waitingSince: Date | null;
  dueAt: Date | null;
  dueSource: DueSource;
};

type RawDue = {
  conversation_id: string;
  waiting_since: Date | null;
  due_at: Date | null;
  due_source: DueSource;
};

const toStored = (raw: RawDue): StoredDueTime => ({
  conversationId: raw.conversation_id,
  waitingSince: raw.waiting_since,
  dueAt: raw.due_at,
  dueSource: raw.due_source,
});

/** SQL of the queue's due times (docs/adr/0208): which rows to read again from the SLA, and the writes. */
@Injectable()
export class DueTimeRepository {
  /** Queued conversations whose due time was not read from the SLA since it last changed (no lock). */
  async listUnchecked(manager: EntityManager, limit: number): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT conversation_id FROM routing_conversation
       WHERE queued_at IS NOT NULL AND NOT is_due_checked ORDER BY conversation_id LIMIT $1`,
      [limit],
    )) as { conversation_id: string }[];
    return rows.map((row) => row.conversation_id);
  }

  /** Locks those of these conversations still unchecked, skipping rows another process holds. */
  async lockUnchecked(manager: EntityManager, conversationIds: string[]): Promise<StoredDueTime[]> {
    const rows = (await manager.query(
      `SELECT conversation_id, waiting_since, due_at, due_source FROM routing_conversation
       WHERE conversation_id = ANY($1::uuid[]) AND NOT is_due_checked
       ORDER BY conversation_id FOR UPDATE SKIP LOCKED`,
      [conversationIds],
    )) as RawDue[];
    return rows.map(toStored);
  }

  /** A page of the queue by conversation id after `afterId`, for the periodic reconciliation (no lock). */
  async queuedAfter(
    manager: EntityManager,
    params: { afterId: string; limit: number },
  ): Promise<StoredDueTime[]> {
    const rows = (await manager.query(
      `SELECT conversation_id, waiting_since, due_at, due_source FROM routing_conversation
       WHERE queued_at IS NOT NULL AND conversation_id > $1::uuid ORDER BY conversation_id LIMIT $2`,
      [params.afterId, params.limit],
    )) as RawDue[];
    return rows.map(toStored);
  }

  /** Stores due times read from the SLA (or the provisional one) and marks the rows checked. */
  async save(
    manager: EntityManager,
    updates: { conversationId: string; dueAt: Date | null; source: DueSource }[],
  ): Promise<void> {
    if (updates.length === 0) return;
    await manager.query(
      `UPDATE routing_conversation rc SET due_at = u.due_at, due_source = u.source, is_due_checked = true
       FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS u(id, due_at, source)
       WHERE rc.conversation_id = u.id`,
      [
        updates.map((update) => update.conversationId),
        updates.map((update) => update.dueAt),
        updates.map((update) => update.source),
      ],
    );
  }

  /** The SLA changed these conversations' clocks: read their due times again before the next drain pass. */
  async markUnchecked(manager: EntityManager, conversationIds: string[]): Promise<number> {
    if (conversationIds.length === 0) return 0;
    // An UPDATE answers [rows, affected count] through TypeORM's postgres driver.
    const [, count] = (await manager.query(
      `UPDATE routing_conversation SET is_due_checked = false
       WHERE conversation_id = ANY($1::uuid[]) AND is_due_checked`,
      [conversationIds],
    )) as [unknown[], number];
    return count;
  }
}
