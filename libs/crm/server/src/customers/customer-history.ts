import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerConversationView } from '@vigie/contracts';

/**
 * What the CRM needs from the domains that hold a customer's conversations and messages. The CRM sits below the
 * inbox in the domain graph and must not import it: the composition root registers a source that reads and
 * erases the inbox's rows (apps/api/src/crm/inbox-customer-history.ts).
 */
export interface CustomerHistorySource {
  readonly name: string;
  /** Every conversation of these contacts, newest activity first. */
  conversationsOf(contactIds: string[]): Promise<CustomerConversationView[]>;
  /** Everything held about these contacts, for a privacy export (JSON-serialisable). */
  exportOf(contactIds: string[]): Promise<Record<string, unknown>>;
  /** Removes personal data inside the erasure's transaction; returns what it changed, counted (for the audit). */
  erase(manager: EntityManager, contactIds: string[]): Promise<Record<string, number>>;
}

/** The registry of history sources; empty sources mean an empty history (e.g. the CRM alone in a test). */
@Injectable()
export class CustomerHistory {
  private readonly sources: CustomerHistorySource[] = [];

  register(source: CustomerHistorySource): void {
    if (this.sources.some((existing) => existing.name === source.name)) {
      throw new Error(`A customer history source named ${source.name} is already registered.`);
    }
    this.sources.push(source);
  }

  async conversationsOf(contactIds: string[]): Promise<CustomerConversationView[]> {
    const lists = await Promise.all(this.sources.map((source) => source.conversationsOf(contactIds)));
    return lists.flat().sort((left, right) => right.lastActivityAt.localeCompare(left.lastActivityAt));
  }

  async exportOf(contactIds: string[]): Promise<Record<string, unknown>> {
    const parts = await Promise.all(
      this.sources.map(async (source) => [source.name, await source.exportOf(contactIds)] as const),
    );
    return Object.fromEntries(parts);
  }

  async erase(manager: EntityManager, contactIds: string[]): Promise<Record<string, Record<string, number>>> {
    const counts: Record<string, Record<string, number>> = {};
    for (const source of this.sources) counts[source.name] = await source.erase(manager, contactIds);
    return counts;
  }
}
