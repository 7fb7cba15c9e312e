import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SlaContactTier, SlaPolicySpec, SlaPriority } from '@vigie/sla-core';

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

/**
 * What policies are matched against: the inbox's conversation row (channel, kind, tags) and its brand, the band on
 * routing's row (null when routing neither queues nor holds it) and the tier of the contact's CRM account.
 */
export type ConversationFacts = {
  channel: string;
  kind: string;
  brandLanguage: string | null;
  priority: SlaPriority | null;
  tags: string[];
  contactTier: SlaContactTier | null;
};

type RawFacts = {
  id: string;
  channel: string;
  kind: string;
  default_language: string | null;
  tags: string[] | null;
  priority: SlaPriority | null;
  tier: SlaContactTier | null;
};

/** SQL for SLA policies (and the conversation facts a policy is chosen by). */
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

  /**
   * The facts of several conversations at once (a recorded batch), by conversation id. Read-only joins to the
   * tables of the domains that own them (routing's row, the CRM's contacts and accounts, following merges to the
   * surviving contact as `CrmAccountsService.routingFacts` does), inside the caller's transaction so that a band
   * routing wrote earlier in it is seen.
   */
  async conversationFactsOf(
    manager: EntityManager,
    conversationIds: string[],
  ): Promise<Map<string, ConversationFacts>> {
    if (conversationIds.length === 0) return new Map();
    const rows = (await manager.query(
      `WITH RECURSIVE target AS (
         SELECT c.id, c.channel, c.kind, c.tags, c.contact_id, b.default_language
         FROM conversation c JOIN brand b ON b.id = c.brand_id WHERE c.id = ANY($1::uuid[])
       ), chain AS (
         SELECT t.id AS conversation_id, ct.merged_into_id, ct.account_id, 0 AS depth
         FROM target t JOIN contact ct ON ct.id = t.contact_id
         UNION ALL
         SELECT chain.conversation_id, ct.merged_into_id, ct.account_id, chain.depth + 1
         FROM chain JOIN contact ct ON ct.id = chain.merged_into_id WHERE chain.depth < 32
       )
       SELECT t.id, t.channel, t.kind, t.tags, t.default_language, rc.priority, a.tier
       FROM target t
       LEFT JOIN routing_conversation rc ON rc.conversation_id = t.id
       LEFT JOIN chain ON chain.conversation_id = t.id AND chain.merged_into_id IS NULL
       LEFT JOIN crm_account a ON a.id = chain.account_id`,
      [conversationIds],
    )) as RawFacts[];
    return new Map(
      rows.map((row) => [
        row.id,
        {
          channel: row.channel,
          kind: row.kind,
          brandLanguage: row.default_language,
          priority: row.priority,
          tags: row.tags ?? [],
          contactTier: row.tier,
        },
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
