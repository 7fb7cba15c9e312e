import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RoutingInboxView } from '@vigie/contracts';
import { assertNever } from '@vigie/kernel';

export type RoutingInboxRow = { conversationId: string; lastActivityAt: Date };

/** SQL for the console's routing views (kept apart from the queue's SQL in `routing.repository.ts`). */
@Injectable()
export class RoutingInboxRepository {
  /**
   * One page of a view, newest activity first; keyset on (last_activity_at, id) like `GET /api/conversations`.
   * Mine: held by the agent. Unassigned: queued and waiting for a reply. Never resolved ones (the routing row
   * leaves at resolution; the status check covers the moment in between). One statement per view, each shaped
   * for the index that serves it.
   */
  async listPage(
    manager: EntityManager,
    params: {
      view: RoutingInboxView;
      agentId: string;
      after: { lastActivityAt: Date; id: string } | null;
      limit: number;
    },
  ): Promise<RoutingInboxRow[]> {
    const values: unknown[] = [params.limit];
    const keyset = (): string => {
      if (!params.after) return '';
      values.push(params.after.lastActivityAt, params.after.id);
      return `AND (c.last_activity_at, c.id) < ($${values.length - 1}, $${values.length})`;
    };
    let sql: string;
    switch (params.view) {
      case 'mine':
        // An agent holds a few conversations (her capacity): start from them (assignee index) and sort those,
        // rather than walk every conversation by activity looking for hers.
        values.push(params.agentId);
        sql = `WITH held AS MATERIALIZED (
                 SELECT conversation_id FROM routing_conversation WHERE assignee_id = $${values.length})
               SELECT c.id, c.last_activity_at FROM held JOIN conversation c ON c.id = held.conversation_id
               WHERE c.status <> 'resolved' ${keyset()}`;
        break;
      case 'unassigned':
        // The queue can be most of the open conversations: walk them by activity (conversation_activity_idx).
        sql = `SELECT c.id, c.last_activity_at FROM routing_conversation rc
               JOIN conversation c ON c.id = rc.conversation_id
               WHERE rc.assignee_id IS NULL AND rc.queued_at IS NOT NULL AND c.needs_reply
                 AND c.status <> 'resolved' ${keyset()}`;
        break;
      default:
        return assertNever(params.view, 'Unknown routing inbox view');
    }
    const rows = (await manager.query(
      `${sql} ORDER BY c.last_activity_at DESC, c.id DESC LIMIT $1`,
      values,
    )) as {
      id: string;
      last_activity_at: Date;
    }[];
    return rows.map((row) => ({ conversationId: row.id, lastActivityAt: row.last_activity_at }));
  }
}
