import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SpikeLinkedConversationView } from '@vigie/contracts';
import { returnedRows } from '../sql-rows';

/** An open incident, as the linker matches posts against it. */
export type OpenIncidentKey = { id: string; brandId: string; topic: string; startedAt: Date };

/** SQL of `incident_conversation`: which conversations an incident gathered. */
@Injectable()
export class IncidentLinkRepository {
  /**
   * The detector's open incidents of these brands (at most one per brand and topic: the partial unique index).
   * Incidents split off by hand gather only what ops give them.
   */
  async openIncidentsOf(manager: EntityManager, brandIds: readonly string[]): Promise<OpenIncidentKey[]> {
    if (brandIds.length === 0) return [];
    const rows: { id: string; brand_id: string; topic: string; started_at: Date }[] = await manager.query(
      `SELECT id, brand_id, topic, started_at FROM spike_incident
       WHERE status = 'open' AND split_from_id IS NULL AND brand_id = ANY($1::uuid[])`,
      [brandIds],
    );
    return rows.map((row) => ({
      id: row.id,
      brandId: row.brand_id,
      topic: row.topic,
      startedAt: new Date(row.started_at),
    }));
  }

  /**
   * Links the conversations (idempotent); returns the ones that were not linked before. A conversation ops
   * unlinked stays unlinked (its row is kept for that), unless `isRelinking` (ops link it again by hand).
   */
  async link(
    manager: EntityManager,
    params: { incidentId: string; conversationIds: readonly string[]; at: Date; isRelinking?: boolean },
  ): Promise<string[]> {
    if (params.conversationIds.length === 0) return [];
    const rows: { conversation_id: string }[] = await manager.query(
      `INSERT INTO incident_conversation (incident_id, conversation_id, linked_at)
       SELECT $1, conversation_id, $3 FROM unnest($2::uuid[]) AS conversation_id
       ON CONFLICT (incident_id, conversation_id) DO UPDATE
         SET linked_at = EXCLUDED.linked_at, unlinked_at = NULL, unlinked_by_user_id = NULL
         WHERE $4::boolean AND incident_conversation.unlinked_at IS NOT NULL
       RETURNING conversation_id`,
      [params.incidentId, [...new Set(params.conversationIds)], params.at, params.isRelinking ?? false],
    );
    return rows.map((row) => row.conversation_id);
  }

  /** Unlinks a linked conversation (kept as a row, so the topic linker leaves it out); false if not linked. */
  async unlink(
    manager: EntityManager,
    params: { incidentId: string; conversationId: string; userId: string; at: Date },
  ): Promise<boolean> {
    const result: unknown[] | [unknown[], number] = await manager.query(
      `UPDATE incident_conversation SET unlinked_at = $3, unlinked_by_user_id = $4
       WHERE incident_id = $1 AND conversation_id = $2 AND unlinked_at IS NULL RETURNING conversation_id`,
      [params.incidentId, params.conversationId, params.at, params.userId],
    );
    return returnedRows(result).length > 0;
  }

  /** Which of these conversations are linked to the incident now. */
  async linkedAmong(
    manager: EntityManager,
    params: { incidentId: string; conversationIds: readonly string[] },
  ): Promise<Set<string>> {
    const rows: { conversation_id: string }[] = await manager.query(
      `SELECT conversation_id FROM incident_conversation
       WHERE incident_id = $1 AND conversation_id = ANY($2::uuid[]) AND unlinked_at IS NULL`,
      [params.incidentId, params.conversationIds],
    );
    return new Set(rows.map((row) => row.conversation_id));
  }

  /**
   * Moves linked conversations (all of them when `conversationIds` is null) from one incident to another, keeping
   * when each was linked. A conversation the target had unlinked stays unlinked there. Returns the ones newly
   * linked to the target.
   */
  async move(
    manager: EntityManager,
    params: { fromId: string; toId: string; conversationIds: readonly string[] | null },
  ): Promise<string[]> {
    const rows: { conversation_id: string }[] = await manager.query(
      `WITH moved AS (
         DELETE FROM incident_conversation
         WHERE incident_id = $1 AND unlinked_at IS NULL AND ($3::uuid[] IS NULL OR conversation_id = ANY($3::uuid[]))
         RETURNING conversation_id, linked_at)
       INSERT INTO incident_conversation (incident_id, conversation_id, linked_at)
       SELECT $2, conversation_id, linked_at FROM moved
       ON CONFLICT DO NOTHING RETURNING conversation_id`,
      [params.fromId, params.toId, params.conversationIds],
    );
    return rows.map((row) => row.conversation_id);
  }

  /** Which of these conversations are linked to an open incident (they leave the individual breach board). */
  async coveredByOpenIncidents(
    manager: EntityManager,
    conversationIds: readonly string[],
  ): Promise<Set<string>> {
    if (conversationIds.length === 0) return new Set();
    const rows: { conversation_id: string }[] = await manager.query(
      `SELECT DISTINCT l.conversation_id FROM incident_conversation l
       JOIN spike_incident i ON i.id = l.incident_id
       WHERE l.conversation_id = ANY($1::uuid[]) AND l.unlinked_at IS NULL AND i.status = 'open'`,
      [conversationIds],
    );
    return new Set(rows.map((row) => row.conversation_id));
  }

  /** The brand of a conversation, or null when there is no such conversation. */
  async brandOfConversation(manager: EntityManager, conversationId: string): Promise<string | null> {
    const rows: { brand_id: string }[] = await manager.query(
      `SELECT brand_id FROM conversation WHERE id = $1`,
      [conversationId],
    );
    return rows[0]?.brand_id ?? null;
  }

  async page(
    manager: EntityManager,
    params: { incidentId: string; limit: number; offset: number },
  ): Promise<SpikeLinkedConversationView[]> {
    const rows: {
      conversation_id: string;
      kind: SpikeLinkedConversationView['kind'];
      status: SpikeLinkedConversationView['status'];
      last_message_preview: string;
      linked_at: Date;
      handle: string | null;
      display_name: string | null;
    }[] = await manager.query(
      `SELECT l.conversation_id, c.kind, c.status, c.last_message_preview, l.linked_at, ct.display_name,
         (SELECT ci.handle FROM contact_identity ci
          WHERE ci.contact_id = c.contact_id AND ci.channel = c.channel AND ci.handle IS NOT NULL
          ORDER BY ci.updated_at DESC LIMIT 1) AS handle
       FROM incident_conversation l JOIN conversation c ON c.id = l.conversation_id
       LEFT JOIN contact ct ON ct.id = c.contact_id
       WHERE l.incident_id = $1 AND l.unlinked_at IS NULL
       ORDER BY l.linked_at DESC, l.conversation_id LIMIT $2 OFFSET $3`,
      [params.incidentId, params.limit, params.offset],
    );
    return rows.map((row) => ({
      conversationId: row.conversation_id,
      kind: row.kind,
      customerHandle: row.handle,
      customerName: row.display_name,
      status: row.status,
      lastMessagePreview: row.last_message_preview,
      linkedAt: new Date(row.linked_at).toISOString(),
    }));
  }
}
