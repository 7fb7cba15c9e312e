import { IANAZone } from 'luxon';
import { MILLISECONDS_PER_DAY, MILLISECONDS_PER_SECOND } from './civil-date.util';

const MILLISECONDS_PER_MINUTE = 60_000;

/**
 * Converts between epoch instants and local wall-clock times of one IANA zone, with the DST rules
 * of the calendar made explicit instead of inherited from luxon's defaults:
 *
 * - a local time that does not exist (spring forward) is moved later by the length of the gap, one
 *   hour in practice: Paris 02:30 on the last Sunday of March is 03:30 CEST;
 * - a local time that happens twice (fall back) is the earlier instant: New York 01:30 on the first
 *   Sunday of November is 01:30 EDT (05:30Z). luxon would pick the later one (EST), which is why
 *   `DateTime.fromObject` is not used here.
 *
 * Offsets come from luxon's IANAZone (itself backed by Intl), so luxon stays the only source of
 * time-zone data.
 */
export class TimeZoneResolver {
  private readonly zone: IANAZone;

  constructor(timezone: string) {
    this.zone = IANAZone.create(timezone);
  }

  /** Offset of the zone at an instant, in milliseconds (local = utc + offset). */
  offsetMsAt(epochMs: number): number {
    return this.zone.offset(epochMs) * MILLISECONDS_PER_MINUTE;
  }

  /** Day number of the local date containing an instant. */
  localDayNumberOf(epochMs: number): number {
    return Math.floor((epochMs + this.offsetMsAt(epochMs)) / MILLISECONDS_PER_DAY);
  }

  /**
   * Instant of a local wall-clock time, given as a day number and seconds since local midnight
   * (86,400 is the next day's midnight, so "24:00" needs no special case).
   */
  epochMsOfLocal(dayNumber: number, secondsOfDay: number): number {
    // `wallMs` reads the wall clock as if it were UTC; the real instant is `wallMs - offset` for the
    // offset in force at that instant. Offsets are at most ±14 h, so the offsets one day either side
    // of `wallMs` are the ones before and after any transition near the answer.
    const wallMs = dayNumber * MILLISECONDS_PER_DAY + secondsOfDay * MILLISECONDS_PER_SECOND;
    const offsetBeforeMs = this.offsetMsAt(wallMs - MILLISECONDS_PER_DAY);
    const offsetAfterMs = this.offsetMsAt(wallMs + MILLISECONDS_PER_DAY);
    if (offsetBeforeMs === offsetAfterMs) return wallMs - offsetBeforeMs;

    const candidateBeforeMs = wallMs - offsetBeforeMs;
    const candidateAfterMs = wallMs - offsetAfterMs;
    const isBeforeValid = this.offsetMsAt(candidateBeforeMs) === offsetBeforeMs;
    const isAfterValid = this.offsetMsAt(candidateAfterMs) === offsetAfterMs;
    if (isBeforeValid && isAfterValid) return Math.min(candidateBeforeMs, candidateAfterMs); // fall back: earlier
    if (isBeforeValid) return candidateBeforeMs;
    if (isAfterValid) return candidateAfterMs;
    // Spring-forward gap: reading the wall clock with the offset from before the jump lands as far
    // after the jump as the wall time was after its start, i.e. the time moves later by the gap.
    return candidateBeforeMs;
  }
}

/**
 * A resolver that remembers offsets per UTC minute: every time-zone transition since 1970 falls on a whole
 * minute, so the offset is constant within one. For hot paths that ask the same handful of instants again and
 * again (due-time explanations: the same midnights and minutes for every conversation of a burst); luxon asks
 * Intl for each offset, which costs microseconds a call. Bounded: forgets everything past `maxEntries`.
 */
export class CachedTimeZoneResolver extends TimeZoneResolver {
  private readonly offsets = new Map<number, number>();

  constructor(
    timezone: string,
    private readonly maxEntries = 4096,
  ) {
    super(timezone);
  }

  override offsetMsAt(epochMs: number): number {
    const minute = Math.floor(epochMs / MILLISECONDS_PER_MINUTE);
    const known = this.offsets.get(minute);
    if (known !== undefined) return known;
    const offsetMs = super.offsetMsAt(epochMs);
    if (this.offsets.size >= this.maxEntries) this.offsets.clear();
    this.offsets.set(minute, offsetMs);
    return offsetMs;
  }
}

/** Whether luxon (hence Intl) knows an IANA zone name. */
export function isKnownTimeZone(timezone: string): boolean {
  return IANAZone.isValidZone(timezone);
}
