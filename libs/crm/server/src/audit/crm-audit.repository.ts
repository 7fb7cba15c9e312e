import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type CrmAuditAction =
  | 'account.created'
  | 'account.updated'
  | 'contact.updated'
  | 'contact.account_linked'
  | 'identity.linked'
  | 'identity.unlinked'
  | 'link_proposal.accepted'
  | 'link_proposal.rejected'
  | 'note.added'
  | 'contact.merged'
  | 'contact.merge_undone'
  | 'contact.exported'
  | 'contact.erased'
  | 'connector.created'
  | 'connector.upserted';

export type CrmAuditEntry = {
  action: CrmAuditAction;
  actor: { kind: 'user'; userId: string } | { kind: 'connector' | 'system' };
  contactId?: string | null;
  accountId?: string | null;
  details?: Record<string, unknown>;
  at: Date;
};

export type CrmAuditRow = {
  id: string;
  action: CrmAuditAction;
  actorKind: 'user' | 'connector' | 'system';
  actorUserId: string | null;
  contactId: string | null;
  accountId: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
};

/** The CRM audit log: written inside the transaction of the change it records (never lost, never ahead). */
@Injectable()
export class CrmAuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: CrmAuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO crm_audit (action, actor_kind, actor_user_id, contact_id, account_id, details, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.action,
        entry.actor.kind,
        entry.actor.kind === 'user' ? entry.actor.userId : null,
        entry.contactId ?? null,
        entry.accountId ?? null,
        JSON.stringify(entry.details ?? {}),
        entry.at,
      ],
    );
  }

  async forContacts(contactIds: string[]): Promise<CrmAuditRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, action, actor_kind, actor_user_id, contact_id, account_id, details, created_at
       FROM crm_audit WHERE contact_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [contactIds],
    )) as {
      id: string;
      action: CrmAuditAction;
      actor_kind: 'user' | 'connector' | 'system';
      actor_user_id: string | null;
      contact_id: string | null;
      account_id: string | null;
      details: Record<string, unknown>;
      created_at: Date;
    }[];
    return rows.map((row) => ({
      id: row.id,
      action: row.action,
      actorKind: row.actor_kind,
      actorUserId: row.actor_user_id,
      contactId: row.contact_id,
      accountId: row.account_id,
      details: row.details,
      createdAt: row.created_at,
    }));
  }
}
