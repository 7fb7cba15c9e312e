import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ContactSummary } from '@vigie/contracts';

/** A channel identity as the channel describes it (the contact summary without the contact id). */
export type ContactIdentityInput = Omit<ContactSummary, 'id' | 'channel'> & { channel: string };

export type ContactIdentityRow = ContactIdentityInput & { contactId: string };

type RawIdentity = {
  contact_id: string;
  channel: string;
  external_user_id: string;
  handle: string | null;
  display_name: string | null;
  followers_count: number | null;
  is_verified: boolean;
  language: string | null;
};

function toRow(raw: RawIdentity): ContactIdentityRow {
  return {
    contactId: raw.contact_id,
    channel: raw.channel,
    externalUserId: raw.external_user_id,
    handle: raw.handle,
    displayName: raw.display_name,
    followersCount: raw.followers_count,
    isVerified: raw.is_verified,
    language: raw.language,
  };
}

/**
 * SQL for contacts and their channel identities. Every write takes the caller's EntityManager: contacts are
 * upserted inside the ingestion transaction (on embedded PGlite another connection would deadlock).
 */
@Injectable()
export class ContactIdentityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Updates the identity (known values win over nulls), or creates the contact and its identity. A concurrent
   * creation of the same identity waits on the unique key and then updates the winner's row.
   */
  async upsert(manager: EntityManager, input: ContactIdentityInput): Promise<ContactIdentityRow> {
    const values = [
      input.channel,
      input.externalUserId,
      input.handle,
      input.displayName,
      input.followersCount,
      input.isVerified,
      input.language,
    ];
    const updated = (await manager.query(
      `UPDATE contact_identity SET
         handle = coalesce($3, handle), display_name = coalesce($4, display_name),
         followers_count = coalesce($5, followers_count), is_verified = $6 OR (is_verified AND $5::integer IS NULL),
         language = coalesce($7, language), updated_at = now()
       WHERE channel = $1 AND external_user_id = $2
       RETURNING contact_id, channel, external_user_id, handle, display_name, followers_count, is_verified, language`,
      values,
    )) as [RawIdentity[], number];
    const existing = updated[0][0];
    if (existing) return toRow(existing);
    const [contact] = (await manager.query(
      `INSERT INTO contact (display_name, language) VALUES ($1, $2) RETURNING id`,
      [input.displayName, input.language],
    )) as { id: string }[];
    const inserted = (await manager.query(
      `INSERT INTO contact_identity (contact_id, channel, external_user_id, handle, display_name, followers_count, is_verified, language)
       VALUES ($8, $1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (channel, external_user_id) DO NOTHING
       RETURNING contact_id, channel, external_user_id, handle, display_name, followers_count, is_verified, language`,
      [...values, contact?.id],
    )) as RawIdentity[];
    if (inserted[0]) return toRow(inserted[0]);
    // Lost a race with another transaction: drop our orphan contact and update theirs.
    await manager.query(`DELETE FROM contact WHERE id = $1`, [contact?.id]);
    return this.upsert(manager, input);
  }

  async findByContactIds(contactIds: string[]): Promise<ContactIdentityRow[]> {
    if (contactIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (contact_id) contact_id, channel, external_user_id, handle, display_name, followers_count, is_verified, language
       FROM contact_identity WHERE contact_id = ANY($1::uuid[]) AND channel NOT IN ('email', 'phone', 'crm')
       ORDER BY contact_id, updated_at DESC`,
      [contactIds],
    )) as RawIdentity[];
    return rows.map(toRow);
  }

  async findByExternalId(params: {
    channel: string;
    externalUserId: string;
  }): Promise<ContactIdentityRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT contact_id, channel, external_user_id, handle, display_name, followers_count, is_verified, language
       FROM contact_identity WHERE channel = $1 AND external_user_id = $2`,
      [params.channel, params.externalUserId],
    )) as RawIdentity[];
    return rows[0] ? toRow(rows[0]) : null;
  }
}

export type IdentityRecord = ContactIdentityRow & { id: string; linkedByUserId: string | null };

type RawIdentityRecord = RawIdentity & { id: string; linked_by_user_id: string | null };

const recordColumns =
  'id, contact_id, channel, external_user_id, handle, display_name, followers_count, is_verified, language, linked_by_user_id';

function toRecord(raw: RawIdentityRecord): IdentityRecord {
  return { ...toRow(raw), id: raw.id, linkedByUserId: raw.linked_by_user_id };
}

/** Every identity, hand-linked ones included (the customer picture, linking, export and erasure). */
@Injectable()
export class IdentityRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listByContacts(contactIds: string[], manager?: EntityManager): Promise<IdentityRecord[]> {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT ${recordColumns} FROM contact_identity WHERE contact_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [contactIds],
    )) as RawIdentityRecord[];
    return rows.map(toRecord);
  }

  async lock(manager: EntityManager, id: string): Promise<IdentityRecord | null> {
    const rows = (await manager.query(
      `SELECT ${recordColumns} FROM contact_identity WHERE id = $1 FOR UPDATE`,
      [id],
    )) as RawIdentityRecord[];
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByKey(
    manager: EntityManager,
    channel: string,
    externalUserId: string,
  ): Promise<IdentityRecord | null> {
    const rows = (await manager.query(
      `SELECT ${recordColumns} FROM contact_identity WHERE channel = $1 AND external_user_id = $2`,
      [channel, externalUserId],
    )) as RawIdentityRecord[];
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** A hand-made (or CRM-given) identity; null when that channel value already belongs to a contact. */
  async insertLinked(
    manager: EntityManager,
    params: { contactId: string; channel: string; externalUserId: string; userId: string | null },
  ): Promise<IdentityRecord | null> {
    const rows = (await manager.query(
      `INSERT INTO contact_identity (contact_id, channel, external_user_id, is_verified, linked_by_user_id)
       VALUES ($1, $2, $3, false, $4)
       ON CONFLICT (channel, external_user_id) DO NOTHING RETURNING ${recordColumns}`,
      [params.contactId, params.channel, params.externalUserId, params.userId],
    )) as RawIdentityRecord[];
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async moveTo(
    manager: EntityManager,
    params: { id: string; contactId: string; userId: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE contact_identity SET contact_id = $2, linked_by_user_id = $3, updated_at = now() WHERE id = $1`,
      [params.id, params.contactId, params.userId],
    );
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM contact_identity WHERE id = $1`, [id]);
  }

  async deleteForContacts(manager: EntityManager, contactIds: string[]): Promise<number> {
    const result = (await manager.query(`DELETE FROM contact_identity WHERE contact_id = ANY($1::uuid[])`, [
      contactIds,
    ])) as [unknown[], number];
    return result[1];
  }
}
