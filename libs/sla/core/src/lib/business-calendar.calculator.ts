import { DomainError } from '@vigie/kernel';
import { parseCalendarSpec } from './calendar-spec.parser';
import { type CalendarSpec } from './calendar-spec.type';
import { CompiledTimeline } from './compiled-timeline.cache';

function instantMs(value: Date, name: string): number {
  const epochMs = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(epochMs))
    throw new DomainError({ code: 'invalid', message: `${name} must be a valid Date` });
  return epochMs;
}

function durationMsOf(value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new DomainError({
      code: 'invalid',
      message: `Business time must be a finite, non-negative number of milliseconds, got ${String(value)}`,
    });
  }
  // Date has millisecond resolution; rounding keeps `0.1 * 3_600_000`-style inputs exact.
  return Math.round(value);
}

/**
 * Business-hours arithmetic for one calendar (weekly hours, holidays, breaks and date overrides in
 * an IANA time zone), following zendesk/biz 1.8.2:
 *
 * - open periods are half-open `[open, close)`: the closing instant is closed;
 * - durations are elapsed milliseconds, so a 23 h or 25 h DST day counts what really elapsed;
 * - a non-existent local time (spring forward) moves later by the gap (one hour), an ambiguous one
 *   (fall back) is the earlier instant.
 *
 * The spec is validated once, here; periods are compiled lazily per local year and cached, so the
 * instance is meant to be kept and reused. Time is always a parameter: nothing reads the clock.
 *
 * @throws DomainError 'invalid' from the constructor when the spec is malformed (see parseCalendarSpec).
 */
export class BusinessCalendar {
  private readonly timeline: CompiledTimeline;

  constructor(spec: CalendarSpec) {
    this.timeline = new CompiledTimeline(parseCalendarSpec(spec));
  }

  /** Whether `at` is inside business hours (an opening instant is open, a closing instant is not). */
  isOpen(at: Date): boolean {
    return this.timeline.isOpen(instantMs(at, 'at'));
  }

  /**
   * `at` itself when open, else the start of the next open period.
   *
   * @throws DomainError 'invalid' when no period opens within 5 years.
   */
  nextOpening(at: Date): Date {
    return new Date(this.timeline.advance(instantMs(at, 'at'), 0));
  }

  /**
   * The due time `ms` of business time after `from` (counting from the next opening when closed).
   *
   * When the duration runs out exactly at a closing instant the result is the start of the next
   * period, so "answered at or before the due time" is exactly "at most `ms` of business time
   * elapsed". Adding 0 returns `from` when open, else the next opening.
   *
   * @throws DomainError 'invalid' for a negative or non-finite duration, or when the calendar has
   *   no open hours within 5 years.
   */
  addBusinessTime(from: Date, ms: number): Date {
    return new Date(this.timeline.advance(instantMs(from, 'from'), durationMsOf(ms)));
  }

  /**
   * The instant `ms` of business time before `from`, walking backwards.
   *
   * A result landing exactly at an opening instant stays there (it is not moved back to the
   * previous closing instant). Subtracting 0 returns `from` when it is open or exactly at an
   * opening or closing instant, and otherwise the previous closing instant: the mirror of adding 0.
   *
   * @throws DomainError 'invalid' for a negative or non-finite duration, or when the calendar has
   *   no open hours within 5 years before.
   */
  subtractBusinessTime(from: Date, ms: number): Date {
    return new Date(this.timeline.retreat(instantMs(from, 'from'), durationMsOf(ms)));
  }

  /** Business milliseconds in `[from, to)`: their elapsed overlap with open periods; 0 when `from >= to`. */
  businessTimeBetween(from: Date, to: Date): number {
    const fromMs = instantMs(from, 'from');
    const toMs = instantMs(to, 'to');
    return fromMs >= toMs ? 0 : this.timeline.elapsed(fromMs, toMs);
  }
}
