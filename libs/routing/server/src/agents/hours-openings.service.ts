import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@vigie/kernel';
import { hoursSourceOf, WorkingHours } from '@vigie/routing-core';
import { PeriodicJob } from '@vigie/server';
import { QueueDrainer } from '../queue/queue-drainer.service';
import { RoutingRepository } from '../queue/routing.repository';
import { inRoutingTransaction } from '../queue/routing-transaction';

/** How often every process looks for agents whose hours opened (the timer at the next opening is the fast path). */
export const hoursCheckIntervalMs = 5_000;
/** setTimeout's ceiling (about 24.8 days). */
const maxTimerMs = 2 ** 31 - 1;

export type HoursCheck = {
  /** Agents online with room whose working hours opened since the last check (or all of them after a start). */
  opened: string[];
  /** The next instant an online agent with room comes within hours, or null. */
  nextOpeningAt: Date | null;
  /** What the drain that followed assigned (0 when nobody opened). */
  assigned: number;
};

/**
 * Drains the queue when agents' working hours open (docs/adr/0207). An hours boundary changes no row, so nothing
 * else would notice it: every process checks, on a timer set at the next opening and every few seconds, which
 * online agents with room are within hours, and drains when one was not at the previous check.
 *
 * Nothing is stored: the next opening is derived from the calendars in the database and the clock, so a restart
 * (or a crash) loses no opening. The first check after a start treats every calendared agent within hours as just
 * opened and drains. Concurrent checks in several processes only request drains, which are safe to run anywhere.
 */
@Injectable()
export class HoursOpenings {
  private readonly logger = new Logger('RoutingHoursOpenings');
  private readonly hours = new WorkingHours();
  private readonly job = new PeriodicJob({
    name: 'RoutingHoursOpenings',
    intervalMs: hoursCheckIntervalMs,
    work: () => this.checkOnce(),
  });
  private withinHours: ReadonlySet<string> = new Set();
  private openingTimer: NodeJS.Timeout | null = null;
  private isStopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: RoutingRepository,
    private readonly drainer: QueueDrainer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  start(): void {
    this.isStopped = false;
    this.job.start();
    void this.check().catch((error: unknown) => this.logger.error({ err: error }, 'Hours check failed'));
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.openingTimer) clearTimeout(this.openingTimer);
    this.openingTimer = null;
    await this.job.stop();
  }

  /** Checks now (or joins the check under way) and drains if an agent's hours opened. */
  check(): Promise<HoursCheck> {
    return this.job.run();
  }

  private async checkOnce(): Promise<HoursCheck> {
    const now = this.clock.now();
    const agents = await inRoutingTransaction(this.dataSource, (manager) =>
      this.routing.listAvailableAgents(manager),
    );
    const within = new Set<string>();
    const opened: string[] = [];
    let nextOpeningAt: Date | null = null;
    for (const agent of agents) {
      // Agents without a calendar are always within hours: their own arrival already drained.
      if (hoursSourceOf(agent.hours) === 'none') continue;
      if (this.hours.isWithinHours(agent.hours, now)) {
        within.add(agent.id);
        if (!this.withinHours.has(agent.id)) opened.push(agent.id);
        continue;
      }
      const opening = this.hours.nextOpening(agent.hours, now);
      if (opening && (nextOpeningAt === null || opening.getTime() < nextOpeningAt.getTime()))
        nextOpeningAt = opening;
    }
    this.withinHours = within;
    this.scheduleAt(nextOpeningAt, now);
    let assigned = 0;
    if (opened.length > 0) {
      this.logger.log({ agents: opened.length }, 'Working hours opened: draining the queue');
      assigned = (await this.drainer.drain()).assigned;
    }
    return { opened, nextOpeningAt, assigned };
  }

  /** A check right at the next opening (by the injected clock); the periodic check is the safety net. */
  private scheduleAt(openingAt: Date | null, now: Date): void {
    if (this.openingTimer) clearTimeout(this.openingTimer);
    this.openingTimer = null;
    if (openingAt === null || this.isStopped) return;
    const delayMs = Math.min(Math.max(0, openingAt.getTime() - now.getTime()), maxTimerMs);
    this.openingTimer = setTimeout(() => {
      this.openingTimer = null;
      this.check().catch((error: unknown) => this.logger.error({ err: error }, 'Hours check failed'));
    }, delayMs);
    this.openingTimer.unref();
  }
}
