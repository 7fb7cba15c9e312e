import { Logger } from '@nestjs/common';

/**
 * A background poller every process runs (due SLA events, webhook deliveries, spike scans): `work` every
 * `intervalMs` on an unref'd timer, one run at a time. `run()` asked while a run is under way queues one more run
 * after it (calls made meanwhile share that one), so a caller always sees what was due when it asked. `stop()`
 * ends the timer and waits for the run under way. The work itself must be safe across processes (row locks).
 */
export class PeriodicJob<T> {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private last: Promise<unknown> = Promise.resolve();
  private waiting: Promise<T> | null = null;

  constructor(private readonly options: { name: string; intervalMs: number; work: () => Promise<T> }) {
    this.logger = new Logger(options.name);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.waiting) return;
      this.run().catch((error: unknown) => this.logger.error({ err: error }, `${this.options.name} failed`));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  run(): Promise<T> {
    if (this.waiting) return this.waiting;
    const next = this.last
      .catch(() => undefined)
      .then(() => {
        this.waiting = null;
        return this.options.work();
      });
    this.waiting = next;
    this.last = next;
    return next;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.last.catch(() => undefined);
  }
}
