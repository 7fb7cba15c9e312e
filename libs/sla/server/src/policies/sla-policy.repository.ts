import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SlaPolicySpec } from '@vigie/sla-core';

export type StoredPolicy = {
  id: string;
  brandId: string;
  name: string;
  position: number;
  version: number;
  spec: SlaPolicySpec;
  updatedAt: Date;
};

type RawPolicy = {
  id: string;
  brand_id: string;
  name: string;
  position: number;
  version: number;
  spec: SlaPolicySpec;
  updated_at: Date;
};

const toStoredPolicy = (row: RawPolicy): StoredPolicy => ({
  id: row.id,
  brandId: row.brand_id,
  name: row.name,
  position: row.position,
  version: row.version,
  spec: row.spec,
  updatedAt: row.updated_at,
});

/** What policies are matched against, read from the inbox's conversation row and its brand. */
export type ConversationFacts = { channel: string; kind: string; brandLanguage: string | null };

/** SQL for SLA policies (and the few conversation facts a policy is chosen by). */
@Injectable()
export class SlaPolicyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listByBrand(manager: EntityManager | null, brandId: string): Promise<StoredPolicy[]> {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT id, brand_id, name, position, version, spec, updated_at FROM sla_policy
       WHERE brand_id = $1 ORDER BY position, name`,
      [brandId],
    )) as RawPolicy[];
    return rows.map(toStoredPolicy);
  }

  async findById(manager: EntityManager | null, id: string): Promise<StoredPolicy | null> {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT id, brand_id, name, position, version, spec, updated_at FROM sla_policy WHERE id = $1`,
      [id],
    )) as RawPolicy[];
    return rows[0] ? toStoredPolicy(rows[0]) : null;
  }

  /** Creates or replaces the brand's policy of that name; a replacement bumps the version. */
  async upsert(
    manager: EntityManager,
    params: { brandId: string; name: string; position: number; spec: SlaPolicySpec },
  ): Promise<StoredPolicy> {
    const rows = (await manager.query(
      `INSERT INTO sla_policy (brand_id, name, position, spec) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (brand_id, name) DO UPDATE SET position = EXCLUDED.position, spec = EXCLUDED.spec,
         version = sla_policy.version + 1, updated_at = now()
       RETURNING id, brand_id, name, position, version, spec, updated_at`,
      [params.brandId, params.name, params.position, JSON.stringify(params.spec)],
    )) as RawPolicy[];
    return toStoredPolicy(rows[0] as RawPolicy);
  }

  /** Removes the brand's policy of that name; its id, or null when there was none. */
  async remove(manager: EntityManager, params: { brandId: string; name: string }): Promise<string | null> {
    const rows = (await manager.query(
      // A CTE, so the driver answers the rows (a bare DELETE … RETURNING comes back as [rows, count]).
      `WITH removed AS (DELETE FROM sla_policy WHERE brand_id = $1 AND name = $2 RETURNING id) SELECT id FROM removed`,
      [params.brandId, params.name],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  async brandExists(brandId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM brand WHERE id = $1`, [brandId])) as unknown[];
    return rows.length > 0;
  }

  async conversationFacts(manager: EntityManager, conversationId: string): Promise<ConversationFacts | null> {
    const rows = (await manager.query(
      `SELECT c.channel, c.kind, b.default_language FROM conversation c JOIN brand b ON b.id = c.brand_id WHERE c.id = $1`,
      [conversationId],
    )) as { channel: string; kind: string; default_language: string | null }[];
    const row = rows[0];
    return row ? { channel: row.channel, kind: row.kind, brandLanguage: row.default_language } : null;
  }

  /** The facts of several conversations at once (a recorded batch), by conversation id. */
  async conversationFactsOf(
    manager: EntityManager,
    conversationIds: string[],
  ): Promise<Map<string, ConversationFacts>> {
    if (conversationIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT c.id, c.channel, c.kind, b.default_language FROM conversation c JOIN brand b ON b.id = c.brand_id
       WHERE c.id = ANY($1::uuid[])`,
      [conversationIds],
    )) as { id: string; channel: string; kind: string; default_language: string | null }[];
    return new Map(
      rows.map((row) => [
        row.id,
        { channel: row.channel, kind: row.kind, brandLanguage: row.default_language },
      ]),
    );
  }

  async conversationBrand(conversationId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT brand_id FROM conversation WHERE id = $1`, [
      conversationId,
    ])) as { brand_id: string }[];
    return rows[0]?.brand_id ?? null;
  }
}
