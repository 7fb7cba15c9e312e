import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SlaAlert, SlaEscalated } from '@vigie/contracts';
import { CLOCK, type Clock } from '@vigie/kernel';
import { formatDuration } from '@vigie/sla-core';
import { DomainEventBus, PeriodicJob } from '@vigie/server';
import { clockLabel } from '../clocks/clock-work';
import {
  type NewSlaEvent,
  SlaClockRepository,
  type StoredClock,
  type TakenDueEvent,
} from '../clocks/sla-clock.repository';
import { SlaUpdatePublisher } from '../clocks/sla-update.publisher';
import { SlaPolicyCatalog } from '../policies/sla-policy.catalog';
import { type NewSlaEscalation, SlaEscalationRepository } from '../escalations/sla-escalation.repository';
import { SlaAlertAudience } from './sla-alert-audience';
import { SlaAlertFilter } from './sla-alert-filter';

export type SlaSchedulerOptions = { intervalMs: number; batchSize: number };
export const SLA_SCHEDULER_OPTIONS = Symbol('SLA_SCHEDULER_OPTIONS');
export const defaultSlaSchedulerOptions: SlaSchedulerOptions = { intervalMs: 1000, batchSize: 500 };

type TickBatch = {
  alerts: SlaAlert[];
  escalations: SlaEscalated[];
  /** Queued in the tick's transaction, with the breach (docs/adr/0109). */
  queued: NewSlaEscalation[];
  breachedConversationIds: string[];
};

/**
 * The durable SLA scheduler (docs/adr/0104-durable-sla-scheduler.md). Due times live in `sla_due_event`,
 * indexed by `due_at`; every process polls it and takes what became due with `FOR UPDATE SKIP LOCKED`,
 * deleting the rows in the transaction that records the warning or breach. A row is taken by exactly one
 * transaction, so each alert is recorded once however many processes run, and one that was due while every
 * process was down fires at the next start. Alerts of a tick are digested per audience: one socket message.
 */
@Injectable()
export class SlaScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clocks: SlaClockRepository,
    private readonly catalog: SlaPolicyCatalog,
    private readonly audience: SlaAlertAudience,
    private readonly updates: SlaUpdatePublisher,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SLA_SCHEDULER_OPTIONS) private readonly options: SlaSchedulerOptions,
    private readonly escalationQueue: SlaEscalationRepository,
    // Without registered sources (standalone runs, benchmarks) nothing is held back.
    @Optional() private readonly alertFilter: SlaAlertFilter = new SlaAlertFilter(),
  ) {
    this.job = new PeriodicJob({
      name: 'SlaScheduler',
      intervalMs: options.intervalMs,
      work: () => this.drain(),
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Fires everything due now; returns how many alerts were recorded. One run at a time (PeriodicJob). */
  tick(): Promise<number> {
    return this.job.run();
  }

  private async drain(): Promise<number> {
    let fired = 0;
    for (;;) {
      const now = this.clock.now();
      let taken = 0;
      const batch = await this.dataSource.transaction(async (manager) => {
        const due = await this.clocks.takeDue(manager, { now, limit: this.options.batchSize });
        taken = due.length;
        return this.fire(manager, due, now);
      });
      this.publish(batch);
      fired += batch.alerts.length;
      if (taken < this.options.batchSize) return fired;
    }
  }

  private async fire(manager: EntityManager, due: TakenDueEvent[], now: Date): Promise<TickBatch> {
    const batch: TickBatch = { alerts: [], escalations: [], queued: [], breachedConversationIds: [] };
    if (due.length === 0) return batch;
    const conversationIds = [...new Set(due.map((event) => event.conversationId))];
    // Locked already by the take (only the clocks of taken rows; the others are not read for update).
    const clocks = await this.clocks.findByConversations(manager, conversationIds);
    const byKey = new Map(
      clocks.map((clock) => [`${clock.conversationId}:${clock.clock}:${clock.metric}`, clock]),
    );
    const breached: StoredClock[] = [];
    const log: NewSlaEvent[] = [];
    for (const event of due) {
      const clock = byKey.get(`${event.conversationId}:${event.clock}:${event.metric}`);
      // A stale row (the clock was answered, paused or rescheduled since) is simply dropped.
      if (!clock || clock.generation !== event.generation || clock.status !== 'running') continue;
      if (event.kind === 'breach' && clock.breachedAt) continue;
      const dueAt = clock.dueAt ?? event.dueAt;
      batch.alerts.push({
        conversationId: clock.conversationId,
        clock: clock.clock,
        metric: clock.metric,
        kind: event.kind,
        fraction: event.fraction,
        dueAt: dueAt.toISOString(),
        at: event.dueAt.toISOString(),
      });
      const percent = Math.round(event.fraction * 100);
      const when = event.dueAt.toISOString();
      log.push({
        conversationId: clock.conversationId,
        clock: clock.clock,
        metric: clock.metric,
        kind: event.kind === 'breach' ? 'breached' : 'warned',
        at: event.dueAt,
        dueAt,
        detail:
          event.kind === 'breach'
            ? `${clockLabel(clock)} breached: the target of ${formatDuration(clock.targetMs)} ran out at ${when}`
            : `${clockLabel(clock)} warned: ${percent}% of the ${formatDuration(clock.targetMs)} target used at ${when}; due ${dueAt.toISOString()}`,
      });
      if (event.kind !== 'breach') continue;
      breached.push(clock);
      batch.breachedConversationIds.push(clock.conversationId);
      if (clock.clock === 'contract') await this.escalate(manager, { clock, at: event.dueAt, batch, log });
    }
    await this.clocks.markBreached(manager, { clocks: breached, at: now });
    await this.clocks.appendEvents(manager, log);
    await this.escalationQueue.enqueue(manager, { escalations: batch.queued, at: now });
    // Covered conversations (an open incident's) leave the individual breach board: recorded, not alerted.
    const covered = await this.alertFilter.coveredConversationIds(manager, conversationIds);
    batch.alerts = batch.alerts.filter((alert) => !covered.has(alert.conversationId));
    return batch;
  }

  /**
   * Escalation rules of the clock's policy: each non-notify action is logged and queued, in this transaction, for
   * the domain that carries it out (routing, through `SlaEscalationDispatcher`): a crash after the commit loses
   * nothing, and the dispatcher applies it once.
   */
  private async escalate(
    manager: EntityManager,
    params: { clock: StoredClock; at: Date; batch: TickBatch; log: NewSlaEvent[] },
  ): Promise<void> {
    const policy = await this.catalog.byId(manager, params.clock.policyId);
    for (const action of policy.spec.escalation) {
      if (action === 'notify') continue;
      params.batch.escalations.push({
        conversationId: params.clock.conversationId,
        action,
        metric: params.clock.metric,
        at: params.at.toISOString(),
      });
      params.batch.queued.push({
        conversationId: params.clock.conversationId,
        clock: params.clock.clock,
        metric: params.clock.metric,
        action,
        policyName: policy.name,
        breachedAt: params.at,
      });
      params.log.push({
        conversationId: params.clock.conversationId,
        clock: params.clock.clock,
        metric: params.clock.metric,
        kind: 'escalated',
        at: params.at,
        dueAt: params.clock.dueAt,
        detail: `${clockLabel(params.clock)} escalated: ${action.replace(/_/g, ' ')} (policy "${policy.name}"), queued for routing`,
      });
    }
  }

  private publish(batch: TickBatch): void {
    for (const kind of ['warning', 'breach'] as const) {
      const groups = new Map<string, { audience: string[]; alerts: SlaAlert[] }>();
      for (const alert of batch.alerts.filter((item) => item.kind === kind)) {
        const audience = this.audience.roomsFor(alert);
        const key = [...audience].sort().join(',');
        const group = groups.get(key) ?? { audience, alerts: [] };
        group.alerts.push(alert);
        groups.set(key, group);
      }
      for (const group of groups.values())
        this.events.publish(kind === 'warning' ? 'sla.warning' : 'sla.breached', group);
    }
    // A nudge: the queue, not this event, is what gets the escalation carried out.
    for (const escalation of batch.escalations) this.events.publish('sla.escalated', escalation);
    if (batch.breachedConversationIds.length > 0)
      void this.updates.publish([...new Set(batch.breachedConversationIds)]);
  }
}
