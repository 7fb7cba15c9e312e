import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import { QueueDrainer } from './queue-drainer.service';

/**
 * Runs a drain once the inbox's transaction that enqueued or freed something has committed (a drain started
 * inside it would not see the new rows). A TypeORM subscriber hears the commit of that query runner; the
 * drain's interval is the safety net if a process dies between the commit and the drain.
 */
@Injectable()
export class DrainAfterCommit implements OnModuleInit, EntitySubscriberInterface {
  private readonly pending = new WeakSet<QueryRunner>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly drainer: QueueDrainer,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  schedule(manager: EntityManager): void {
    const runner = manager.queryRunner;
    if (!runner || !runner.isTransactionActive) {
      this.drainer.requestDrain();
      return;
    }
    this.pending.add(runner);
  }

  afterTransactionCommit(event: { queryRunner: QueryRunner }): void {
    if (!this.pending.has(event.queryRunner)) return;
    this.pending.delete(event.queryRunner);
    this.drainer.requestDrain(0);
  }

  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    this.pending.delete(event.queryRunner);
  }
}
