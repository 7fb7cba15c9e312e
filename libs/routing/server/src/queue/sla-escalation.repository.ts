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

/** SQL for the SLA's escalations: raising a conversation's priority one band, with the reason shown. */
@Injectable()
export class SlaEscalationRepository {
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
      `UPDATE routing_conversation
       SET priority = $2, priority_rank = $3, priority_reasons = array_prepend($4::text, priority_reasons)
       WHERE conversation_id = $1`,
      [params.conversationId, next, priorityRanks[next], params.reason],
    );
    return next;
  }
}
