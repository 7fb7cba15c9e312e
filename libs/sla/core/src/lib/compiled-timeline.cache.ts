import { DomainError } from '@vigie/kernel';
import { civilFromDayNumber, dayNumberFromCivil, MILLISECONDS_PER_DAY } from './civil-date.util';
import { type ParsedCalendarSpec } from './calendar-spec.parser';
import { compileOpenPeriods, concatOpenPeriods } from './open-period.compiler';
import { TimeZoneResolver } from './time-zone.resolver';

/** How far past the last known open period a search may compile before giving up. */
export const LOOKAHEAD_YEARS = 5;
const LOOKAHEAD_MS = LOOKAHEAD_YEARS * 366 * MILLISECONDS_PER_DAY;
/** A query further than this from the compiled range starts a fresh range instead of filling the gap. */
const FAR_QUERY_MS = 3 * 366 * MILLISECONDS_PER_DAY;
/** `Date` cannot represent instants beyond ±8.64e15 ms. */
const MAX_EPOCH_MS = 8.64e15;

/**
 * The open periods of a calendar, compiled lazily by whole local years into sorted epoch
 * milliseconds, with prefix sums of their durations.
 *
 * Everything rests on the "business position" of an instant, `position(t)`: the business time
 * elapsed from the first compiled period up to `t`. It is non-decreasing, grows at 1 ms/ms inside
 * periods and is flat between them, so:
 * - business time between a and b is `position(b) - position(a)`;
 * - adding d is `instantAt(position(t) + d)`, where `instantAt(x)` is the latest instant whose
 *   position is x: inside a period, or the start of the next period when x falls exactly at a
 *   closing instant. That is biz 1.8.2's "extra moment period" rule, for free.
 * Both are two binary searches, whatever the duration, instead of a walk over days.
 *
 * Positions are relative to the first compiled period, so they are only compared within one call:
 * compiling earlier years shifts them, and a far query discards the compiled range.
 */
export class CompiledTimeline {
  private readonly resolver: TimeZoneResolver;
  private firstYear = 0;
  private lastYear = -1;
  private coverStartMs = Number.POSITIVE_INFINITY;
  private coverEndMs = Number.NEGATIVE_INFINITY;
  private startsMs: number[] = [];
  private endsMs: number[] = [];
  /** `cumulativeMs[i]` = total duration of periods before i; one more entry than periods. */
  private cumulativeMs: number[] = [0];

  constructor(private readonly spec: ParsedCalendarSpec) {
    this.resolver = new TimeZoneResolver(spec.timezone);
  }

  /** Whether `atMs` lies inside an open period (periods are half-open: the closing instant is closed). */
  isOpen(atMs: number): boolean {
    this.prepare(atMs, atMs);
    const index = this.lastPeriodStartingAtOrBefore(atMs);
    return index >= 0 && atMs < this.endsMs[index];
  }

  /** The latest instant after `fromMs` with exactly `durationMs` of business time in between. */
  advance(fromMs: number, durationMs: number): number {
    this.prepare(fromMs, fromMs);
    const targetPosition = this.positionOf(fromMs) + durationMs;
    // `targetPosition` must be strictly below the total so that a period (or the next period's start)
    // holds the answer; compiling later years never changes existing positions.
    while (targetPosition >= this.totalMs()) {
      const lastKnownMs = Math.max(fromMs, this.endsMs[this.endsMs.length - 1] ?? fromMs);
      if (this.coverEndMs - lastKnownMs > LOOKAHEAD_MS) {
        throw new DomainError({
          code: 'invalid',
          message: `Business calendar has no open hours within ${LOOKAHEAD_YEARS} years after ${new Date(lastKnownMs).toISOString()}`,
        });
      }
      this.extendForward();
    }
    return this.instantAtPosition(targetPosition);
  }

  /**
   * The instant `durationMs` of business time before `fromMs`: the latest one, so that a walk
   * ending exactly at an opening instant stays there. A zero duration returns `fromMs` when it is
   * open or at a period's edge, else the previous closing instant (mirror of adding zero).
   */
  retreat(fromMs: number, durationMs: number): number {
    this.prepare(fromMs, fromMs);
    if (durationMs === 0) {
      let index = this.lastPeriodStartingAtOrBefore(fromMs);
      while (index < 0) {
        this.extendBackwardWithinLookahead(fromMs);
        index = this.lastPeriodStartingAtOrBefore(fromMs);
      }
      return fromMs <= this.endsMs[index] ? fromMs : this.endsMs[index];
    }
    let targetPosition = this.positionOf(fromMs) - durationMs;
    while (targetPosition < 0) targetPosition += this.extendBackwardWithinLookahead(fromMs);
    return this.instantAtPosition(targetPosition);
  }

  /** Business time in `[fromMs, toMs)`; callers ensure `fromMs < toMs`. */
  elapsed(fromMs: number, toMs: number): number {
    this.prepare(fromMs, toMs);
    return this.positionOf(toMs) - this.positionOf(fromMs);
  }

  /** Ensures `[minMs, maxMs]` is compiled, starting afresh when the query is far from what is. */
  private prepare(minMs: number, maxMs: number): void {
    if (minMs >= this.coverStartMs && maxMs < this.coverEndMs) return; // hot path
    if (minMs < this.coverStartMs - FAR_QUERY_MS || minMs > this.coverEndMs + FAR_QUERY_MS) this.reset(minMs);
    while (minMs < this.coverStartMs) this.extendBackward();
    while (maxMs >= this.coverEndMs) this.extendForward();
  }

  private reset(atMs: number): void {
    const year = civilFromDayNumber(this.resolver.localDayNumberOf(atMs)).year;
    const periods = this.compileYear(year);
    this.firstYear = year;
    this.lastYear = year;
    this.coverStartMs = this.localNewYearMs(year);
    this.coverEndMs = this.localNewYearMs(year + 1);
    this.startsMs = periods.startsMs;
    this.endsMs = periods.endsMs;
    this.rebuildCumulative();
  }

  private extendForward(): void {
    const year = this.lastYear + 1;
    const coverEndMs = this.localNewYearMs(year + 1);
    if (coverEndMs > MAX_EPOCH_MS) throw this.outOfRange();
    const periods = this.compileYear(year);
    const lastEndMs = this.endsMs[this.endsMs.length - 1];
    if (periods.startsMs.length > 0 && lastEndMs !== undefined && periods.startsMs[0] <= lastEndMs) {
      const merged = concatOpenPeriods({ startsMs: this.startsMs, endsMs: this.endsMs }, periods);
      this.startsMs = merged.startsMs;
      this.endsMs = merged.endsMs;
      this.rebuildCumulative();
    } else {
      let totalMs = this.totalMs();
      for (let index = 0; index < periods.startsMs.length; index += 1) {
        this.startsMs.push(periods.startsMs[index]);
        this.endsMs.push(periods.endsMs[index]);
        totalMs += periods.endsMs[index] - periods.startsMs[index];
        this.cumulativeMs.push(totalMs);
      }
    }
    this.lastYear = year;
    this.coverEndMs = coverEndMs;
  }

  /** Compiles the year before the range; returns the business time added before every position. */
  private extendBackward(): number {
    const year = this.firstYear - 1;
    const coverStartMs = this.localNewYearMs(year);
    if (coverStartMs < -MAX_EPOCH_MS) throw this.outOfRange();
    const previousTotalMs = this.totalMs();
    const merged = concatOpenPeriods(this.compileYear(year), {
      startsMs: this.startsMs,
      endsMs: this.endsMs,
    });
    this.startsMs = merged.startsMs;
    this.endsMs = merged.endsMs;
    this.rebuildCumulative();
    this.firstYear = year;
    this.coverStartMs = coverStartMs;
    return this.totalMs() - previousTotalMs;
  }

  private extendBackwardWithinLookahead(fromMs: number): number {
    const firstKnownMs = Math.min(fromMs, this.startsMs[0] ?? fromMs);
    if (firstKnownMs - this.coverStartMs > LOOKAHEAD_MS) {
      throw new DomainError({
        code: 'invalid',
        message: `Business calendar has no open hours within ${LOOKAHEAD_YEARS} years before ${new Date(firstKnownMs).toISOString()}`,
      });
    }
    return this.extendBackward();
  }

  private compileYear(year: number) {
    return compileOpenPeriods({
      spec: this.spec,
      resolver: this.resolver,
      firstDayNumber: dayNumberFromCivil({ year, month: 1, day: 1 }),
      lastDayNumber: dayNumberFromCivil({ year, month: 12, day: 31 }),
    });
  }

  private localNewYearMs(year: number): number {
    return this.resolver.epochMsOfLocal(dayNumberFromCivil({ year, month: 1, day: 1 }), 0);
  }

  private outOfRange(): DomainError {
    return new DomainError({
      code: 'invalid',
      message: 'Business time computation went beyond the range of Date',
    });
  }

  private rebuildCumulative(): void {
    const cumulativeMs = new Array<number>(this.startsMs.length + 1);
    cumulativeMs[0] = 0;
    for (let index = 0; index < this.startsMs.length; index += 1) {
      cumulativeMs[index + 1] = cumulativeMs[index] + (this.endsMs[index] - this.startsMs[index]);
    }
    this.cumulativeMs = cumulativeMs;
  }

  private totalMs(): number {
    return this.cumulativeMs[this.cumulativeMs.length - 1];
  }

  /** Index of the last period whose start is <= atMs, or -1. */
  private lastPeriodStartingAtOrBefore(atMs: number): number {
    const startsMs = this.startsMs;
    let low = 0;
    let high = startsMs.length; // answer + 1 lies in [low, high]
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (startsMs[middle] <= atMs) low = middle + 1;
      else high = middle;
    }
    return low - 1;
  }

  private positionOf(atMs: number): number {
    const index = this.lastPeriodStartingAtOrBefore(atMs);
    if (index < 0) return 0;
    return (
      this.cumulativeMs[index] +
      Math.min(atMs - this.startsMs[index], this.endsMs[index] - this.startsMs[index])
    );
  }

  /** Latest instant at a position; requires 0 <= position < total. */
  private instantAtPosition(position: number): number {
    const cumulativeMs = this.cumulativeMs;
    let low = 0;
    let high = this.startsMs.length; // last index with cumulativeMs[index] <= position
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulativeMs[middle] <= position) low = middle + 1;
      else high = middle;
    }
    const index = low - 1;
    return this.startsMs[index] + (position - cumulativeMs[index]);
  }
}
