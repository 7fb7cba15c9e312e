import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { jsonRows } from '@vigie/database';
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

/** The key of an identity in {@link ContactIdentityRepository.upsertMany}'s answer. */
export function identityKey(identity: { channel: string; externalUserId: string }): string {
  return `${identity.channel} ${identity.externalUserId}`;
}

function identityRecord(input: ContactIdentityInput): Record<string, unknown> {
  return {
    channel: input.channel,
    external_user_id: input.externalUserId,
    handle: input.handle,
    display_name: input.displayName,
    followers_count: input.followersCount,
    is_verified: input.isVerified,
    language: input.language,
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

  /**
   * {@link upsert} for a batch of authors with a fixed number of statements (one update of those known, one insert
   * of the new contacts and their identities), whatever the batch size: an ingestion batch of a few hundred
   * mentions from as many customers must not cost three round trips per author. Returns one row per identity,
   * by `channel` + `externalUserId` key (see {@link identityKey}); the last input of a key wins.
   */
  async upsertMany(
    manager: EntityManager,
    inputs: readonly ContactIdentityInput[],
  ): Promise<Map<string, ContactIdentityRow>> {
    const byKey = new Map(inputs.map((input) => [identityKey(input), input]));
    const rows = new Map<string, ContactIdentityRow>();
    // Sorted: concurrent batches meet the same identities in the same order.
    let pending = [...byKey.entries()].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    for (let attempt = 1; pending.length > 0; attempt++) {
      const updated = (await manager.query(
        `UPDATE contact_identity ci SET
           handle = coalesce(i.handle, ci.handle), display_name = coalesce(i.display_name, ci.display_name),
           followers_count = coalesce(i.followers_count, ci.followers_count),
           is_verified = i.is_verified OR (ci.is_verified AND i.followers_count IS NULL),
           language = coalesce(i.language, ci.language), updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS i (channel text, external_user_id text, handle text,
           display_name text, followers_count integer, is_verified boolean, language text)
         WHERE ci.channel = i.channel AND ci.external_user_id = i.external_user_id
         RETURNING ci.contact_id, ci.channel, ci.external_user_id, ci.handle, ci.display_name, ci.followers_count,
           ci.is_verified, ci.language`,
        [jsonRows(pending, ([, input]) => identityRecord(input))],
      )) as [RawIdentity[], number];
      for (const raw of updated[0]) rows.set(identityKey(toRow(raw)), toRow(raw));
      const missing = pending
        .filter(([key]) => !rows.has(key))
        .map(([key, input]) => ({
          key,
          input,
          contactId: randomUUID(),
        }));
      if (missing.length === 0) break;
      const inserted = (await manager.query(
        `WITH new_contact AS (
           INSERT INTO contact (id, display_name, language)
           SELECT contact_id, display_name, language FROM jsonb_to_recordset($1::jsonb)
             AS i (contact_id uuid, display_name text, language text)
         )
         INSERT INTO contact_identity (contact_id, channel, external_user_id, handle, display_name, followers_count,
           is_verified, language)
         SELECT contact_id, channel, external_user_id, handle, display_name, followers_count, is_verified, language
         FROM jsonb_to_recordset($1::jsonb) AS i (contact_id uuid, channel text, external_user_id text, handle text,
           display_name text, followers_count integer, is_verified boolean, language text)
         ON CONFLICT (channel, external_user_id) DO NOTHING
         RETURNING contact_id, channel, external_user_id, handle, display_name, followers_count, is_verified, language`,
        [jsonRows(missing, ({ input, contactId }) => ({ contact_id: contactId, ...identityRecord(input) }))],
      )) as RawIdentity[];
      for (const raw of inserted) rows.set(identityKey(toRow(raw)), toRow(raw));
      // Lost races with other transactions: drop our orphan contacts and update the winners' rows.
      const lost = missing.filter(({ key }) => !rows.has(key));
      if (lost.length === 0) break;
      await manager.query(`DELETE FROM contact WHERE id = ANY($1::uuid[])`, [
        lost.map((entry) => entry.contactId),
      ]);
      if (attempt >= 3)
        throw new Error(`Could not record ${lost.length} contact identities after ${attempt} attempts`);
      pending = lost.map(({ key, input }) => [key, input]);
    }
    return rows;
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
