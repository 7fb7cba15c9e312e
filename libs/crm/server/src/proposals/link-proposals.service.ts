import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ContactIdentityView, LinkProposalView } from '@vigie/contracts';
import { type Clock, CLOCK, DomainError } from '@vigie/kernel';
import { CrmAuditRepository } from '../audit/crm-audit.repository';
import { ContactLinksService } from '../contacts/contact-links.service';
import { extractContactDetails } from './contact-details';

type RawProposal = {
  id: string;
  contact_id: string;
  channel: 'email' | 'phone';
  value: string;
  status: 'proposed' | 'accepted' | 'rejected';
  created_at: Date;
};

const columns = 'id, contact_id, channel, value, status, created_at';

const toView = (raw: RawProposal): LinkProposalView => ({
  id: raw.id,
  contactId: raw.contact_id,
  channel: raw.channel,
  value: raw.value,
  status: raw.status,
  createdAt: raw.created_at.toISOString(),
});

/**
 * Identity links proposed from what customers write (an e-mail or phone given in a DM). Proposed inside the
 * inbox's recording transaction; applied only when an agent accepts (issue 5: never silently).
 */
@Injectable()
export class LinkProposalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: ContactLinksService,
    private readonly audit: CrmAuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records proposals for the details found in a customer's message; values already linked are skipped. */
  async proposeFromMessage(
    manager: EntityManager,
    params: { contactId: string; text: string; messageId: string },
  ): Promise<number> {
    const { emails, phones } = extractContactDetails(params.text);
    const candidates = [
      ...emails.map((value) => ({ channel: 'email', value })),
      ...phones.map((value) => ({ channel: 'phone', value })),
    ];
    let proposed = 0;
    for (const candidate of candidates) {
      const rows = (await manager.query(
        `INSERT INTO contact_link_proposal (contact_id, channel, value, source_message_id, status, created_at)
         SELECT $1, $2, $3, $4, 'proposed', $5
         WHERE NOT EXISTS (SELECT 1 FROM contact_identity WHERE channel = $2 AND external_user_id = $3 AND contact_id = $1)
         ON CONFLICT (contact_id, channel, value) DO NOTHING RETURNING id`,
        [params.contactId, candidate.channel, candidate.value, params.messageId, this.clock.now()],
      )) as unknown[];
      proposed += rows.length;
    }
    return proposed;
  }

  async pendingFor(contactIds: string[]): Promise<LinkProposalView[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${columns} FROM contact_link_proposal WHERE contact_id = ANY($1::uuid[]) AND status = 'proposed'
       ORDER BY created_at, channel, value`,
      [contactIds],
    )) as RawProposal[];
    return rows.map(toView);
  }

  /** Links the proposed value to the contact (409 when another contact has it: merge instead). */
  async accept(params: { proposalId: string; actorUserId: string }): Promise<ContactIdentityView> {
    const proposal = await this.pending(params.proposalId);
    const identity = await this.links.linkIdentity({
      contactId: proposal.contact_id,
      channel: proposal.channel,
      value: proposal.value,
      actorUserId: params.actorUserId,
    });
    await this.decide({ proposal, status: 'accepted', actorUserId: params.actorUserId });
    return identity;
  }

  async reject(params: { proposalId: string; actorUserId: string }): Promise<void> {
    await this.decide({
      proposal: await this.pending(params.proposalId),
      status: 'rejected',
      actorUserId: params.actorUserId,
    });
  }

  private async pending(id: string): Promise<RawProposal> {
    const rows = (await this.dataSource.query(`SELECT ${columns} FROM contact_link_proposal WHERE id = $1`, [
      id,
    ])) as RawProposal[];
    const proposal = rows[0];
    if (!proposal) throw new DomainError({ code: 'not_found', message: `No link proposal ${id}.` });
    if (proposal.status !== 'proposed') {
      throw new DomainError({
        code: 'conflict',
        message: `Link proposal ${id} was already ${proposal.status}.`,
      });
    }
    return proposal;
  }

  private async decide(params: {
    proposal: RawProposal;
    status: 'accepted' | 'rejected';
    actorUserId: string;
  }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const at = this.clock.now();
      await manager.query(
        `UPDATE contact_link_proposal SET status = $2, decided_by_user_id = $3, decided_at = $4 WHERE id = $1`,
        [params.proposal.id, params.status, params.actorUserId, at],
      );
      await this.audit.record(manager, {
        action: params.status === 'accepted' ? 'link_proposal.accepted' : 'link_proposal.rejected',
        actor: { kind: 'user', userId: params.actorUserId },
        contactId: params.proposal.contact_id,
        details: { proposalId: params.proposal.id, channel: params.proposal.channel },
        at,
      });
    });
  }
}
