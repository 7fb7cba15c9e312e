import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SurvivorChanges } from './merge-plan';

export type ContactMergeRow = {
  id: string;
  survivorId: string;
  mergedId: string;
  mergedByUserId: string | null;
  survivorChanges: SurvivorChanges;
  mergedAt: Date;
  undoneAt: Date | null;
};

type RawMerge = {
  id: string;
  survivor_id: string;
  merged_id: string;
  merged_by_user_id: string | null;
  survivor_changes: SurvivorChanges;
  merged_at: Date;
  undone_at: Date | null;
};

const columns = 'id, survivor_id, merged_id, merged_by_user_id, survivor_changes, merged_at, undone_at';

function toMergeRow(raw: RawMerge): ContactMergeRow {
  return {
    id: raw.id,
    survivorId: raw.survivor_id,
    mergedId: raw.merged_id,
    mergedByUserId: raw.merged_by_user_id,
    survivorChanges: raw.survivor_changes,
    mergedAt: raw.merged_at,
    undoneAt: raw.undone_at,
  };
}

/** SQL for the merge log (one row per merge; undo stamps it, never deletes it). */
@Injectable()
export class ContactMergeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    params: { survivorId: string; mergedId: string; userId: string; changes: SurvivorChanges; at: Date },
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO contact_merge (survivor_id, merged_id, merged_by_user_id, survivor_changes, merged_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [params.survivorId, params.mergedId, params.userId, JSON.stringify(params.changes), params.at],
    )) as { id: string }[];
    return row?.id ?? '';
  }

  async lock(manager: EntityManager, id: string): Promise<ContactMergeRow | null> {
    const rows = (await manager.query(`SELECT ${columns} FROM contact_merge WHERE id = $1 FOR UPDATE`, [
      id,
    ])) as RawMerge[];
    return rows[0] ? toMergeRow(rows[0]) : null;
  }

  async markUndone(manager: EntityManager, params: { id: string; userId: string; at: Date }): Promise<void> {
    await manager.query(`UPDATE contact_merge SET undone_at = $2, undone_by_user_id = $3 WHERE id = $1`, [
      params.id,
      params.at,
      params.userId,
    ]);
  }

  async involving(contactIds: string[]): Promise<ContactMergeRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${columns} FROM contact_merge
       WHERE survivor_id = ANY($1::uuid[]) OR merged_id = ANY($1::uuid[]) ORDER BY merged_at, id`,
      [contactIds],
    )) as RawMerge[];
    return rows.map(toMergeRow);
  }
}
