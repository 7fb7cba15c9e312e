import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK, DomainError } from '@vigie/kernel';
import { DomainEventBus } from '@vigie/server';
import { CrmAuditRepository } from '../audit/crm-audit.repository';
import { IdentityRecordRepository } from '../contacts/contact-identity.repository';
import { ContactNoteRepository } from '../contacts/contact-note.repository';
import { ContactRepository } from '../contacts/contact.repository';
import { CustomerHistory } from './customer-history';
import { CustomerPictureService } from './customer-picture.service';

/**
 * Privacy requests (docs/crm.md): export everything held about a customer, and erase them. Both act on the whole
 * merged group and leave an audit entry that holds no personal data.
 */
@Injectable()
export class CustomerPrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactRepository,
    private readonly identities: IdentityRecordRepository,
    private readonly notes: ContactNoteRepository,
    private readonly pictures: CustomerPictureService,
    private readonly history: CustomerHistory,
    private readonly audit: CrmAuditRepository,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async export(params: { contactId: string; actorUserId: string }): Promise<Record<string, unknown>> {
    const document = await this.pictures.export(params.contactId);
    const { root } = await this.pictures.groupOf(params.contactId);
    await this.audit.record(this.dataSource.manager, {
      action: 'contact.exported',
      actor: { kind: 'user', userId: params.actorUserId },
      contactId: root.id,
      at: this.clock.now(),
    });
    return { exportedAt: this.clock.now().toISOString(), ...document };
  }

  /**
   * Deletes identities, notes and link proposals; blanks the contact's name, language, attributes and tags; has
   * the history sources blank message texts and payloads. Conversation rows stay (counts and SLA statistics),
   * pointing at the anonymous contact. A later post by the same X account creates a new, unrelated contact.
   */
  async erase(params: {
    contactId: string;
    actorUserId: string;
  }): Promise<{ contactId: string; erased: Record<string, unknown> }> {
    const { root, group } = await this.pictures.groupOf(params.contactId);
    if (root.erasedAt !== null) {
      throw new DomainError({
        code: 'conflict',
        message: `Contact ${root.id} was already erased.`,
        details: { reason: 'erased' },
      });
    }
    const erased = await this.dataSource.transaction(async (manager) => {
      const locked = await this.contacts.lockMany(manager, group);
      if ([...locked.values()].some((contact) => contact.erasedAt !== null)) {
        throw new DomainError({ code: 'conflict', message: `Contact ${root.id} was already erased.` });
      }
      const at = this.clock.now();
      const identities = await this.identities.deleteForContacts(manager, group);
      const notes = await this.notes.deleteForContacts(manager, group);
      await manager.query(`DELETE FROM contact_link_proposal WHERE contact_id = ANY($1::uuid[])`, [group]);
      for (const id of group) {
        await this.contacts.update(manager, id, {
          displayName: null,
          language: null,
          attributes: {},
          tags: [],
          erasedAt: at,
        });
      }
      const history = await this.history.erase(manager, group);
      const counts = { contacts: group.length, identities, notes, ...history };
      await this.audit.record(manager, {
        action: 'contact.erased',
        actor: { kind: 'user', userId: params.actorUserId },
        contactId: root.id,
        details: counts,
        at,
      });
      return counts;
    });
    this.events.publish('contact.erased', { contactId: root.id });
    return { contactId: root.id, erased };
  }
}
