import { DateTime } from 'luxon';
import { type CalendarSpec, type LocalInterval, type Weekday } from '../lib/calendar-spec.type';

// A deliberately naive business calendar: it walks local days with luxon DateTimes and replays
// zendesk/biz 1.8.2's period loop literally (clipped periods, "moment" periods at the origin, the
// overflow rule). It shares no code with the compiled implementation, so tests and the benchmark
// can check one against the other. Not exported from the lib's index.

const WEEKDAY_BY_LUXON_INDEX: Record<number, Weekday> = {
  1: 'mon',
  2: 'tue',
  3: 'wed',
  4: 'thu',
  5: 'fri',
  6: 'sat',
  7: 'sun',
};
/** Stop walking after this many local days without finishing (a calendar with no hours at all). */
const MAX_WALK_DAYS = 6 * 366;

type Period = [startMs: number, endMs: number];

export class ReferenceWalk {
  private readonly holidays: ReadonlySet<string>;
  private readonly overrides: ReadonlyMap<string, LocalInterval[]>;
  private readonly breaks: ReadonlyMap<string, LocalInterval[]>;

  constructor(private readonly spec: CalendarSpec) {
    this.holidays = new Set(spec.holidays ?? []);
    this.overrides = new Map((spec.dateOverrides ?? []).map(({ date, intervals }) => [date, intervals]));
    const breaks = new Map<string, LocalInterval[]>();
    for (const { date, intervals } of spec.breaks ?? [])
      breaks.set(date, [...(breaks.get(date) ?? []), ...intervals]);
    this.breaks = breaks;
  }

  isOpen(at: Date): boolean {
    const atMs = at.getTime();
    return this.periodsAround(atMs).some(([startMs, endMs]) => startMs <= atMs && atMs < endMs);
  }

  nextOpening(at: Date): Date {
    return this.addBusinessTime(at, 0);
  }

  addBusinessTime(from: Date, durationMs: number): Date {
    const fromMs = from.getTime();
    let remainingMs = durationMs;
    let last: Period | undefined;
    for (const [startMs, endMs] of this.periodsForward(fromMs)) {
      const clippedStartMs = Math.max(startMs, fromMs);
      if (clippedStartMs > endMs) continue; // ended before `from`
      if (endMs - clippedStartMs === remainingMs) {
        // biz: a period consumed exactly is kept whole and the walk goes on, so the next period
        // contributes a zero-length "moment" at its start, which becomes the answer.
        remainingMs = 0;
        last = [clippedStartMs, endMs];
        continue;
      }
      const scopedEndMs = Math.min(endMs, clippedStartMs + remainingMs);
      remainingMs -= scopedEndMs - clippedStartMs;
      last = [clippedStartMs, scopedEndMs];
      if (remainingMs <= 0) return new Date(last[1]);
    }
    throw new Error('reference walk found no open hours');
  }

  subtractBusinessTime(from: Date, durationMs: number): Date {
    const fromMs = from.getTime();
    let remainingMs = durationMs;
    for (const [startMs, endMs] of this.periodsBackward(fromMs)) {
      const clippedEndMs = Math.min(endMs, fromMs);
      if (startMs > clippedEndMs) continue; // starts after `from`
      const scopedStartMs = Math.max(startMs, clippedEndMs - remainingMs);
      remainingMs -= clippedEndMs - scopedStartMs;
      if (remainingMs <= 0) return new Date(scopedStartMs);
    }
    throw new Error('reference walk found no open hours');
  }

  businessTimeBetween(from: Date, to: Date): number {
    const fromMs = from.getTime();
    const toMs = to.getTime();
    let totalMs = 0;
    for (const [startMs, endMs] of this.periodsForward(fromMs)) {
      if (startMs >= toMs) break;
      totalMs += Math.max(0, Math.min(endMs, toMs) - Math.max(startMs, fromMs));
    }
    return totalMs;
  }

  /** Sorted, merged open periods of one local date. */
  periodsOnDate(date: DateTime): Period[] {
    const isoDate = date.toISODate() ?? '';
    if (this.holidays.has(isoDate)) return [];
    const intervals =
      this.overrides.get(isoDate) ?? this.spec.weekly[WEEKDAY_BY_LUXON_INDEX[date.weekday]] ?? [];
    let periods = intervals.map(([start, end]): Period => [
      this.instantOf(date, start),
      this.instantOf(date, end),
    ]);
    for (const [start, end] of this.breaks.get(isoDate) ?? []) {
      const breakStartMs = this.instantOf(date, start);
      const breakEndMs = this.instantOf(date, end);
      periods = periods.flatMap(([startMs, endMs]): Period[] =>
        [
          [startMs, Math.min(endMs, breakStartMs)] as Period,
          [Math.max(startMs, breakEndMs), endMs] as Period,
        ].filter(([pieceStartMs, pieceEndMs]) => pieceStartMs < pieceEndMs),
      );
    }
    const sorted = periods
      .filter(([startMs, endMs]) => startMs < endMs)
      .sort((left, right) => left[0] - right[0]);
    const merged: Period[] = [];
    for (const period of sorted) {
      const previous = merged[merged.length - 1];
      if (previous && period[0] <= previous[1]) previous[1] = Math.max(previous[1], period[1]);
      else merged.push([...period]);
    }
    return merged;
  }

  /** Local wall time → instant: luxon, then the calendar's rule for ambiguous times (earlier instant). */
  private instantOf(date: DateTime, time: string): number {
    const [hours, minutes, seconds = 0] = time.split(':').map(Number);
    if (hours === 24) return this.instantOf(date.plus({ days: 1 }), '00:00');
    const wall = {
      year: date.year,
      month: date.month,
      day: date.day,
      hour: hours,
      minute: minutes,
      second: seconds,
    };
    // luxon already moves non-existent times forward by the gap, but resolves ambiguous times to
    // the later offset; if the same wall time also existed one hour earlier, take that instant.
    const resolved = DateTime.fromObject(wall, { zone: this.spec.timezone });
    const hourEarlier = resolved.minus({ hours: 1 });
    const isAmbiguous =
      hourEarlier.hour === hours &&
      hourEarlier.minute === minutes &&
      hourEarlier.day === date.day &&
      hourEarlier.second === seconds;
    return isAmbiguous ? hourEarlier.toMillis() : resolved.toMillis();
  }

  private localDate(atMs: number): DateTime {
    return DateTime.fromMillis(atMs, { zone: this.spec.timezone }).startOf('day');
  }

  private periodsAround(atMs: number): Period[] {
    const date = this.localDate(atMs);
    return [-1, 0, 1].flatMap((days) => this.periodsOnDate(date.plus({ days })));
  }

  /** Periods of the local dates from the day before `fromMs` onwards, in order. */
  private *periodsForward(fromMs: number): Generator<Period> {
    let date = this.localDate(fromMs).minus({ days: 1 });
    for (let day = 0; day < MAX_WALK_DAYS; day += 1, date = date.plus({ days: 1 }))
      yield* this.periodsOnDate(date);
  }

  /** Periods of the local dates from the day after `fromMs` backwards, latest first. */
  private *periodsBackward(fromMs: number): Generator<Period> {
    let date = this.localDate(fromMs).plus({ days: 1 });
    for (let day = 0; day < MAX_WALK_DAYS; day += 1, date = date.minus({ days: 1 })) {
      yield* this.periodsOnDate(date).reverse();
    }
  }
}
