import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SpikeLinkedConversationView } from '@vigie/contracts';

/** An open incident, as the linker matches posts against it. */
export type OpenIncidentKey = { id: string; brandId: string; topic: string; startedAt: Date };

/** SQL of `incident_conversation`: which conversations an incident gathered. */
@Injectable()
export class IncidentLinkRepository {
  /** The open incidents of these brands (at most one per brand and topic: the partial unique index). */
  async openIncidentsOf(manager: EntityManager, brandIds: readonly string[]): Promise<OpenIncidentKey[]> {
    if (brandIds.length === 0) return [];
    const rows: { id: string; brand_id: string; topic: string; started_at: Date }[] = await manager.query(
      `SELECT id, brand_id, topic, started_at FROM spike_incident
       WHERE status = 'open' AND brand_id = ANY($1::uuid[])`,
      [brandIds],
    );
    return rows.map((row) => ({
      id: row.id,
      brandId: row.brand_id,
      topic: row.topic,
      startedAt: new Date(row.started_at),
    }));
  }

  /** Links the conversations (idempotent); returns the ones that were not linked before. */
  async link(
    manager: EntityManager,
    params: { incidentId: string; conversationIds: readonly string[]; at: Date },
  ): Promise<string[]> {
    if (params.conversationIds.length === 0) return [];
    const rows: { conversation_id: string }[] = await manager.query(
      `INSERT INTO incident_conversation (incident_id, conversation_id, linked_at)
       SELECT $1, conversation_id, $3 FROM unnest($2::uuid[]) AS conversation_id
       ON CONFLICT DO NOTHING RETURNING conversation_id`,
      [params.incidentId, [...new Set(params.conversationIds)], params.at],
    );
    return rows.map((row) => row.conversation_id);
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
    }[] = await manager.query(
      `SELECT l.conversation_id, c.kind, c.status, c.last_message_preview, l.linked_at
       FROM incident_conversation l JOIN conversation c ON c.id = l.conversation_id
       WHERE l.incident_id = $1 ORDER BY l.linked_at DESC, l.conversation_id LIMIT $2 OFFSET $3`,
      [params.incidentId, params.limit, params.offset],
    );
    return rows.map((row) => ({
      conversationId: row.conversation_id,
      kind: row.kind,
      status: row.status,
      lastMessagePreview: row.last_message_preview,
      linkedAt: new Date(row.linked_at).toISOString(),
    }));
  }
}
