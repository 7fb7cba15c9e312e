import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Where a queued conversation's due time comes from. `provisional`: no SLA clock, the wait start plus one hour. */
export type DueSource = 'contract' | 'customer' | 'provisional';

/** The SLA due time that orders a conversation in the queue. */
export type SlaDueTime = { dueAt: Date; source: Exclude<DueSource, 'provisional'> };

/**
 * What routing reads from the SLA (docs/adr/0208): for each conversation, the due time of its running response
 * clock. Routing depends on this port, never on `@vigie/sla-server`: the SLA domain sits above the inbox and
 * routing must not import it. Read with the caller's manager, inside the routing transaction that writes the result.
 */
export type SlaDueTimesSource = {
  /** Conversations without a running response clock are absent from the answer. */
  dueTimes(manager: EntityManager, conversationIds: readonly string[]): Promise<Map<string, SlaDueTime>>;
};

export const SLA_DUE_TIMES = Symbol('SLA_DUE_TIMES');

/**
 * The SQL adapter of {@link SlaDueTimesSource} over the SLA's `sla_clock` table (read-only, one query per batch):
 * the earliest due time of the running first- or next-response **contract** clock (the policy's target, in business
 * hours); when the conversation has none (no policy target, or the contract clock is paused while pending), the
 * running **customer** clock (the public one-hour promise). Resolution clocks do not order the queue.
 */
@Injectable()
export class SlaClockDueTimes implements SlaDueTimesSource {
  async dueTimes(
    manager: EntityManager,
    conversationIds: readonly string[],
  ): Promise<Map<string, SlaDueTime>> {
    if (conversationIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT DISTINCT ON (conversation_id) conversation_id, clock, due_at FROM sla_clock
       WHERE conversation_id = ANY($1::uuid[]) AND metric IN ('first_response', 'next_response')
         AND status = 'running' AND due_at IS NOT NULL
       ORDER BY conversation_id, (clock = 'contract') DESC, due_at`,
      [conversationIds],
    )) as { conversation_id: string; clock: 'contract' | 'customer'; due_at: Date }[];
    return new Map(rows.map((row) => [row.conversation_id, { dueAt: row.due_at, source: row.clock }]));
  }
}
