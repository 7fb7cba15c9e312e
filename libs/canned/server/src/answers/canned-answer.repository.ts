import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A stored canned answer. */
export type StoredCannedAnswer = {
  id: string;
  brandId: string;
  language: string;
  title: string;
  body: string;
  shortcut: string | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
};

type RawCannedAnswer = {
  id: string;
  brand_id: string;
  language: string;
  title: string;
  body: string;
  shortcut: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
};

const columns = 'id, brand_id, language, title, body, shortcut, created_at, updated_at, deleted_at';

function toStored(row: RawCannedAnswer): StoredCannedAnswer {
  return {
    id: row.id,
    brandId: row.brand_id,
    language: row.language,
    title: row.title,
    body: row.body,
    shortcut: row.shortcut,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/** Which unique index a write ran into: the same title, or the same shortcut, among live answers. */
export type CannedUniqueClash = 'title' | 'shortcut';

export function uniqueClashOf(error: unknown): CannedUniqueClash | null {
  const driverError = error as {
    code?: unknown;
    constraint?: unknown;
    driverError?: { constraint?: unknown };
  };
  if (driverError?.code !== '23505') return null;
  const constraint = String(driverError.constraint ?? driverError.driverError?.constraint ?? '');
  if (constraint === 'canned_answer_title_key') return 'title';
  if (constraint === 'canned_answer_shortcut_key') return 'shortcut';
  return null;
}

export type NewCannedAnswer = {
  brandId: string;
  language: string;
  title: string;
  body: string;
  shortcut: string | null;
  userId: string | null;
  at: Date;
};

/** SQL for canned answers (and the two facts they need from elsewhere: brand names, a conversation's language). */
@Injectable()
export class CannedAnswerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(answer: NewCannedAnswer): Promise<StoredCannedAnswer> {
    const rows = (await this.dataSource.query(
      `INSERT INTO canned_answer (brand_id, language, title, body, shortcut, created_by_user_id, updated_by_user_id,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $7) RETURNING ${columns}`,
      [answer.brandId, answer.language, answer.title, answer.body, answer.shortcut, answer.userId, answer.at],
    )) as RawCannedAnswer[];
    return toStored(rows[0] as RawCannedAnswer);
  }

  /** Demo seeding: inserts unless a live answer of the brand and language has this title (several processes may race). */
  async insertUnlessTitled(answer: NewCannedAnswer): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO canned_answer (brand_id, language, title, body, shortcut, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [answer.brandId, answer.language, answer.title, answer.body, answer.shortcut, answer.at],
    )) as { id: string }[];
    return rows.length > 0;
  }

  async update(params: {
    id: string;
    fields: { language: string; title: string; body: string; shortcut: string | null };
    userId: string;
    at: Date;
  }): Promise<StoredCannedAnswer | null> {
    const rows = (await this.dataSource.query(
      `UPDATE canned_answer SET language = $2, title = $3, body = $4, shortcut = $5, updated_by_user_id = $6,
         updated_at = $7
       WHERE id = $1 AND deleted_at IS NULL RETURNING ${columns}`,
      [
        params.id,
        params.fields.language,
        params.fields.title,
        params.fields.body,
        params.fields.shortcut,
        params.userId,
        params.at,
      ],
    )) as [RawCannedAnswer[], number];
    const [updated] = rows[0];
    return updated ? toStored(updated) : null;
  }

  /** Marks it deleted (the row stays); false when it does not exist or is already deleted. */
  async softDelete(params: { id: string; userId: string; at: Date }): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE canned_answer SET deleted_at = $3, deleted_by_user_id = $2, updated_at = $3
       WHERE id = $1 AND deleted_at IS NULL`,
      [params.id, params.userId, params.at],
    )) as [unknown, number];
    return count > 0;
  }

  async restore(params: { id: string; userId: string; at: Date }): Promise<StoredCannedAnswer | null> {
    const rows = (await this.dataSource.query(
      `UPDATE canned_answer SET deleted_at = NULL, deleted_by_user_id = NULL, updated_by_user_id = $2, updated_at = $3
       WHERE id = $1 AND deleted_at IS NOT NULL RETURNING ${columns}`,
      [params.id, params.userId, params.at],
    )) as [RawCannedAnswer[], number];
    const [restored] = rows[0];
    return restored ? toStored(restored) : null;
  }

  async findById(id: string): Promise<StoredCannedAnswer | null> {
    const rows = (await this.dataSource.query(`SELECT ${columns} FROM canned_answer WHERE id = $1`, [
      id,
    ])) as RawCannedAnswer[];
    return rows[0] ? toStored(rows[0]) : null;
  }

  /**
   * Answers by brand and language, live ones unless asked; `search` keeps those whose title, shortcut or body
   * contains it, accents and case ignored (`vigie_search_fold`, ADR 0501). Title order; a brand has tens.
   */
  async list(params: {
    brandId?: string;
    language?: string;
    search?: string;
    isDeletedIncluded: boolean;
    limit: number;
  }): Promise<StoredCannedAnswer[]> {
    const values: unknown[] = [];
    const conditions: string[] = [];
    const bind = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    if (!params.isDeletedIncluded) conditions.push('deleted_at IS NULL');
    if (params.brandId) conditions.push(`brand_id = ${bind(params.brandId)}`);
    if (params.language) conditions.push(`language = ${bind(params.language)}`);
    if (params.search) {
      // LIKE's own wildcards in what the user typed are plain characters.
      const pattern = `%${params.search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      conditions.push(
        `vigie_search_fold(title || ' ' || coalesce(shortcut, '') || ' ' || body) LIKE vigie_search_fold(${bind(pattern)})`,
      );
    }
    const rows = (await this.dataSource.query(
      `SELECT ${columns} FROM canned_answer ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY lower(title), id LIMIT ${bind(params.limit)}`,
      values,
    )) as RawCannedAnswer[];
    return rows.map(toStored);
  }

  async brandName(brandId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT name FROM brand WHERE id = $1`, [brandId])) as {
      name: string;
    }[];
    return rows[0]?.name ?? null;
  }

  async brandIdNamed(name: string): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT id FROM brand WHERE lower(name) = lower($1)`, [
      name,
    ])) as { id: string }[];
    return rows[0]?.id ?? null;
  }
}
