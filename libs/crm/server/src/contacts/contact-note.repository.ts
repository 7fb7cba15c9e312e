import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ContactNoteView } from '@vigie/contracts';

type RawNote = {
  id: string;
  contact_id: string;
  author_user_id: string | null;
  body: string;
  created_at: Date;
};

const toNote = (raw: RawNote): ContactNoteView => ({
  id: raw.id,
  contactId: raw.contact_id,
  authorUserId: raw.author_user_id,
  body: raw.body,
  createdAt: raw.created_at.toISOString(),
});

/** SQL for the notes agents keep about a contact. */
@Injectable()
export class ContactNoteRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    params: { contactId: string; userId: string; body: string; at: Date },
  ): Promise<ContactNoteView> {
    const rows = (await manager.query(
      `INSERT INTO contact_note (contact_id, author_user_id, body, created_at) VALUES ($1, $2, $3, $4)
       RETURNING id, contact_id, author_user_id, body, created_at`,
      [params.contactId, params.userId, params.body, params.at],
    )) as RawNote[];
    return toNote(rows[0] as RawNote);
  }

  async listByContacts(contactIds: string[]): Promise<ContactNoteView[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, contact_id, author_user_id, body, created_at FROM contact_note
       WHERE contact_id = ANY($1::uuid[]) ORDER BY created_at DESC, id`,
      [contactIds],
    )) as RawNote[];
    return rows.map(toNote);
  }

  async deleteForContacts(manager: EntityManager, contactIds: string[]): Promise<number> {
    const result = (await manager.query(`DELETE FROM contact_note WHERE contact_id = ANY($1::uuid[])`, [
      contactIds,
    ])) as [unknown[], number];
    return result[1];
  }
}
