import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@vigie/kernel';
import { PeriodicJob } from '@vigie/server';
import { clockLabel } from '../clocks/clock-work';
import { SlaClockRepository } from '../clocks/sla-clock.repository';
import { type PendingSlaEscalation, SlaEscalationRepository } from './sla-escalation.repository';

/**
 * The domain that carries out escalations (routing; the composition root registers it). `apply` runs inside the
 * dispatcher's transaction and must write only through `manager`: the escalation is marked applied in that same
 * transaction, so its effect and its mark commit together or not at all. `afterCommit` announces it.
 */
export interface SlaEscalationConsumer {
  readonly name: string;
  apply(
    manager: EntityManager,
    escalation: PendingSlaEscalation,
  ): Promise<{ outcome: string; afterCommit?: () => void }>;
}

export type SlaEscalationOptions = {
  intervalMs: number;
  /** Escalations carried out per run at most (one transaction each). */
  batchSize: number;
  /** Attempts before an escalation is given up (`failed`, kept with its last error). */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
};
export const SLA_ESCALATION_OPTIONS = Symbol('SLA_ESCALATION_OPTIONS');
export const defaultSlaEscalationOptions: SlaEscalationOptions = {
  intervalMs: 1000,
  batchSize: 100,
  maxAttempts: 10,
  retryBaseMs: 5_000,
  retryMaxMs: 10 * 60_000,
};

const savepoint = 'sla_escalation_attempt';
const maxErrorLength = 500;

/**
 * Carries out the escalations the scheduler queued with each breach (docs/adr/0109-durable-sla-escalations.md).
 * Every process runs it every second and when nudged (`sla.escalated`, after the breach commits): one escalation
 * per transaction, taken with `FOR UPDATE SKIP LOCKED`, applied by the consumer and marked applied before the
 * commit. A crash before the commit leaves it pending for the next run, whichever process it is; an attempt that
 * throws is rolled back to a savepoint (nothing half done) and retried later with a growing delay.
 */
@Injectable()
export class SlaEscalationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SlaEscalations');
  private readonly job: PeriodicJob<number>;
  private consumer: SlaEscalationConsumer | null = null;
  private isStarted = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly escalations: SlaEscalationRepository,
    private readonly clocks: SlaClockRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SLA_ESCALATION_OPTIONS) private readonly options: SlaEscalationOptions,
  ) {
    this.job = new PeriodicJob({
      name: 'SlaEscalationDispatcher',
      intervalMs: options.intervalMs,
      work: () => this.drain(),
    });
  }

  /** The one consumer (routing, from the composition root). Until one registers, escalations wait. */
  register(consumer: SlaEscalationConsumer): void {
    if (this.consumer)
      throw new Error(`An SLA escalation consumer is already registered: ${this.consumer.name}.`);
    this.consumer = consumer;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  start(): void {
    this.isStarted = true;
    this.job.start();
  }

  /** Ends the polling and ignores nudges (a stopped process); `run()` still works. */
  stop(): Promise<void> {
    this.isStarted = false;
    return this.job.stop();
  }

  /** Runs soon, after a breach with escalations committed (`sla.escalated`). Ignored while stopped. */
  nudge(): void {
    if (!this.isStarted) return;
    this.run().catch((error: unknown) => this.logger.error({ err: error }, 'SLA escalations failed'));
  }

  /** Carries out what is due now; returns how many were applied. One run at a time per process. */
  run(): Promise<number> {
    return this.job.run();
  }

  private async drain(): Promise<number> {
    const consumer = this.consumer;
    if (!consumer) return 0;
    let applied = 0;
    for (let index = 0; index < this.options.batchSize; index++) {
      const result = await this.dataSource.transaction((manager) => this.attempt(manager, consumer));
      if (result === null) break;
      if (result.isApplied) {
        applied += 1;
        result.afterCommit?.();
      }
    }
    return applied;
  }

  private async attempt(
    manager: EntityManager,
    consumer: SlaEscalationConsumer,
  ): Promise<{ isApplied: boolean; afterCommit?: () => void } | null> {
    const now = this.clock.now();
    const escalation = await this.escalations.takeNext(manager, now);
    if (!escalation) return null;
    await manager.query(`SAVEPOINT ${savepoint}`);
    try {
      const result = await consumer.apply(manager, escalation);
      await manager.query(`RELEASE SAVEPOINT ${savepoint}`);
      await this.escalations.markApplied(manager, { id: escalation.id, outcome: result.outcome, at: now });
      await this.clocks.appendEvents(manager, [
        {
          conversationId: escalation.conversationId,
          clock: escalation.clock,
          metric: escalation.metric,
          kind: 'escalated',
          at: now,
          dueAt: null,
          detail: `${clockLabel(escalation)} escalated: ${escalation.action.replace(/_/g, ' ')} carried out by ${consumer.name}: ${result.outcome}`,
        },
      ]);
      return { isApplied: true, ...(result.afterCommit ? { afterCommit: result.afterCommit } : {}) };
    } catch (error) {
      // Whatever the consumer wrote goes; the escalation stays locked and records the failed attempt.
      await manager.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      const attempts = escalation.attempts + 1;
      const retryAt =
        attempts >= this.options.maxAttempts
          ? null
          : new Date(
              now.getTime() +
                Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** (attempts - 1)),
            );
      const message = (error instanceof Error ? error.message : String(error)).slice(0, maxErrorLength);
      await this.escalations.markAttemptFailed(manager, { id: escalation.id, error: message, retryAt });
      this.logger.warn(
        { escalationId: escalation.id, conversationId: escalation.conversationId, attempts, err: error },
        retryAt ? 'SLA escalation failed; retried later' : 'SLA escalation given up',
      );
      return { isApplied: false };
    }
  }
}
