import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { requiredSkillsFor, type RoutingFacts } from '@vigie/routing-core';
import { QueueDrainer } from '../queue/queue-drainer.service';
import { RoutingRepository, type RoutingRow } from '../queue/routing.repository';
import { inRoutingTransaction } from '../queue/routing-transaction';
import { RoutingSettingsRepository, skillPolicyFor } from '../settings/routing-settings.repository';

const recomputePageSize = 200;
const startOfIds = '00000000-0000-0000-0000-000000000000';

const sameSkills = (left: readonly string[], right: readonly string[]) =>
  left.length === right.length && left.every((skill, index) => skill === right[index]);

/**
 * Required skills after the enqueue (which the participant computes in the recording transaction): when a
 * conversation moves to another team's queue, when its tags change, and when a brand's or team's rules change
 * (docs/adr/0209). Rows routed before skill rules existed have no facts and keep their skills.
 */
@Injectable()
export class RequiredSkillsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: RoutingRepository,
    private readonly settings: RoutingSettingsRepository,
    private readonly drainer: QueueDrainer,
  ) {}

  /**
   * In the caller's transaction (the row is locked): the skills the policy of `teamId`'s queue requires of this
   * conversation, or null when its facts are unknown (then it keeps its skills).
   */
  async forQueue(manager: EntityManager, row: RoutingRow, teamId: string | null): Promise<string[] | null> {
    if (!row.routingFacts) return null;
    const policies = await this.settings.skillPolicies(manager, {
      brandIds: [row.brandId],
      teamIds: teamId ? [teamId] : [],
    });
    const policy = skillPolicyFor(policies, { brandId: row.brandId, teamId });
    return requiredSkillsFor({ rules: policy.rules, facts: row.routingFacts }).skills;
  }

  /** The conversation's tags changed (an agent tagged it): its facts and skills follow. */
  async onTagsChanged(params: { conversationId: string; tags: readonly string[] }): Promise<void> {
    const isQueuedChange = await inRoutingTransaction(this.dataSource, async (manager) => {
      const [row] = await this.routing.lockRoutings(manager, [params.conversationId]);
      if (!row?.routingFacts) return false;
      const facts: RoutingFacts = { ...row.routingFacts, tags: [...params.tags] };
      const changed = await this.rewrite(manager, [{ row, facts }]);
      return changed > 0 && row.queuedAt !== null;
    });
    if (isQueuedChange) this.drainer.requestDrain();
  }

  /**
   * Applies a brand's or a team's new rules to the conversations they govern, a page at a time (each page its own
   * short transaction, rows locked in id order). Returns how many changed; a drain follows when any did.
   */
  async recompute(scope: { brandId: string } | { teamId: string }): Promise<number> {
    let afterId = startOfIds;
    let changed = 0;
    for (;;) {
      const page = await inRoutingTransaction(this.dataSource, async (manager) => {
        const rows = await this.routing.lockRoutedForRules(manager, {
          scope,
          afterId,
          limit: recomputePageSize,
        });
        const withFacts = rows.flatMap((row) => (row.routingFacts ? [{ row, facts: row.routingFacts }] : []));
        return {
          count: rows.length,
          last: rows[rows.length - 1],
          changed: await this.rewrite(manager, withFacts),
        };
      });
      changed += page.changed;
      if (page.count < recomputePageSize || !page.last) break;
      afterId = page.last.conversationId;
    }
    if (changed > 0) this.drainer.requestDrain();
    return changed;
  }

  /** Recomputes and writes the skills (and facts) of locked rows that changed. */
  private async rewrite(
    manager: EntityManager,
    rows: { row: RoutingRow; facts: RoutingFacts }[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const policies = await this.settings.skillPolicies(manager, {
      brandIds: [...new Set(rows.map(({ row }) => row.brandId))],
      teamIds: [...new Set(rows.flatMap(({ row }) => (row.teamId ? [row.teamId] : [])))],
    });
    const updates = rows.flatMap(({ row, facts }) => {
      const policy = skillPolicyFor(policies, row);
      const skills = requiredSkillsFor({ rules: policy.rules, facts }).skills;
      const isSame =
        sameSkills(skills, row.requiredSkills) && JSON.stringify(facts) === JSON.stringify(row.routingFacts);
      return isSame
        ? []
        : [{ conversationId: row.conversationId, routingFacts: facts, requiredSkills: skills }];
    });
    await this.routing.setSkills(manager, updates);
    return updates.length;
  }
}
