import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AssignmentLogEntry,
  BulkReassignResponse,
  Role,
  RoutingConversationView,
  RoutingPriority,
  RoutingQueuePage,
} from '@vigie/contracts';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { chooseAgent, validateBulkReassignment, WorkingHours } from '@vigie/routing-core';
import { DomainEventBus } from '@vigie/server';
import { assignmentEvent, QueueDrainer } from '../queue/queue-drainer.service';
import {
  type AgentRow,
  type LogInsert,
  RoutingRepository,
  type RoutingRow,
} from '../queue/routing.repository';
import { inRoutingTransaction } from '../queue/routing-transaction';
import { SlaEscalationRepository } from '../queue/sla-escalation.repository';
import { withWorkingHours } from '../agents/agent-hours';
import { RoutingSettingsRepository } from '../settings/routing-settings.repository';
import { RequiredSkillsService } from '../skills/required-skills.service';
import { withSkillsHeld } from '../skills/skills-held';

/** Who acts: their id and role decide what they may move. */
export type Actor = { userId: string; role: Role };

export function toConversationView(row: RoutingRow): RoutingConversationView {
  return {
    conversationId: row.conversationId,
    brandId: row.brandId,
    teamId: row.teamId,
    language: row.language,
    priority: row.priority,
    priorityReasons: [...row.priorityReasons],
    waitingSince: row.waitingSince?.toISOString() ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
    dueSource: row.dueSource,
    requiredSkills: [...row.requiredSkills],
    queuedAt: row.queuedAt?.toISOString() ?? null,
    assigneeId: row.assigneeId,
    assignedAt: row.assignedAt?.toISOString() ?? null,
  };
}

function isSupervising(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'admin';
}

function label(agent: AgentRow | undefined, id: string): string {
  return agent?.name ?? id;
}

/**
 * People's routing actions: claim, transfer (to an agent or a team), unassign, and the supervisors' bulk
 * reassignment. Each locks the conversation's routing row, then the agents concerned in id order (the drain's
 * order), checks room, writes the move and its log line, and publishes after commit.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: RoutingRepository,
    private readonly escalations: SlaEscalationRepository,
    private readonly drainer: QueueDrainer,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly skills: RequiredSkillsService,
    private readonly settings: RoutingSettingsRepository,
  ) {}

  private readonly workingHours = new WorkingHours();

  async claim(params: { conversationId: string; actor: Actor }): Promise<RoutingConversationView> {
    const { actor } = params;
    return this.move(params.conversationId, actor.userId, async (manager, row, now) => {
      if (row.assigneeId === actor.userId) return null;
      if (row.assigneeId !== null) {
        throw new DomainError({
          code: 'conflict',
          message: 'Another agent holds this conversation: ask them or a supervisor to transfer it.',
          details: { reason: 'already_assigned', assigneeId: row.assigneeId },
        });
      }
      const agent = await this.agentWithRoom(manager, {
        agentId: actor.userId,
        now,
        isSelf: true,
        holderId: null,
      });
      return {
        toAgentId: agent.id,
        action: 'claimed',
        reason: 'claimed',
        explanation: `Claimed by ${agent.name} (${agent.openCount + 1}/${agent.capacity}).`,
      };
    });
  }

  async transfer(params: {
    conversationId: string;
    actor: Actor;
    target: { agentId: string } | { teamId: string };
  }): Promise<RoutingConversationView> {
    const { actor, target } = params;
    return this.move(params.conversationId, actor.userId, async (manager, row, now) => {
      this.assertMayMove(row, actor);
      if ('teamId' in target) {
        if (!(await this.routing.teamExists(manager, target.teamId))) {
          throw new DomainError({
            code: 'not_found',
            message: 'No such team.',
            details: { teamId: target.teamId },
          });
        }
        // The team's own skill rules (or its brand's) decide what the conversation now needs (docs/adr/0209).
        const requiredSkills = await this.skills.forQueue(manager, row, target.teamId);
        return {
          toAgentId: null,
          teamId: target.teamId,
          ...(requiredSkills ? { requiredSkills } : {}),
          action: 'transferred',
          reason: 'team_transfer',
          explanation:
            requiredSkills && requiredSkills.length > 0
              ? `Transferred to another team: back in the queue for that team, with the skill${requiredSkills.length === 1 ? '' : 's'} it needs: ${requiredSkills.join(', ')}.`
              : 'Transferred to another team: back in the queue for that team.',
        };
      }
      if (row.assigneeId === target.agentId) return null;
      const agent = await this.agentWithRoom(manager, {
        agentId: target.agentId,
        now,
        isSelf: false,
        holderId: row.assigneeId,
      });
      if (!row.requiredSkills.every((skill) => agent.skills.includes(skill))) {
        throw new DomainError({
          code: 'conflict',
          message: `${agent.name} lacks a skill this conversation needs.`,
          details: { reason: 'missing_skills' },
        });
      }
      return {
        toAgentId: agent.id,
        action: 'transferred',
        reason: 'transfer',
        explanation: `Transferred to ${agent.name} (${agent.openCount + 1}/${agent.capacity}).`,
      };
    });
  }

  async unassign(params: { conversationId: string; actor: Actor }): Promise<RoutingConversationView> {
    const { actor } = params;
    return this.move(params.conversationId, actor.userId, async (_manager, row) => {
      if (row.assigneeId === null) return null;
      this.assertMayMove(row, actor);
      return {
        toAgentId: null,
        action: 'unassigned',
        reason: 'unassigned',
        explanation: 'Unassigned: back in the queue.',
      };
    });
  }

  /**
   * Carries out an SLA escalation inside the caller's transaction: the SLA's escalation queue marks it applied in
   * that same transaction, so it happens once even across crashes and processes (docs/adr/0109).
   * `reassign_to_team_queue` takes the conversation from its agent back to the team's queue (the drain gives it to
   * someone with room), `raise_priority` moves it one band up with the reason shown first. A conversation routing
   * neither queues nor holds is left as it is. Returns what it did in words, the band change (for SLA's policy
   * choice) and what to announce after commit.
   */
  async applySlaEscalation(
    manager: EntityManager,
    params: { conversationId: string; action: 'raise_priority' | 'reassign_to_team_queue'; metric: string },
  ): Promise<{
    outcome: string;
    priorityChange: { brandId: string; from: RoutingPriority; to: RoutingPriority; reason: string } | null;
    afterCommit: () => void;
  }> {
    const metric = params.metric.replace(/_/g, ' ');
    const [row] = await this.routing.lockRoutings(manager, [params.conversationId]);
    const nothing = (outcome: string) => ({ outcome, priorityChange: null, afterCommit: () => undefined });
    if (!row) return nothing('neither queued nor held by an agent: nothing to do');
    if (params.action === 'raise_priority') {
      const reason = `SLA ${metric} breached (raised)`;
      const raised = await this.escalations.raisePriority(manager, {
        conversationId: params.conversationId,
        reason,
      });
      if (!raised) return nothing(`already ${row.priority}: nothing to raise`);
      return {
        outcome: `priority raised from ${row.priority} to ${raised}`,
        priorityChange: { brandId: row.brandId, from: row.priority, to: raised, reason },
        afterCommit: () => this.drainer.requestDrain(),
      };
    }
    if (!row.assigneeId) return nothing('already waiting in the queue');
    const now = this.clock.now();
    await this.routing.release(manager, {
      conversationId: params.conversationId,
      previousAgentId: row.assigneeId,
      requeueAt: now,
    });
    const entry: LogInsert = {
      conversationId: params.conversationId,
      action: 'returned',
      agentId: null,
      previousAgentId: row.assigneeId,
      teamId: row.teamId,
      reason: 'sla_escalation',
      explanation: `SLA ${metric} breached: back in the team queue.`,
      actorUserId: null,
      at: now,
    };
    await this.routing.insertLog(manager, [entry]);
    return {
      outcome: `taken from agent ${row.assigneeId} back to the team queue`,
      priorityChange: null,
      afterCommit: () => this.publish([entry]),
    };
  }

  /** A supervisor moves several conversations to one agent; each gets its own outcome (docs/adr/0201 §9). */
  async bulkReassign(params: {
    conversationIds: string[];
    targetAgentId: string;
    actor: Actor;
  }): Promise<BulkReassignResponse> {
    const now = this.clock.now();
    const { results, entries } = await inRoutingTransaction(this.dataSource, async (manager) => {
      const rows = await this.routing.lockRoutings(manager, [...new Set(params.conversationIds)]);
      const rowsById = new Map(rows.map((row) => [row.conversationId, row]));
      const agentIds = new Set([params.targetAgentId]);
      for (const row of rows) if (row.assigneeId) agentIds.add(row.assigneeId);
      const agents = await this.routing.lockAgents(manager, [...agentIds]);
      const known = [...new Set(params.conversationIds)].filter((id) => rowsById.has(id));
      const validated = validateBulkReassignment({
        conversations: known.map((id) => {
          const row = rowsById.get(id) as RoutingRow;
          return { id, assigneeId: row.assigneeId, requiredSkills: row.requiredSkills };
        }),
        targetAgentId: params.targetAgentId,
        agents,
      });
      const validatedById = new Map(validated.map((result) => [result.conversationId, result]));
      const log: LogInsert[] = [];
      const seen = new Set<string>();
      const outcomes = params.conversationIds.map((conversationId) => {
        const result = validatedById.get(conversationId);
        if (!result) {
          return {
            conversationId,
            outcome: 'rejected' as const,
            why: 'not_routed',
            explanation: 'Rejected: this conversation is neither queued nor held by an agent.',
          };
        }
        if (seen.has(conversationId)) {
          return {
            conversationId,
            outcome: 'unchanged' as const,
            why: 'duplicate',
            explanation: 'Unchanged: listed more than once.',
          };
        }
        seen.add(conversationId);
        if (result.outcome !== 'accepted') {
          return {
            conversationId,
            outcome: result.outcome,
            why: result.why,
            explanation: result.explanation,
          };
        }
        const row = rowsById.get(conversationId) as RoutingRow;
        log.push({
          conversationId,
          action: 'reassigned',
          agentId: params.targetAgentId,
          previousAgentId: row.assigneeId,
          teamId: row.teamId,
          reason: 'bulk_reassign',
          explanation: result.explanation,
          actorUserId: params.actor.userId,
          at: now,
        });
        return { conversationId, outcome: 'accepted' as const, explanation: result.explanation };
      });
      for (const entry of log) {
        if (entry.previousAgentId) await this.routing.addOpenCount(manager, entry.previousAgentId, -1);
      }
      await this.routing.applyAssignments(manager, {
        assignments: log.map((entry) => ({
          conversationId: entry.conversationId,
          agentId: params.targetAgentId,
        })),
        at: now,
      });
      await this.routing.insertLog(manager, log);
      return { results: outcomes, entries: log };
    });
    this.publish(entries);
    return { results };
  }

  async log(params: {
    conversationId?: string;
    agentId?: string;
    limit: number;
  }): Promise<AssignmentLogEntry[]> {
    const entries = await this.routing.listLog(this.dataSource.manager, params);
    return entries.map((entry) => ({
      ...assignmentEvent(entry),
      id: entry.id,
      actorUserId: entry.actorUserId,
    }));
  }

  async queue(limit: number): Promise<RoutingQueuePage> {
    const { rows, total } = await this.routing.listQueue(this.dataSource.manager, limit);
    return { items: rows.map(toConversationView), total };
  }

  /** A conversation's routing row; a queued one says why it waits (or who the next drain gives it to). */
  async get(conversationId: string): Promise<RoutingConversationView> {
    return inRoutingTransaction(this.dataSource, async (manager) => {
      const row = await this.routing.findRouting(manager, conversationId);
      if (!row) throw this.notRouted(conversationId);
      const view = toConversationView(row);
      if (row.queuedAt === null) return view;
      const queued = await this.routing.findQueued(manager, conversationId);
      if (!queued) return view;
      // The policy on every agent as they are now (not only those with room), so the reason names the real
      // obstacle: nobody on duty, nobody with the skill, everyone full.
      const agents = withWorkingHours(
        await this.routing.listAgents(manager),
        this.workingHours,
        this.clock.now(),
      );
      const [conversation] = await withSkillsHeld(manager, this.settings, [queued]);
      const decision = chooseAgent({
        conversation: conversation ?? queued,
        agents,
        policy: queued.policy,
      });
      return {
        ...view,
        waiting:
          decision.agentId === null
            ? { why: decision.why, explanation: decision.explanation }
            : { why: null, explanation: `The next drain assigns it: ${decision.explanation}` },
      };
    });
  }

  /**
   * The common shape of a person's move: lock the routing row, let `decide` check and pick the destination (an
   * agent, or the queue, optionally of another team; null leaves it as is), then lock the agents concerned in id
   * order and write the move, its counts and its log line.
   */
  private async move(
    conversationId: string,
    actorUserId: string | null,
    decide: (
      manager: EntityManager,
      row: RoutingRow,
      now: Date,
    ) => Promise<{
      toAgentId: string | null;
      teamId?: string;
      requiredSkills?: string[];
      action: LogInsert['action'];
      reason: string;
      explanation: string;
    } | null>,
  ): Promise<RoutingConversationView> {
    const now = this.clock.now();
    const { view, entry } = await inRoutingTransaction(this.dataSource, async (manager) => {
      const [row] = await this.routing.lockRoutings(manager, [conversationId]);
      if (!row) throw this.notRouted(conversationId);
      const decision = await decide(manager, row, now);
      if (!decision) return { view: toConversationView(row), entry: null };
      if (decision.toAgentId) {
        if (row.assigneeId) await this.routing.addOpenCount(manager, row.assigneeId, -1);
        await this.routing.applyAssignments(manager, {
          assignments: [{ conversationId, agentId: decision.toAgentId }],
          at: now,
        });
      } else {
        await this.routing.release(manager, {
          conversationId,
          previousAgentId: row.assigneeId,
          requeueAt: now,
          ...(decision.teamId ? { teamId: decision.teamId } : {}),
          ...(decision.requiredSkills ? { requiredSkills: decision.requiredSkills } : {}),
        });
      }
      const logEntry: LogInsert = {
        conversationId,
        action: decision.action,
        agentId: decision.toAgentId,
        previousAgentId: row.assigneeId,
        teamId: decision.teamId ?? row.teamId,
        reason: decision.reason,
        explanation: decision.explanation,
        actorUserId,
        at: now,
      };
      await this.routing.insertLog(manager, [logEntry]);
      const updated = await this.routing.findRouting(manager, conversationId);
      return { view: toConversationView(updated ?? row), entry: logEntry };
    });
    if (entry) this.publish([entry]);
    return view;
  }

  /**
   * The agent, locked, with room. Locks happen after the conversation row and in id order with any other agent
   * locked by the caller; an agent taking for themselves may be away (they are at the console), never offline.
   */
  private async agentWithRoom(
    manager: EntityManager,
    params: { agentId: string; now: Date; isSelf: boolean; holderId: string | null },
  ): Promise<AgentRow> {
    await this.routing.ensureAgents(manager, { userIds: [params.agentId], now: params.now });
    // The current holder is locked with the target, in id order, because their count moves too.
    const locked = await this.routing.lockAgents(
      manager,
      params.holderId ? [params.agentId, params.holderId] : [params.agentId],
    );
    const agent = locked.find((candidate) => candidate.id === params.agentId);
    if (!agent) {
      throw new DomainError({
        code: 'not_found',
        message: 'No such agent: conversations go to users with the agent role.',
        details: { agentId: params.agentId },
      });
    }
    if (agent.status === 'offline' && !params.isSelf) {
      throw new DomainError({
        code: 'conflict',
        message: `${label(agent, agent.id)} is offline.`,
        details: { reason: 'agent_offline' },
      });
    }
    if (agent.openCount >= agent.capacity) {
      throw new DomainError({
        code: 'conflict',
        message: `${label(agent, agent.id)} is at capacity (${agent.openCount}/${agent.capacity}).`,
        details: { reason: 'at_capacity' },
      });
    }
    return agent;
  }

  private assertMayMove(row: RoutingRow, actor: Actor): void {
    if (isSupervising(actor) || row.assigneeId === actor.userId) return;
    throw new DomainError({
      code: 'forbidden',
      message: 'Only the assigned agent or a supervisor can move this conversation.',
    });
  }

  private notRouted(conversationId: string): DomainError {
    return new DomainError({
      code: 'not_found',
      message: 'This conversation is neither queued nor held by an agent.',
      details: { conversationId },
    });
  }

  private publish(entries: LogInsert[]): void {
    for (const entry of entries) this.events.publish('conversation.assigned', assignmentEvent(entry));
    if (entries.length > 0) this.drainer.requestDrain();
  }
}
