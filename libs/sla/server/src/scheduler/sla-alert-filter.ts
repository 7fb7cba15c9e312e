import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Says which of these conversations another domain covers (in the scheduler's transaction). */
export type SlaCoverageSource = (
  manager: EntityManager,
  conversationIds: readonly string[],
) => Promise<ReadonlySet<string>>;

/**
 * Conversations whose warnings and breaches stay off the individual breach board (`sla.warning`,
 * `sla.breached`) because something else answers for them: while an incident is open, its own SLA stands for
 * its linked conversations (docs/spikes.md). Clocks still run and warnings and breaches are still recorded in
 * the log; only the alerts are held back. Sources are registered from the composition root (the SLA domain
 * imports no other domain).
 */
@Injectable()
export class SlaAlertFilter {
  private readonly sources: SlaCoverageSource[] = [];

  register(source: SlaCoverageSource): void {
    this.sources.push(source);
  }

  async coveredConversationIds(
    manager: EntityManager,
    conversationIds: readonly string[],
  ): Promise<Set<string>> {
    const covered = new Set<string>();
    if (conversationIds.length === 0) return covered;
    for (const source of this.sources)
      for (const id of await source(manager, conversationIds)) covered.add(id);
    return covered;
  }
}
