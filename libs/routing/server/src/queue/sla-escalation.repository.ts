import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RoutingPriority } from '@vigie/contracts';
import { priorityRanks } from './routing.repository';

const raised: Record<RoutingPriority, RoutingPriority> = {
  low: 'medium',
  medium: 'high',
  high: 'urgent',
  urgent: 'urgent',
};

/**
 * SQL for priorities changed from outside routing's own rules: the SLA's escalations (one band up) and a person's
 * band (the inbox's priority action), each with the reason shown first.
 */
@Injectable()
export class SlaEscalationRepository {
  /** Sets the band a person chose; the previous one, or null when the conversation is not routed. */
  async setPriority(
    manager: EntityManager,
    params: { conversationId: string; priority: RoutingPriority; reason: string },
  ): Promise<RoutingPriority | null> {
    const rows = (await manager.query(
      `SELECT priority FROM routing_conversation WHERE conversation_id = $1 FOR UPDATE`,
      [params.conversationId],
    )) as { priority: RoutingPriority }[];
    const current = rows[0]?.priority;
    if (!current) return null;
    if (current !== params.priority)
      await manager.query(
        `UPDATE routing_conversation
         SET priority = $2, priority_rank = $3, priority_reasons = array_prepend($4::text, priority_reasons)
         WHERE conversation_id = $1`,
        [params.conversationId, params.priority, priorityRanks[params.priority], params.reason],
      );
    return current;
  }

  /** Returns the new priority, or null when the conversation is not routed or already urgent. */
  async raisePriority(
    manager: EntityManager,
    params: { conversationId: string; reason: string },
  ): Promise<RoutingPriority | null> {
    const rows = (await manager.query(
      `SELECT priority FROM routing_conversation WHERE conversation_id = $1 FOR UPDATE`,
      [params.conversationId],
    )) as { priority: RoutingPriority }[];
    const current = rows[0]?.priority;
    if (!current || current === 'urgent') return null;
    const next = raised[current];
    await manager.query(
      // Marked CRM-checked: the drain's CRM refinement recomputes the band from its signals and would take the
      // raise back when the escalation also returns the conversation to the queue. The next customer message
      // (a new upsert) lets the refinement run again.
      `UPDATE routing_conversation
       SET priority = $2, priority_rank = $3, priority_reasons = array_prepend($4::text, priority_reasons),
         is_crm_checked = true
       WHERE conversation_id = $1`,
      [params.conversationId, next, priorityRanks[next], params.reason],
    );
    return next;
  }
}
