import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AgentActionsService } from './agent-actions.service';

/** How often every API process looks for snoozes that ran out (the wake-up time itself is in the database). */
export const snoozeCheckIntervalMs = 1_000;

/**
 * Wakes snoozed conversations at their `snoozed_until`. Durable: the time is a column, so the check after a
 * restart (or in another process: rows are claimed with SKIP LOCKED) wakes what fell due meanwhile; the
 * timer here only decides how soon it is noticed.
 */
@Injectable()
export class SnoozeWaker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SnoozeWaker');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private isStopping = false;

  constructor(private readonly actions: AgentActionsService) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.isStopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.isStopping) return;
    this.timer = setTimeout(() => {
      this.running = this.actions
        .wakeDueSnoozes()
        .then(() => undefined)
        .catch((error: unknown) => {
          if (!this.isStopping) this.logger.error({ err: error }, 'Snooze check failed');
        })
        .finally(() => this.schedule());
    }, snoozeCheckIntervalMs);
  }
}
