import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CustomerPicture, DuplicateSuggestion } from '@vigie/contracts';
import { DomainError } from '@vigie/kernel';
import { CrmAccountRepository } from '../accounts/crm-account.repository';
import { toAccountView } from '../accounts/crm-accounts.service';
import { CrmAuditRepository } from '../audit/crm-audit.repository';
import { IdentityRecordRepository } from '../contacts/contact-identity.repository';
import { toIdentityView } from '../contacts/identity-view';
import { ContactNoteRepository } from '../contacts/contact-note.repository';
import { ContactRepository, type ContactRow } from '../contacts/contact.repository';
import { ContactMergeRepository } from '../merges/contact-merge.repository';
import { toMergeView } from '../merges/contact-merges.service';
import { scoreDuplicate } from '../merges/duplicate-score';
import { LinkProposalsService } from '../proposals/link-proposals.service';
import { CustomerHistory } from './customer-history';

/** Suggestions below this score are noise (a similar handle alone). */
const minDuplicateScore = 0.5;

/** The customer as the console shows it: a contact and everything merged into it (read side). */
@Injectable()
export class CustomerPictureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactRepository,
    private readonly identities: IdentityRecordRepository,
    private readonly accounts: CrmAccountRepository,
    private readonly notes: ContactNoteRepository,
    private readonly merges: ContactMergeRepository,
    private readonly audit: CrmAuditRepository,
    private readonly history: CustomerHistory,
    private readonly proposals: LinkProposalsService,
  ) {}

  /** The surviving contact of `contactId` and the ids of its merged group (itself first). */
  async groupOf(contactId: string): Promise<{ root: ContactRow; group: string[] }> {
    const rootId = (await this.contacts.resolveRoots([contactId])).get(contactId);
    const root = rootId ? await this.contacts.findById(rootId) : null;
    if (!root) throw new DomainError({ code: 'not_found', message: `No contact ${contactId}.` });
    return { root, group: await this.contacts.groupOf(root.id) };
  }

  async picture(contactId: string): Promise<CustomerPicture> {
    const { root, group } = await this.groupOf(contactId);
    const [identities, account, conversations, notes, merges, linkProposals] = await Promise.all([
      this.identities.listByContacts(group),
      root.accountId ? this.accounts.findById(root.accountId) : Promise.resolve(null),
      this.history.conversationsOf(group),
      this.notes.listByContacts(group),
      this.merges.involving(group),
      this.proposals.pendingFor(group),
    ]);
    return {
      id: root.id,
      displayName: root.displayName,
      language: root.language,
      attributes: root.attributes,
      tags: root.tags,
      mergedContactIds: group.filter((id) => id !== root.id),
      identities: identities.map(toIdentityView),
      account: account ? toAccountView(account) : null,
      conversations,
      notes,
      merges: merges.map(toMergeView),
      linkProposals,
      erasedAt: root.erasedAt?.toISOString() ?? null,
    };
  }

  /**
   * Contacts that are likely the same person (same full name, similar handle), best first. Candidates come from
   * an indexed name/handle match; the score and reasons from the pure rule. Never merged automatically.
   */
  async duplicates(contactId: string): Promise<DuplicateSuggestion[]> {
    const { root, group } = await this.groupOf(contactId);
    const own = await this.identities.listByContacts(group);
    const handles = own.map((identity) => identity.handle?.toLowerCase().replace(/\d+$/, '') ?? '');
    const candidates = (await this.dataSource.query(
      `SELECT DISTINCT c.id, c.display_name FROM contact c
       LEFT JOIN contact_identity i ON i.contact_id = c.id
       WHERE c.merged_into_id IS NULL AND c.erased_at IS NULL AND NOT (c.id = ANY($1::uuid[]))
         AND ((lower(c.display_name) = lower($2) AND $2 LIKE '% %')
              OR EXISTS (SELECT 1 FROM unnest($3::text[]) h WHERE length(h) >= 4 AND lower(i.handle) LIKE h || '%'))
       LIMIT 50`,
      [group, root.displayName ?? '', handles],
    )) as { id: string; display_name: string | null }[];
    const candidateIdentities = await this.identities.listByContacts(candidates.map((row) => row.id));
    const self = { contactId: root.id, displayName: root.displayName, identities: own };
    return candidates
      .map((row) => {
        const verdict = scoreDuplicate(self, {
          contactId: row.id,
          displayName: row.display_name,
          identities: candidateIdentities.filter((identity) => identity.contactId === row.id),
        });
        return { contactId: row.id, displayName: row.display_name, ...verdict };
      })
      .filter((suggestion) => suggestion.score >= minDuplicateScore)
      .sort((left, right) => right.score - left.score);
  }

  /** Everything held about the customer (privacy export), as one JSON document. */
  async export(contactId: string): Promise<Record<string, unknown>> {
    const { group } = await this.groupOf(contactId);
    const [picture, audit, history] = await Promise.all([
      this.picture(contactId),
      this.audit.forContacts(group),
      this.history.exportOf(group),
    ]);
    return { exportedContact: picture, audit, ...history };
  }
}
