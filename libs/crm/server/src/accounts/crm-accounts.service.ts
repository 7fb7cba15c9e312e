import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CrmAccountView, CrmRoutingFacts } from '@vigie/contracts';
import { type Clock, CLOCK, DomainError } from '@vigie/kernel';
import { CrmAuditRepository } from '../audit/crm-audit.repository';
import { type CrmAccountInput, CrmAccountRepository, type CrmAccountRow } from './crm-account.repository';

export function toAccountView(row: CrmAccountRow): CrmAccountView {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    owner: row.ownerUserId === null ? null : { id: row.ownerUserId, displayName: row.ownerDisplayName ?? '' },
    tier: row.tier,
    value: row.value,
    attributes: row.attributes,
    tags: row.tags,
  };
}

/** CRM accounts: what routing reads (owner, tier, value) and what supervisors and admins maintain. */
@Injectable()
export class CrmAccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: CrmAccountRepository,
    private readonly audit: CrmAuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The account facts behind each contact (a merged contact answers with its survivor's account). Every known
   * contact id is in the map; a contact without an account has all-null facts; unknown ids are absent.
   */
  async routingFacts(contactIds: string[]): Promise<Map<string, CrmRoutingFacts>> {
    return this.accounts.routingFacts([...new Set(contactIds)]);
  }

  async list(params: { limit: number; search: string | null }): Promise<CrmAccountView[]> {
    return (await this.accounts.list(params)).map(toAccountView);
  }

  async get(id: string): Promise<CrmAccountView> {
    const row = await this.accounts.findById(id);
    if (!row) throw new DomainError({ code: 'not_found', message: `No CRM account ${id}.` });
    return toAccountView(row);
  }

  async create(params: { input: CrmAccountInput; actorUserId: string }): Promise<CrmAccountView> {
    await this.assertOwnerExists(params.input.ownerUserId);
    const id = await this.dataSource.transaction(async (manager) => {
      const accountId = await this.accounts.insert(manager, { ...params.input, externalId: null });
      await this.audit.record(manager, {
        action: 'account.created',
        actor: { kind: 'user', userId: params.actorUserId },
        accountId,
        details: { name: params.input.name },
        at: this.clock.now(),
      });
      return accountId;
    });
    return this.get(id);
  }

  async update(params: { id: string; input: CrmAccountInput; actorUserId: string }): Promise<CrmAccountView> {
    await this.get(params.id);
    await this.assertOwnerExists(params.input.ownerUserId);
    await this.dataSource.transaction(async (manager) => {
      await this.accounts.update(manager, params.id, params.input);
      await this.audit.record(manager, {
        action: 'account.updated',
        actor: { kind: 'user', userId: params.actorUserId },
        accountId: params.id,
        details: { ...params.input },
        at: this.clock.now(),
      });
    });
    return this.get(params.id);
  }

  private async assertOwnerExists(ownerUserId: string | null): Promise<void> {
    if (ownerUserId !== null && !(await this.accounts.userExists(ownerUserId))) {
      throw new DomainError({ code: 'invalid', message: `ownerUserId ${ownerUserId} is not a Vigie user.` });
    }
  }
}
