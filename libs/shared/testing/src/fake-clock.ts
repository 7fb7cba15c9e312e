import type { Clock } from '@vigie/kernel';

/** A clock the test drives: time moves only when told to. */
export class FakeClock implements Clock {
  private current: Date;

  constructor(start: Date | string = '2026-01-05T09:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }

  advance(params: { milliseconds?: number; seconds?: number; minutes?: number; hours?: number }): Date {
    const totalMs =
      (params.milliseconds ?? 0) +
      (params.seconds ?? 0) * 1000 +
      (params.minutes ?? 0) * 60_000 +
      (params.hours ?? 0) * 3_600_000;
    this.current = new Date(this.current.getTime() + totalMs);
    return this.now();
  }
}
