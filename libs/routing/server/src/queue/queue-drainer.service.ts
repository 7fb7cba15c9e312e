import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConversationAssigned } from '@vigie/contracts';
import { CLOCK, type Clock } from '@vigie/kernel';
import { type ConversationActivity, ConversationParticipants } from '@vigie/inbox-server';
import { drainQueue, WorkingHours } from '@vigie/routing-core';
import { DomainEventBus } from '@vigie/server';
import {
  CRM_ROUTING_FACTS,
  type CrmRoutingFacts,
  type CrmRoutingFactsSource,
} from '../crm/crm-routing-facts';
import { withWorkingHours } from '../agents/agent-hours';
import { RoutingSettingsRepository } from '../settings/routing-settings.repository';
import { withSkillsHeld } from '../skills/skills-held';
import { DueTimes } from './due-times';
import { provisionalDueAt, routingPriority } from './routing-priority';
import { type LogInsert, type QueueKey, RoutingRepository } from './routing.repository';
import { inRoutingTransaction } from './routing-transaction';

/** Queued conversations decided per transaction: big enough to amortise the agent locks, small enough to keep them short. */
export const drainPageSize = 500;
const minimumPageSize = 50;
const crmBatchSize = 500;

export type DrainReport = { assigned: number; queued: number };

/** The log entry and event of an assignment decided by the drain or by a person. */
export function assignmentEvent(entry: LogInsert): ConversationAssigned {
  return {
    conversationId: entry.conversationId,
    action: entry.action,
    agentId: entry.agentId,
    previousAgentId: entry.previousAgentId,
    teamId: entry.teamId,
    reason: entry.reason,
    explanation: entry.explanation,
    at: entry.at.toISOString(),
  };
}

/**
 * Assigns queued conversations after commit, safely from any number of processes at once (docs/adr/0203):
 * each page of the queue is locked with `FOR UPDATE SKIP LOCKED` (two processes never decide the same
 * conversation), the agents who have room are locked in id order (two processes never fill the same room),
 * `drainQueue` decides on those locked snapshots, and the page is written and committed before the next.
 * The whole queue is walked, so a conversation nobody could take does not hide one behind it that someone can.
 */
@Injectable()
export class QueueDrainer {
  private readonly logger = new Logger('QueueDrainer');
  private running: Promise<DrainReport> | null = null;
  private isRerunWanted = false;
  private scheduled: NodeJS.Timeout | null = null;
  private isStopped = false;
  /** Agents' calendars, compiled once each (docs/adr/0207). */
  private readonly workingHours = new WorkingHours();

  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: RoutingRepository,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(CRM_ROUTING_FACTS) private readonly crm: CrmRoutingFactsSource | null,
    /** Told of priorities the CRM facts change, in the same transaction (SLA re-chooses the policy). */
    @Optional()
    @Inject(ConversationParticipants)
    private readonly participants: ConversationParticipants | null = null,
    /** The SLA due times of queued rows, read before each pass (docs/adr/0208); none: provisional due times. */
    @Optional() @Inject(DueTimes) private readonly dueTimes: DueTimes | null = null,
    @Optional() private readonly settings: RoutingSettingsRepository = new RoutingSettingsRepository(),
  ) {}

  /** Asks for a drain soon; requests coalesce, and one arriving during a drain runs another right after it. */
  requestDrain(delayMs = 20): void {
    if (this.isStopped || this.scheduled) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = null;
      this.drain().catch((error: unknown) => this.logger.error({ err: error }, 'Queue drain failed'));
    }, delayMs);
    this.scheduled.unref();
  }

  stop(): void {
    this.isStopped = true;
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = null;
  }

  /** Drains now (or joins the running drain and runs once more after it), resolving when the queue is settled. */
  async drain(): Promise<DrainReport> {
    if (this.running) {
      this.isRerunWanted = true;
      return this.running;
    }
    this.running = (async () => {
      let total: DrainReport = { assigned: 0, queued: 0 };
      try {
        do {
          this.isRerunWanted = false;
          const report = await this.drainOnce();
          total = { assigned: total.assigned + report.assigned, queued: report.queued };
        } while (this.isRerunWanted && !this.isStopped);
      } finally {
        this.running = null;
      }
      return total;
    })();
    return this.running;
  }

  /** One full pass: refresh CRM facts and SLA due times of changed rows, then walk the queue page by page. */
  async drainOnce(): Promise<DrainReport> {
    await this.refreshCrmFacts();
    await this.dueTimes?.refresh();
    let after: QueueKey | null = null;
    let assigned = 0;
    const published: LogInsert[] = [];
    for (;;) {
      const page = await inRoutingTransaction(this.dataSource, async (manager) => {
        // Nobody has room: nothing to lock. Otherwise lock only a page in proportion to the room: a drain
        // locking rows it cannot assign would only make the other processes' drains skip them.
        const room = await this.routing.freeRoom(manager);
        if (room === 0) return null;
        const limit = Math.min(drainPageSize, Math.max(minimumPageSize, room * 2));
        const queue = await this.routing.lockQueuePage(manager, { limit, after });
        if (queue.length === 0) return null;
        const last = queue[queue.length - 1];
        const now = this.clock.now();
        const locked = await this.routing.lockAvailableAgents(manager);
        if (locked.length === 0)
          return { last: last?.key ?? null, entries: [], waiting: queue.length, hasRoom: false };
        // Hours at this instant (an agent online outside their hours keeps their room but takes nothing new).
        const agents = withWorkingHours(locked, this.workingHours, now);
        const policies = new Map(queue.map((conversation) => [conversation.id, conversation.policy]));
        const result = drainQueue({
          queue: await withSkillsHeld(manager, this.settings, queue),
          agents,
          policyFor: (conversation) => policies.get(conversation.id) ?? 'round_robin',
          now,
        });
        const teams = new Map(queue.map((conversation) => [conversation.id, conversation.teamId]));
        const entries: LogInsert[] = result.assignments.map((assignment) => ({
          conversationId: assignment.conversationId,
          action: 'assigned',
          agentId: assignment.agentId,
          previousAgentId: null,
          teamId: teams.get(assignment.conversationId) ?? null,
          reason: assignment.reason,
          explanation: assignment.explanation,
          actorUserId: null,
          at: now,
        }));
        await this.routing.applyAssignments(manager, { assignments: result.assignments, at: now });
        await this.routing.insertLog(manager, entries);
        const hasRoom = result.agents.some((agent) => agent.openCount < agent.capacity);
        return { last: last?.key ?? null, entries, waiting: result.stillQueued.length, hasRoom };
      });
      if (!page) break;
      assigned += page.entries.length;
      published.push(...page.entries);
      for (const entry of page.entries) this.events.publish('conversation.assigned', assignmentEvent(entry));
      // Nobody has room left: the rest of the queue cannot be assigned now; the next release drains again.
      if (!page.hasRoom || page.last === null) break;
      after = page.last;
    }
    // Reads run in transactions too: on a PGlite socket shared by several connections, only a transaction keeps
    // one connection's extended-protocol messages together (docs/adr/0203).
    const queued = await inRoutingTransaction(this.dataSource, (manager) =>
      this.routing.countQueued(manager),
    );
    if (published.length > 0)
      this.events.publish('queue.changed', { queued, at: this.clock.now().toISOString() });
    return { assigned, queued };
  }

  /**
   * Reads the CRM facts (account owner, tier, value) of queued conversations that changed since they were last
   * read, then saves them and the refined priority. The CRM reads on its own connection, so it is asked before
   * the rows are locked: on the embedded database (one connection) it would otherwise wait for this transaction.
   */
  private async refreshCrmFacts(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const candidates = await inRoutingTransaction(this.dataSource, (manager) =>
        this.routing.listUncheckedForCrm(manager, crmBatchSize),
      );
      if (candidates.length === 0) return;
      const facts = this.crm
        ? await this.crm.routingFacts(candidates.map((row) => row.contactId))
        : new Map<string, CrmRoutingFacts>();
      await inRoutingTransaction(this.dataSource, async (manager) => {
        const rows = await this.routing.lockUncheckedForCrm(
          manager,
          candidates.map((row) => row.conversationId),
        );
        const updates = rows.map((row) => {
          const fact = facts.get(row.contactId) ?? null;
          // The priority's SLA signal uses the customer's promise, as when it was enqueued: the SLA's own due time
          // (which orders the queue) must not move a priority up or down.
          const priority = routingPriority({
            signals: row.prioritySignals,
            facts: fact,
            dueAt: provisionalDueAt(row.waitingSince),
          });
          return {
            conversationId: row.conversationId,
            accountOwnerId: fact?.ownerUserId ?? null,
            priority: priority.priority,
            score: priority.score,
            reasons: priority.reasons,
          };
        });
        await this.routing.saveCrmFacts(manager, updates);
        const now = this.clock.now();
        const changed: ConversationActivity[] = rows.flatMap((row, index) => {
          const update = updates[index];
          return update && update.priority !== row.priority
            ? [
                {
                  kind: 'priority_changed' as const,
                  conversationId: row.conversationId,
                  brandId: row.brandId,
                  priority: update.priority,
                  previousPriority: row.priority,
                  reason: `recomputed with the CRM account: ${update.reasons.join(', ') || 'no signal left'}`,
                  userId: null,
                  at: now,
                },
              ]
            : [];
        });
        if (this.participants) await this.participants.notify(manager, changed);
      });
      if (candidates.length < crmBatchSize) return;
    }
  }
}
