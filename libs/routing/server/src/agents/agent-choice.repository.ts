import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RoutingAgentStatus } from '@vigie/contracts';

/** The status an agent chose themselves, kept apart from the live one so that reconnecting does not undo it. */
@Injectable()
export class AgentChoiceRepository {
  async remember(
    manager: EntityManager,
    params: { userId: string; status: RoutingAgentStatus },
  ): Promise<void> {
    await manager.query(`UPDATE routing_agent SET chosen_status = $2 WHERE user_id = $1`, [
      params.userId,
      params.status,
    ]);
  }

  async chosen(manager: EntityManager, userId: string): Promise<RoutingAgentStatus | null> {
    const rows = (await manager.query(`SELECT chosen_status FROM routing_agent WHERE user_id = $1`, [
      userId,
    ])) as { chosen_status: RoutingAgentStatus | null }[];
    return rows[0]?.chosen_status ?? null;
  }
}
