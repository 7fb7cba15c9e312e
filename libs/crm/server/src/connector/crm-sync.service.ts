import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CrmUpsertReport, CrmUpsertRequest } from '@vigie/contracts';
import { type Clock, CLOCK } from '@vigie/kernel';
import { CrmAccountRepository } from '../accounts/crm-account.repository';
import { CrmAuditRepository, type CrmAuditEntry } from '../audit/crm-audit.repository';
import { toAttributes } from '../contacts/attributes';
import { IdentityRecordRepository } from '../contacts/contact-identity.repository';
import { normaliseIdentityValue } from '../contacts/contact-links.service';
import { ContactRepository, type ContactRow } from '../contacts/contact.repository';

type Contact = NonNullable<CrmUpsertRequest['contacts']>[number];

const sameJson = (left: unknown, right: unknown) => JSON.stringify(left) === JSON.stringify(right);

/**
 * Applies an inbound upsert from an external CRM (docs/crm.md), inside the caller's transaction. Idempotent:
 * every record is keyed by the CRM's own id, and applying the same request again changes nothing. The CRM is
 * trusted for what it owns (names, accounts, attributes, its e-mails and phones) but never takes an identity
 * away from another contact: such links come back as conflicts for an agent to decide (merge or not).
 */
@Injectable()
export class CrmSyncService {
  constructor(
    private readonly accounts: CrmAccountRepository,
    private readonly contacts: ContactRepository,
    private readonly identities: IdentityRecordRepository,
    private readonly audit: CrmAuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async apply(
    manager: EntityManager,
    params: { request: CrmUpsertRequest; actor: CrmAuditEntry['actor']; source: string },
  ): Promise<CrmUpsertReport> {
    const report: CrmUpsertReport = {
      isDuplicate: false,
      accounts: { created: 0, updated: 0, unchanged: 0 },
      contacts: { created: 0, updated: 0, unchanged: 0 },
      conflicts: [],
    };
    const accountIds = new Map<string, string>();
    for (const account of params.request.accounts ?? []) {
      const ownerUserId = account.ownerEmail
        ? await this.accounts.findUserIdByEmail(manager, account.ownerEmail)
        : null;
      if (account.ownerEmail && !ownerUserId) {
        report.conflicts.push({
          externalId: account.externalId,
          reason: `owner ${account.ownerEmail} is not a Vigie user`,
        });
      }
      const existed = await manager.query(`SELECT 1 FROM crm_account WHERE external_id = $1`, [
        account.externalId,
      ]);
      const { id, isChanged } = await this.accounts.upsertByExternalId(manager, {
        externalId: account.externalId,
        name: account.name.trim(),
        ownerUserId,
        tier: account.tier ?? null,
        value: account.value ?? null,
        attributes: toAttributes(account.attributes),
        tags: [...new Set(account.tags ?? [])],
      });
      accountIds.set(account.externalId, id);
      const bucket = (existed as unknown[]).length === 0 ? 'created' : isChanged ? 'updated' : 'unchanged';
      report.accounts[bucket] += 1;
    }
    for (const contact of params.request.contacts ?? []) {
      await this.applyContact(manager, { contact, accountIds, report });
    }
    await this.audit.record(manager, {
      action: 'connector.upserted',
      actor: params.actor,
      details: {
        source: params.source,
        accounts: report.accounts,
        contacts: report.contacts,
        conflicts: report.conflicts.length,
        externalIds: (params.request.contacts ?? []).map((contact) => contact.externalId),
      },
      at: this.clock.now(),
    });
    return report;
  }

  private async applyContact(
    manager: EntityManager,
    params: { contact: Contact; accountIds: Map<string, string>; report: CrmUpsertReport },
  ): Promise<void> {
    const { contact, report } = params;
    let accountId: string | null | undefined;
    if (contact.accountExternalId) {
      accountId =
        params.accountIds.get(contact.accountExternalId) ??
        (
          (await manager.query(`SELECT id FROM crm_account WHERE external_id = $1`, [
            contact.accountExternalId,
          ])) as {
            id: string;
          }[]
        )[0]?.id;
      if (!accountId) {
        report.conflicts.push({
          externalId: contact.externalId,
          reason: `unknown account ${contact.accountExternalId}`,
        });
        accountId = undefined;
      }
    } else if (contact.accountExternalId === null) {
      accountId = null;
    }
    const known = await this.identities.findByKey(manager, 'crm', contact.externalId);
    const byX =
      !known && contact.xUserId ? await this.identities.findByKey(manager, 'x', contact.xUserId) : null;
    let isCreated = false;
    let ownerId = known?.contactId ?? byX?.contactId;
    if (!ownerId) {
      const [created] = (await manager.query(`INSERT INTO contact (display_name) VALUES ($1) RETURNING id`, [
        contact.displayName ?? null,
      ])) as { id: string }[];
      ownerId = created?.id ?? '';
      isCreated = true;
    }
    // Updates land on the surviving contact when the CRM's contact was merged in Vigie.
    const rootId = (await this.contacts.resolveRoots([ownerId], manager)).get(ownerId) ?? ownerId;
    const root = (await this.contacts.lockMany(manager, [rootId])).get(rootId) as ContactRow;
    if (root.erasedAt !== null) {
      report.conflicts.push({ externalId: contact.externalId, reason: 'contact was erased in Vigie' });
      return;
    }
    let isChanged = false;
    if (!known) {
      await this.identities.insertLinked(manager, {
        contactId: ownerId,
        channel: 'crm',
        externalUserId: contact.externalId,
        userId: null,
      });
    }
    const changes = {
      ...(contact.displayName !== undefined && contact.displayName !== root.displayName
        ? { displayName: contact.displayName }
        : {}),
      ...(accountId !== undefined && accountId !== root.accountId ? { accountId } : {}),
      ...(contact.attributes !== undefined && !sameJson(toAttributes(contact.attributes), root.attributes)
        ? { attributes: toAttributes(contact.attributes) }
        : {}),
      ...(contact.tags !== undefined && !sameJson([...new Set(contact.tags)], root.tags)
        ? { tags: [...new Set(contact.tags)] }
        : {}),
    };
    if (Object.keys(changes).length > 0) {
      await this.contacts.update(manager, root.id, changes);
      isChanged = true;
    }
    if (contact.xUserId && (known || !byX)) {
      const xIdentity = await this.identities.findByKey(manager, 'x', contact.xUserId);
      if (xIdentity) {
        const xRoot = (await this.contacts.resolveRoots([xIdentity.contactId], manager)).get(
          xIdentity.contactId,
        );
        if (xRoot !== root.id) {
          report.conflicts.push({
            externalId: contact.externalId,
            reason: `X user ${contact.xUserId} belongs to contact ${xIdentity.contactId}: merge to link them`,
          });
        }
      }
    }
    const links = [
      ...(contact.emails ?? []).map((value) => ({ channel: 'email' as const, value })),
      ...(contact.phones ?? []).map((value) => ({ channel: 'phone' as const, value })),
    ];
    for (const link of links) {
      const value = normaliseIdentityValue(link.channel, link.value);
      const existing = await this.identities.findByKey(manager, link.channel, value);
      if (!existing) {
        await this.identities.insertLinked(manager, {
          contactId: root.id,
          channel: link.channel,
          externalUserId: value,
          userId: null,
        });
        isChanged = true;
      } else if (
        (await this.contacts.resolveRoots([existing.contactId], manager)).get(existing.contactId) !== root.id
      ) {
        report.conflicts.push({
          externalId: contact.externalId,
          reason: `${link.channel} ${value} belongs to contact ${existing.contactId}: merge to link them`,
        });
      }
    }
    report.contacts[isCreated ? 'created' : isChanged || !known ? 'updated' : 'unchanged'] += 1;
  }
}
