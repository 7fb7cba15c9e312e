import { type Clock, systemClock } from '@vigie/kernel';
import type { AppConfig } from '../config/app-config';

/**
 * A clock that starts at a chosen instant and then runs on in real time: the system clock moved by a fixed
 * offset. Lets a built process live through a given Friday evening (e2e tests, demos) while timers, sessions
 * and due times keep advancing as they would. Unit and medium tests drive a FakeClock instead.
 */
export class OffsetClock implements Clock {
  private readonly offsetMs: number;
  private readonly wallNow: () => number;

  constructor(params: { startAt: Date; wallNow?: () => number }) {
    this.wallNow = params.wallNow ?? Date.now;
    this.offsetMs = params.startAt.getTime() - this.wallNow();
  }

  now(): Date {
    return new Date(this.wallNow() + this.offsetMs);
  }
}

/** The process's Clock: the system clock, or an OffsetClock from `VIGIE_CLOCK_START` (never in production). */
export function clockFromConfig(config: Pick<AppConfig, 'clockStart'>): Clock {
  return config.clockStart ? new OffsetClock({ startAt: config.clockStart }) : systemClock;
}
