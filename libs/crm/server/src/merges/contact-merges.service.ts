import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ContactMergeView } from '@vigie/contracts';
import { type Clock, CLOCK, DomainError } from '@vigie/kernel';
import { DomainEventBus } from '@vigie/server';
import { CrmAuditRepository } from '../audit/crm-audit.repository';
import { ContactRepository } from '../contacts/contact.repository';
import { ContactMergeRepository, type ContactMergeRow } from './contact-merge.repository';
import { planMerge, planUndo } from './merge-plan';

export function toMergeView(row: ContactMergeRow): ContactMergeView {
  return {
    id: row.id,
    survivorId: row.survivorId,
    mergedId: row.mergedId,
    mergedByUserId: row.mergedByUserId,
    mergedAt: row.mergedAt.toISOString(),
    undoneAt: row.undoneAt?.toISOString() ?? null,
  };
}

/**
 * Merging duplicate contacts, reversibly (docs/adr/0301-reversible-merge-by-alias.md): the merged contact
 * becomes an alias of the survivor; no conversation, message, identity or note changes hands, so contact ids
 * stay stable for the inbox and undo restores exactly the state before the merge.
 */
@Injectable()
export class ContactMergesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactRepository,
    private readonly merges: ContactMergeRepository,
    private readonly audit: CrmAuditRepository,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async merge(params: {
    survivorId: string;
    mergedId: string;
    actorUserId: string;
  }): Promise<ContactMergeView> {
    const merge = await this.dataSource.transaction(async (manager) => {
      // Both rows locked in id order: concurrent merges of the same contacts run one after the other, and the
      // second sees the first one's alias (409) instead of building a cycle.
      const locked = await this.contacts.lockMany(manager, [params.survivorId, params.mergedId]);
      const survivor = locked.get(params.survivorId);
      const merged = locked.get(params.mergedId);
      if (!survivor || !merged) {
        throw new DomainError({
          code: 'not_found',
          message: `No contact ${survivor ? params.mergedId : params.survivorId}.`,
        });
      }
      const changes = planMerge({ survivor, merged });
      const at = this.clock.now();
      await this.contacts.update(manager, survivor.id, changes.after);
      await this.contacts.update(manager, merged.id, { mergedIntoId: survivor.id });
      const id = await this.merges.insert(manager, {
        survivorId: survivor.id,
        mergedId: merged.id,
        userId: params.actorUserId,
        changes,
        at,
      });
      await this.audit.record(manager, {
        action: 'contact.merged',
        actor: { kind: 'user', userId: params.actorUserId },
        contactId: survivor.id,
        details: { mergeId: id, mergedId: merged.id, survivorChanges: changes },
        at,
      });
      return { id, survivorId: survivor.id, mergedId: merged.id, at };
    });
    this.events.publish('contact.merged', {
      mergeId: merge.id,
      survivorId: merge.survivorId,
      mergedId: merge.mergedId,
    });
    return {
      id: merge.id,
      survivorId: merge.survivorId,
      mergedId: merge.mergedId,
      mergedByUserId: params.actorUserId,
      mergedAt: merge.at.toISOString(),
      undoneAt: null,
    };
  }

  async undo(params: { mergeId: string; actorUserId: string }): Promise<ContactMergeView> {
    const undone = await this.dataSource.transaction(async (manager) => {
      const merge = await this.merges.lock(manager, params.mergeId);
      if (!merge) throw new DomainError({ code: 'not_found', message: `No merge ${params.mergeId}.` });
      if (merge.undoneAt !== null) {
        throw new DomainError({
          code: 'conflict',
          message: `Merge ${merge.id} was already undone.`,
          details: { reason: 'already_undone' },
        });
      }
      const locked = await this.contacts.lockMany(manager, [merge.survivorId, merge.mergedId]);
      const survivor = locked.get(merge.survivorId);
      const merged = locked.get(merge.mergedId);
      if (!survivor || !merged || merged.erasedAt !== null || survivor.erasedAt !== null) {
        throw new DomainError({
          code: 'conflict',
          message: 'The contacts of this merge were erased since; it cannot be undone.',
          details: { reason: 'erased' },
        });
      }
      const at = this.clock.now();
      await this.contacts.update(
        manager,
        survivor.id,
        planUndo({ survivorNow: survivor, changes: merge.survivorChanges }),
      );
      await this.contacts.update(manager, merged.id, { mergedIntoId: null });
      await this.merges.markUndone(manager, { id: merge.id, userId: params.actorUserId, at });
      await this.audit.record(manager, {
        action: 'contact.merge_undone',
        actor: { kind: 'user', userId: params.actorUserId },
        contactId: survivor.id,
        details: { mergeId: merge.id, mergedId: merged.id },
        at,
      });
      return { ...merge, undoneAt: at };
    });
    this.events.publish('contact.merge_undone', {
      mergeId: undone.id,
      survivorId: undone.survivorId,
      mergedId: undone.mergedId,
    });
    return toMergeView(undone);
  }
}
