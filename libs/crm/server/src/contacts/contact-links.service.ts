import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ContactIdentityView, ContactNoteView } from '@vigie/contracts';
import { type Clock, CLOCK, DomainError } from '@vigie/kernel';
import { DomainEventBus } from '@vigie/server';
import { CrmAccountRepository } from '../accounts/crm-account.repository';
import { CrmAuditRepository } from '../audit/crm-audit.repository';
import { IdentityRecordRepository } from './contact-identity.repository';
import { ContactNoteRepository } from './contact-note.repository';
import { ContactRepository, type ContactRow } from './contact.repository';
import { toIdentityView } from './identity-view';

/** Identities an agent or a CRM may attach by hand (messaging identities come from the channel itself). */
export type LinkableChannel = 'email' | 'phone' | 'crm';

/** The stored form of a hand-linked identity: e-mails lower-cased, phones reduced to + and digits. */
export function normaliseIdentityValue(channel: LinkableChannel, value: string): string {
  const trimmed = value.trim();
  if (channel === 'email') return trimmed.toLowerCase();
  if (channel === 'phone') return trimmed.replace(/[^\d+]/g, '');
  return trimmed;
}

export type ContactChanges = Partial<Pick<ContactRow, 'displayName' | 'accountId' | 'attributes' | 'tags'>>;

/**
 * Hand edits of a contact (agents): fields, account link, identities linked and unlinked, notes. Every change is
 * audited in its own transaction and announced as `contact.updated` after commit.
 */
@Injectable()
export class ContactLinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactRepository,
    private readonly identities: IdentityRecordRepository,
    private readonly notes: ContactNoteRepository,
    private readonly accounts: CrmAccountRepository,
    private readonly audit: CrmAuditRepository,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async update(params: { contactId: string; changes: ContactChanges; actorUserId: string }): Promise<void> {
    const { accountId } = params.changes;
    if (accountId && !(await this.accounts.findById(accountId))) {
      throw new DomainError({ code: 'invalid', message: `accountId ${accountId} is not a CRM account.` });
    }
    await this.change(params.contactId, params.actorUserId, async (manager, contact) => {
      await this.contacts.update(manager, contact.id, params.changes);
      return {
        action: accountId === undefined ? 'contact.updated' : 'contact.account_linked',
        details: { changes: params.changes },
      };
    });
  }

  async addNote(params: { contactId: string; body: string; actorUserId: string }): Promise<ContactNoteView> {
    let note: ContactNoteView | undefined;
    await this.change(params.contactId, params.actorUserId, async (manager, contact) => {
      note = await this.notes.insert(manager, {
        contactId: contact.id,
        userId: params.actorUserId,
        body: params.body,
        at: this.clock.now(),
      });
      return { action: 'note.added', details: { noteId: note.id } };
    });
    return note as ContactNoteView;
  }

  /** Attaches an e-mail, phone or external CRM id; 409 when it already belongs to another contact. */
  async linkIdentity(params: {
    contactId: string;
    channel: LinkableChannel;
    value: string;
    actorUserId: string;
  }): Promise<ContactIdentityView> {
    const value = normaliseIdentityValue(params.channel, params.value);
    let linked: ContactIdentityView | undefined;
    await this.change(params.contactId, params.actorUserId, async (manager, contact) => {
      const record = await this.identities.insertLinked(manager, {
        contactId: contact.id,
        channel: params.channel,
        externalUserId: value,
        userId: params.actorUserId,
      });
      if (!record) {
        const owner = await this.identities.findByKey(manager, params.channel, value);
        throw new DomainError({
          code: 'conflict',
          message: `This ${params.channel} already belongs to contact ${owner?.contactId}; merge the two contacts instead.`,
          details: { reason: 'identity_taken', contactId: owner?.contactId },
        });
      }
      linked = toIdentityView(record);
      return { action: 'identity.linked', details: { identityId: record.id, channel: params.channel } };
    });
    return linked as ContactIdentityView;
  }

  /**
   * Moves an existing identity (e.g. a second X account of the same person) to another contact. Its past
   * conversations stay with the contact they were recorded for; only what the identity writes next follows it.
   */
  async moveIdentity(params: { identityId: string; contactId: string; actorUserId: string }): Promise<void> {
    await this.change(params.contactId, params.actorUserId, async (manager, contact) => {
      const identity = await this.identities.lock(manager, params.identityId);
      if (!identity)
        throw new DomainError({ code: 'not_found', message: `No identity ${params.identityId}.` });
      await this.identities.moveTo(manager, {
        id: identity.id,
        contactId: contact.id,
        userId: params.actorUserId,
      });
      return {
        action: 'identity.linked',
        details: { identityId: identity.id, fromContactId: identity.contactId },
      };
    });
  }

  /**
   * Unlinks an identity. A hand-linked one (e-mail, phone, CRM id) is deleted; a channel identity is split off
   * into a new contact of its own (the person who posts with it keeps existing, under their own name).
   */
  async unlinkIdentity(params: { identityId: string; actorUserId: string }): Promise<void> {
    let contactId: string | null = null;
    await this.dataSource.transaction(async (manager) => {
      const identity = await this.identities.lock(manager, params.identityId);
      if (!identity)
        throw new DomainError({ code: 'not_found', message: `No identity ${params.identityId}.` });
      contactId = identity.contactId;
      let splitContactId: string | null = null;
      if (['email', 'phone', 'crm'].includes(identity.channel)) {
        await this.identities.delete(manager, identity.id);
      } else {
        const [created] = (await manager.query(
          `INSERT INTO contact (display_name, language) VALUES ($1, $2) RETURNING id`,
          [identity.displayName, identity.language],
        )) as { id: string }[];
        splitContactId = created?.id ?? null;
        await this.identities.moveTo(manager, {
          id: identity.id,
          contactId: splitContactId ?? '',
          userId: params.actorUserId,
        });
      }
      await this.audit.record(manager, {
        action: 'identity.unlinked',
        actor: { kind: 'user', userId: params.actorUserId },
        contactId: identity.contactId,
        details: { identityId: identity.id, channel: identity.channel, splitContactId },
        at: this.clock.now(),
      });
    });
    if (contactId) this.events.publish('contact.updated', { contactId });
  }

  /** Runs one audited change on a live (not merged away, not erased) contact. */
  private async change(
    contactId: string,
    actorUserId: string,
    apply: (
      manager: EntityManager,
      contact: ContactRow,
    ) => Promise<{
      action: 'contact.updated' | 'contact.account_linked' | 'note.added' | 'identity.linked';
      details: Record<string, unknown>;
    }>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const contact = (await this.contacts.lockMany(manager, [contactId])).get(contactId);
      if (!contact) throw new DomainError({ code: 'not_found', message: `No contact ${contactId}.` });
      if (contact.mergedIntoId !== null) {
        throw new DomainError({
          code: 'conflict',
          message: `Contact ${contactId} is merged into ${contact.mergedIntoId}; edit that contact instead.`,
          details: { reason: 'already_merged', mergedIntoId: contact.mergedIntoId },
        });
      }
      if (contact.erasedAt !== null) {
        throw new DomainError({
          code: 'conflict',
          message: `Contact ${contactId} was erased.`,
          details: { reason: 'erased' },
        });
      }
      const { action, details } = await apply(manager, contact);
      await this.audit.record(manager, {
        action,
        actor: { kind: 'user', userId: actorUserId },
        contactId,
        details,
        at: this.clock.now(),
      });
    });
    this.events.publish('contact.updated', { contactId });
  }
}
