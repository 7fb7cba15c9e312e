import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AgentPresenceChanged,
  AgentStatusChanged,
  RoutingAgentStatus,
  RoutingAgentView,
} from '@vigie/contracts';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { conversationsToReturn, defaultOfflineGraceMs, WorkingHours } from '@vigie/routing-core';
import { DomainEventBus } from '@vigie/server';
import { assignmentEvent, QueueDrainer } from '../queue/queue-drainer.service';
import { AgentChoiceRepository } from './agent-choice.repository';
import { hoursView } from './agent-hours';
import { type AgentRow, type LogInsert, RoutingRepository } from '../queue/routing.repository';
import { inRoutingTransaction } from '../queue/routing-transaction';

/** An online agent with no activity (REST action, answer, socket arrival) for this long becomes away. */
export const inactivityAwayMs = 15 * 60_000;
const returnBatchSize = 200;

/** An agent as the REST API shows them; with `hours` (the agent's hours at an instant) when known. */
export function toAgentView(agent: AgentRow, hours?: ReturnType<typeof hoursView>): RoutingAgentView {
  return {
    userId: agent.id,
    displayName: agent.name,
    status: agent.status,
    statusSince: agent.statusSince.toISOString(),
    capacity: agent.capacity,
    openCount: agent.openCount,
    languages: [...agent.languages],
    skills: [...agent.skills],
    teamIds: [...agent.teamIds],
    lastAssignedAt: agent.lastAssignedAt?.toISOString() ?? null,
    hours: agent.hours.own,
    ...(hours ?? {}),
  };
}

/**
 * Agents' routing status and capacity: from socket presence (first socket online, last socket offline), from the
 * agent (online/away/offline), from supervisors (capacity), and from the sweeps (away after inactivity, and the
 * offline return of unanswered conversations after the grace period). Every change that can make room drains.
 */
@Injectable()
export class AgentStatusService {
  private readonly workingHours = new WorkingHours();

  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: RoutingRepository,
    private readonly choices: AgentChoiceRepository,
    private readonly drainer: QueueDrainer,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onPresence(presence: AgentPresenceChanged): Promise<void> {
    if (presence.role !== 'agent') return;
    const now = this.clock.now();
    const agent = await inRoutingTransaction(this.dataSource, async (manager) => {
      await this.routing.ensureAgents(manager, { userIds: [presence.userId], now });
      const [current] = await this.routing.lockAgents(manager, [presence.userId]);
      if (!current) return null;
      // A socket arriving brings an offline agent back to what they last chose (online unless they said away or
      // offline: a reload must not undo "away"); the last socket leaving makes them offline.
      const chosen =
        presence.status === 'offline' ? null : await this.choices.chosen(manager, presence.userId);
      const status: RoutingAgentStatus | null =
        presence.status === 'offline'
          ? current.status === 'offline'
            ? null
            : 'offline'
          : current.status === 'offline' && chosen !== 'offline'
            ? (chosen ?? 'online')
            : null;
      await this.routing.updateAgent(manager, {
        userId: presence.userId,
        ...(status ? { status } : {}),
        now,
        isActivity: presence.status !== 'offline',
      });
      return status ? this.reload(manager, presence.userId) : null;
    });
    if (agent) this.announce(agent, 'presence');
  }

  setStatus(params: {
    userId: string;
    status: RoutingAgentStatus;
    source: AgentStatusChanged['source'];
  }): Promise<RoutingAgentView> {
    return this.updateProfile({
      userId: params.userId,
      changes: { status: params.status },
      isActivity: true,
      source: params.source,
    });
  }

  setCapacity(params: { userId: string; capacity: number }): Promise<RoutingAgentView> {
    return this.updateProfile({
      userId: params.userId,
      changes: { capacity: params.capacity },
      isActivity: false,
      source: 'supervisor',
    });
  }

  private async updateProfile(params: {
    userId: string;
    changes: { status?: RoutingAgentStatus; capacity?: number };
    isActivity: boolean;
    source: AgentStatusChanged['source'];
  }): Promise<RoutingAgentView> {
    const now = this.clock.now();
    const agent = await inRoutingTransaction(this.dataSource, async (manager) => {
      await this.routing.ensureAgents(manager, { userIds: [params.userId], now });
      await this.lockKnown(manager, params.userId);
      await this.routing.updateAgent(manager, {
        userId: params.userId,
        ...params.changes,
        now,
        isActivity: params.isActivity,
      });
      if (params.changes.status && params.source === 'agent')
        await this.choices.remember(manager, { userId: params.userId, status: params.changes.status });
      return this.reload(manager, params.userId);
    });
    this.announce(agent, params.source);
    return this.view(agent);
  }

  async list(): Promise<RoutingAgentView[]> {
    return (await this.routing.listAgents(this.dataSource.manager)).map((agent) => this.view(agent));
  }

  /** One agent's view now, with their working hours (404 without a routing profile). */
  async get(userId: string): Promise<RoutingAgentView> {
    const [agent] = await inRoutingTransaction(this.dataSource, (manager) =>
      this.routing.lockAgents(manager, [userId]),
    );
    if (!agent) {
      throw new DomainError({
        code: 'not_found',
        message: 'No such agent: routing profiles exist for users with the agent role.',
        details: { userId },
      });
    }
    return this.view(agent);
  }

  private view(agent: AgentRow): RoutingAgentView {
    return toAgentView(agent, hoursView(agent, this.workingHours, this.clock.now()));
  }

  /**
   * The durable timers, run on an interval by every process (idempotent, row-locked): online agents idle for
   * {@link inactivityAwayMs} become away; conversations awaiting a reply held by an agent offline for the grace
   * period (or no longer active) return to the queue. Both read their deadlines from the database, so a restart
   * loses nothing.
   */
  async sweep(params: { graceMs?: number } = {}): Promise<{ markedAway: number; returned: number }> {
    const graceMs = params.graceMs ?? defaultOfflineGraceMs;
    const now = this.clock.now();
    const awayIds = await inRoutingTransaction(this.dataSource, (manager) =>
      this.routing.markIdleAway(manager, { idleBefore: new Date(now.getTime() - inactivityAwayMs), now }),
    );
    if (awayIds.length > 0) {
      const agents = await inRoutingTransaction(this.dataSource, (manager) =>
        this.routing.lockAgents(manager, awayIds),
      );
      for (const agent of agents) this.announce(agent, 'inactivity');
    }
    let returned = 0;
    for (;;) {
      const entries = await inRoutingTransaction(this.dataSource, async (manager) => {
        const held = await this.routing.heldByAbsentAgents(manager, {
          offlineBefore: new Date(now.getTime() - graceMs),
          limit: returnBatchSize,
        });
        if (held.length === 0) return [];
        const rows = await this.routing.lockRoutings(
          manager,
          held.map((conversation) => conversation.conversationId),
        );
        const assigneeIds = [...new Set(rows.flatMap((row) => (row.assigneeId ? [row.assigneeId] : [])))];
        const agents = await this.routing.lockAgents(manager, assigneeIds);
        const toReturn = conversationsToReturn({
          conversations: rows.flatMap((row) =>
            row.assigneeId
              ? [{ id: row.conversationId, assigneeId: row.assigneeId, waitingSince: row.waitingSince }]
              : [],
          ),
          agents,
          now,
          graceMs,
        });
        const log: LogInsert[] = [];
        for (const decision of toReturn) {
          const row = rows.find((candidate) => candidate.conversationId === decision.conversationId);
          await this.routing.release(manager, {
            conversationId: decision.conversationId,
            previousAgentId: decision.agentId,
            requeueAt: now,
          });
          log.push({
            conversationId: decision.conversationId,
            action: 'returned',
            agentId: null,
            previousAgentId: decision.agentId,
            teamId: row?.teamId ?? null,
            reason: decision.why,
            explanation: decision.explanation,
            actorUserId: null,
            at: now,
          });
        }
        await this.routing.insertLog(manager, log);
        return log;
      });
      for (const entry of entries) this.events.publish('conversation.assigned', assignmentEvent(entry));
      returned += entries.length;
      if (entries.length < returnBatchSize) break;
    }
    if (returned > 0) this.drainer.requestDrain();
    return { markedAway: awayIds.length, returned };
  }

  private async lockKnown(manager: EntityManager, userId: string): Promise<AgentRow> {
    const [agent] = await this.routing.lockAgents(manager, [userId]);
    if (!agent) {
      throw new DomainError({
        code: 'not_found',
        message: 'No such agent: routing profiles exist for users with the agent role.',
        details: { userId },
      });
    }
    return agent;
  }

  private async reload(manager: EntityManager, userId: string): Promise<AgentRow> {
    const [agent] = await this.routing.lockAgents(manager, [userId]);
    if (!agent) throw new Error(`Routing profile ${userId} vanished inside its own transaction`);
    return agent;
  }

  /** After commit: consoles hear it, and an agent with room may take queued conversations. */
  private announce(agent: AgentRow, source: AgentStatusChanged['source']): void {
    this.events.publish('agent.status.changed', {
      userId: agent.id,
      status: agent.status,
      capacity: agent.capacity,
      openCount: agent.openCount,
      source,
      at: this.clock.now().toISOString(),
    });
    if (agent.status === 'online' && agent.openCount < agent.capacity) this.drainer.requestDrain();
  }
}
