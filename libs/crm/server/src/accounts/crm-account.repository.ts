import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CrmRoutingFacts, CrmTier } from '@vigie/contracts';

export type CrmAccountRow = {
  id: string;
  externalId: string | null;
  name: string;
  ownerUserId: string | null;
  ownerDisplayName: string | null;
  tier: CrmTier | null;
  value: number | null;
  attributes: Record<string, string>;
  tags: string[];
};

export type CrmAccountInput = {
  name: string;
  ownerUserId: string | null;
  tier: CrmTier | null;
  value: number | null;
  attributes: Record<string, string>;
  tags: string[];
};

type RawAccount = {
  id: string;
  external_id: string | null;
  name: string;
  owner_user_id: string | null;
  owner_display_name: string | null;
  tier: CrmTier | null;
  value: string | null;
  attributes: Record<string, string>;
  tags: string[];
};

// numeric comes back as a string (exact decimal); values are amounts well inside a double's precision.
const toNumber = (value: string | null): number | null => (value === null ? null : Number(value));

function toAccountRow(raw: RawAccount): CrmAccountRow {
  return {
    id: raw.id,
    externalId: raw.external_id,
    name: raw.name,
    ownerUserId: raw.owner_user_id,
    ownerDisplayName: raw.owner_display_name,
    tier: raw.tier,
    value: toNumber(raw.value),
    attributes: raw.attributes,
    tags: raw.tags,
  };
}

/** Parameters $2..$7 of every write: name, owner, tier, value, attributes, tags. */
const accountValues = (input: CrmAccountInput): unknown[] => [
  input.name,
  input.ownerUserId,
  input.tier,
  input.value,
  JSON.stringify(input.attributes),
  input.tags,
];

const accountSelect = `SELECT a.id, a.external_id, a.name, a.owner_user_id, u.display_name AS owner_display_name,
  a.tier, a.value, a.attributes, a.tags FROM crm_account a LEFT JOIN app_user u ON u.id = a.owner_user_id`;

/** SQL for CRM accounts (companies or households). */
@Injectable()
export class CrmAccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Routing facts per contact id, following merge aliases to the surviving contact's account. One query:
   * routing calls it for every assignment.
   */
  async routingFacts(contactIds: string[]): Promise<Map<string, CrmRoutingFacts>> {
    if (contactIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `WITH RECURSIVE chain AS (
         SELECT id AS start_id, id, merged_into_id, account_id, 0 AS depth FROM contact WHERE id = ANY($1::uuid[])
         UNION ALL
         SELECT chain.start_id, contact.id, contact.merged_into_id, contact.account_id, chain.depth + 1
         FROM chain JOIN contact ON contact.id = chain.merged_into_id
         WHERE chain.depth < 32
       )
       SELECT chain.start_id, a.id AS account_id, a.owner_user_id, a.tier, a.value
       FROM chain LEFT JOIN crm_account a ON a.id = chain.account_id
       WHERE chain.merged_into_id IS NULL`,
      [contactIds],
    )) as {
      start_id: string;
      account_id: string | null;
      owner_user_id: string | null;
      tier: CrmTier | null;
      value: string | null;
    }[];
    return new Map(
      rows.map((row) => [
        row.start_id,
        {
          accountId: row.account_id,
          ownerUserId: row.owner_user_id,
          tier: row.tier,
          value: toNumber(row.value),
        },
      ]),
    );
  }

  async findById(id: string, manager?: EntityManager): Promise<CrmAccountRow | null> {
    const rows = (await (manager ?? this.dataSource.manager).query(`${accountSelect} WHERE a.id = $1`, [
      id,
    ])) as RawAccount[];
    return rows[0] ? toAccountRow(rows[0]) : null;
  }

  async list(params: { limit: number; search: string | null }): Promise<CrmAccountRow[]> {
    const rows = (await this.dataSource.query(
      `${accountSelect} WHERE $2::text IS NULL OR a.name ILIKE '%' || $2 || '%' ORDER BY lower(a.name), a.id LIMIT $1`,
      [params.limit, params.search],
    )) as RawAccount[];
    return rows.map(toAccountRow);
  }

  async insert(
    manager: EntityManager,
    input: CrmAccountInput & { externalId: string | null },
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO crm_account (external_id, name, owner_user_id, tier, value, attributes, tags)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [input.externalId, ...accountValues(input)],
    )) as { id: string }[];
    return row?.id ?? '';
  }

  async update(manager: EntityManager, id: string, input: CrmAccountInput): Promise<void> {
    await manager.query(
      `UPDATE crm_account SET name = $2, owner_user_id = $3, tier = $4, value = $5, attributes = $6, tags = $7,
         updated_at = now() WHERE id = $1`,
      [id, ...accountValues(input)],
    );
  }

  /**
   * Creates or updates the account the external CRM knows by `externalId` (idempotent: the same payload twice
   * leaves one row with the same values). Returns the account id and whether anything changed.
   */
  async upsertByExternalId(
    manager: EntityManager,
    input: CrmAccountInput & { externalId: string },
  ): Promise<{ id: string; isChanged: boolean }> {
    const rows = (await manager.query(
      `INSERT INTO crm_account (external_id, name, owner_user_id, tier, value, attributes, tags)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (external_id) DO UPDATE SET name = excluded.name, owner_user_id = excluded.owner_user_id,
         tier = excluded.tier, value = excluded.value, attributes = excluded.attributes, tags = excluded.tags,
         updated_at = now()
       WHERE (crm_account.name, crm_account.owner_user_id, crm_account.tier, crm_account.value,
              crm_account.attributes, crm_account.tags)
         IS DISTINCT FROM (excluded.name, excluded.owner_user_id, excluded.tier, excluded.value,
              excluded.attributes, excluded.tags)
       RETURNING id`,
      [input.externalId, ...accountValues(input)],
    )) as { id: string }[];
    if (rows[0]) return { id: rows[0].id, isChanged: true };
    const existing = (await manager.query(`SELECT id FROM crm_account WHERE external_id = $1`, [
      input.externalId,
    ])) as { id: string }[];
    return { id: existing[0]?.id ?? '', isChanged: false };
  }

  async userExists(userId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM app_user WHERE id = $1`, [userId])) as unknown[];
    return rows.length > 0;
  }

  async findUserIdByEmail(manager: EntityManager, email: string): Promise<string | null> {
    const rows = (await manager.query(`SELECT id FROM app_user WHERE lower(email) = lower($1)`, [email])) as {
      id: string;
    }[];
    return rows[0]?.id ?? null;
  }
}
