import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type ContactRow = {
  id: string;
  displayName: string | null;
  language: string | null;
  accountId: string | null;
  attributes: Record<string, string>;
  tags: string[];
  mergedIntoId: string | null;
  erasedAt: Date | null;
};

type RawContact = {
  id: string;
  display_name: string | null;
  language: string | null;
  account_id: string | null;
  attributes: Record<string, string>;
  tags: string[];
  merged_into_id: string | null;
  erased_at: Date | null;
};

const contactColumns = 'id, display_name, language, account_id, attributes, tags, merged_into_id, erased_at';

function toContactRow(raw: RawContact): ContactRow {
  return {
    id: raw.id,
    displayName: raw.display_name,
    language: raw.language,
    accountId: raw.account_id,
    attributes: raw.attributes,
    tags: raw.tags,
    mergedIntoId: raw.merged_into_id,
    erasedAt: raw.erased_at,
  };
}

/** Longest merge chain followed (a chain is A → B → C when B was later merged into C). */
const maxMergeDepth = 32;

/** SQL for the contact rows themselves and their merge aliases. */
@Injectable()
export class ContactRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Each id → the surviving contact it is merged into (itself when not merged). Unknown ids are absent. */
  async resolveRoots(contactIds: string[], manager?: EntityManager): Promise<Map<string, string>> {
    if (contactIds.length === 0) return new Map();
    const rows = (await (manager ?? this.dataSource.manager).query(
      `WITH RECURSIVE chain AS (
         SELECT id AS start_id, id, merged_into_id, 0 AS depth FROM contact WHERE id = ANY($1::uuid[])
         UNION ALL
         SELECT chain.start_id, contact.id, contact.merged_into_id, chain.depth + 1
         FROM chain JOIN contact ON contact.id = chain.merged_into_id
         WHERE chain.depth < ${maxMergeDepth}
       )
       SELECT start_id, id AS root_id FROM chain WHERE merged_into_id IS NULL`,
      [contactIds],
    )) as { start_id: string; root_id: string }[];
    return new Map(rows.map((row) => [row.start_id, row.root_id]));
  }

  /** The root and every contact merged into it, directly or through a chain. */
  async groupOf(rootId: string, manager?: EntityManager): Promise<string[]> {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `WITH RECURSIVE grp AS (
         SELECT id, 0 AS depth FROM contact WHERE id = $1
         UNION ALL
         SELECT contact.id, grp.depth + 1 FROM grp JOIN contact ON contact.merged_into_id = grp.id
         WHERE grp.depth < ${maxMergeDepth}
       )
       SELECT id FROM grp`,
      [rootId],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  async findById(id: string, manager?: EntityManager): Promise<ContactRow | null> {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT ${contactColumns} FROM contact WHERE id = $1`,
      [id],
    )) as RawContact[];
    return rows[0] ? toContactRow(rows[0]) : null;
  }

  /** Locks the rows in id order (two merges of the same pair in opposite directions cannot deadlock). */
  async lockMany(manager: EntityManager, ids: string[]): Promise<Map<string, ContactRow>> {
    const rows = (await manager.query(
      `SELECT ${contactColumns} FROM contact WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    )) as RawContact[];
    return new Map(rows.map((raw) => [raw.id, toContactRow(raw)]));
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<
      Pick<
        ContactRow,
        'displayName' | 'language' | 'accountId' | 'attributes' | 'tags' | 'mergedIntoId' | 'erasedAt'
      >
    >,
  ): Promise<void> {
    const columns: Record<keyof typeof changes, string> = {
      displayName: 'display_name',
      language: 'language',
      accountId: 'account_id',
      attributes: 'attributes',
      tags: 'tags',
      mergedIntoId: 'merged_into_id',
      erasedAt: 'erased_at',
    };
    const entries = Object.entries(changes) as [keyof typeof changes, unknown][];
    if (entries.length === 0) return;
    const sets = entries.map(([key], index) => `${columns[key]} = $${index + 2}`);
    await manager.query(`UPDATE contact SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [
      id,
      ...entries.map(([key, value]) => (key === 'attributes' ? JSON.stringify(value) : value)),
    ]);
  }
}
