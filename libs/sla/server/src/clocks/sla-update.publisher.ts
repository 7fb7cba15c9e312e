import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import { DomainEventBus } from '@vigie/server';
import { SlaReadService } from './sla-read.service';

/**
 * Publishes `sla.updated` for conversations whose clocks changed, once their transaction has committed (the
 * participant runs inside the inbox's transaction and cannot publish there: a rollback would have told the
 * consoles something that never happened). A TypeORM subscriber hears the commit of that query runner.
 */
@Injectable()
export class SlaUpdatePublisher implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger('SlaUpdates');
  private readonly pending = new WeakMap<QueryRunner, Set<string>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEventBus,
    private readonly reads: SlaReadService,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  /** Remembers a changed conversation until the manager's transaction ends. */
  markChanged(manager: EntityManager, conversationId: string): void {
    const runner = manager.queryRunner;
    if (!runner) {
      void this.publish([conversationId]);
      return;
    }
    const set = this.pending.get(runner) ?? new Set<string>();
    set.add(conversationId);
    this.pending.set(runner, set);
  }

  afterTransactionCommit(event: { queryRunner: QueryRunner }): void {
    const set = this.pending.get(event.queryRunner);
    if (!set) return;
    this.pending.delete(event.queryRunner);
    void this.publish([...set]);
  }

  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    this.pending.delete(event.queryRunner);
  }

  /**
   * Best effort, never rejects: callers fire and forget, and a console that misses an update reads the clocks
   * again when it resynchronizes. A failure is logged (an unhandled rejection would end the process).
   */
  async publish(conversationIds: string[]): Promise<void> {
    try {
      const views = await this.reads.clockViewsOf(conversationIds);
      for (const [conversationId, clocks] of views)
        this.events.publish('sla.updated', { conversationId, clocks });
    } catch (error) {
      this.logger.warn({ err: error, count: conversationIds.length }, 'Could not publish SLA updates');
    }
  }
}
