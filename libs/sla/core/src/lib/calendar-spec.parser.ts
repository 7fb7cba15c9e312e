import { DomainError } from '@vigie/kernel';
import { parseLocalDate } from './civil-date.util';
import {
  type CalendarSpec,
  type DatedIntervals,
  type LocalInterval,
  type Weekday,
} from './calendar-spec.type';
import { isKnownTimeZone } from './time-zone.resolver';

/** A validated local interval in seconds since local midnight, `[startSeconds, endSeconds)`. */
export type SecondsInterval = { readonly startSeconds: number; readonly endSeconds: number };

/** A CalendarSpec checked once and normalised for compilation (dates as day numbers, times as seconds). */
export type ParsedCalendarSpec = {
  readonly timezone: string;
  /** Index 0 = Monday … 6 = Sunday; sorted, non-overlapping. */
  readonly weeklyIntervals: readonly (readonly SecondsInterval[])[];
  readonly holidayDayNumbers: ReadonlySet<number>;
  readonly overrideIntervalsByDayNumber: ReadonlyMap<number, readonly SecondsInterval[]>;
  readonly breakIntervalsByDayNumber: ReadonlyMap<number, readonly SecondsInterval[]>;
};

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const localTimePattern = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

function invalid(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError({ code: 'invalid', message: `Invalid business calendar: ${message}`, details });
}

function parseLocalTime(text: unknown, path: string): number {
  const match = typeof text === 'string' ? localTimePattern.exec(text) : null;
  if (!match)
    throw invalid(`${path} must be a local time "HH:MM" or "HH:MM:SS", got ${JSON.stringify(text)}`);
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? '0')];
  const isEndOfDay = hours === 24 && minutes === 0 && seconds === 0;
  if (!isEndOfDay && (hours > 23 || minutes > 59 || seconds > 59)) {
    throw invalid(`${path} is not a time of day (00:00 to 23:59:59, or 24:00), got "${String(text)}"`);
  }
  return hours * 3600 + minutes * 60 + seconds;
}

function parseIntervals(intervals: unknown, path: string): SecondsInterval[] {
  if (!Array.isArray(intervals)) throw invalid(`${path} must be an array of [start, end] intervals`);
  const parsed = intervals.map((interval: unknown, index): SecondsInterval => {
    const intervalPath = `${path}[${index}]`;
    if (!Array.isArray(interval) || interval.length !== 2) {
      throw invalid(`${intervalPath} must be a [start, end] pair, got ${JSON.stringify(interval)}`);
    }
    const [start, end] = interval as LocalInterval;
    const startSeconds = parseLocalTime(start, `${intervalPath} start`);
    const endSeconds = parseLocalTime(end, `${intervalPath} end`);
    if (startSeconds >= endSeconds) {
      throw invalid(`${intervalPath} must start before it ends, got "${start}"-"${end}"`);
    }
    return { startSeconds, endSeconds };
  });
  const sorted = [...parsed].sort((left, right) => left.startSeconds - right.startSeconds);
  for (let index = 1; index < sorted.length; index += 1) {
    // Touching intervals (12:00-14:00 then 14:00-18:00) are fine; sharing any second is not.
    if (sorted[index].startSeconds < sorted[index - 1].endSeconds) {
      throw invalid(`${path} has overlapping intervals`, { path });
    }
  }
  return sorted;
}

function parseDate(text: unknown, path: string): number {
  const dayNumber = typeof text === 'string' ? parseLocalDate(text) : undefined;
  if (dayNumber === undefined)
    throw invalid(`${path} must be a real local date "YYYY-MM-DD", got ${JSON.stringify(text)}`);
  return dayNumber;
}

function parseDatedIntervals(
  entries: unknown,
  path: string,
): { dayNumber: number; intervals: SecondsInterval[] }[] {
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) throw invalid(`${path} must be an array of { date, intervals }`);
  return entries.map((entry: unknown, index) => {
    const entryPath = `${path}[${index}]`;
    if (typeof entry !== 'object' || entry === null)
      throw invalid(`${entryPath} must be { date, intervals }`);
    const { date, intervals } = entry as DatedIntervals;
    return {
      dayNumber: parseDate(date, `${entryPath}.date`),
      intervals: parseIntervals(intervals, `${entryPath}.intervals`),
    };
  });
}

/**
 * Validates a calendar spec and normalises it for compilation.
 *
 * @throws DomainError with code 'invalid' naming the offending field: unknown time zone or weekday,
 *   malformed time or date, an interval that does not start before it ends, overlapping intervals,
 *   or two overrides for the same date.
 */
export function parseCalendarSpec(spec: CalendarSpec): ParsedCalendarSpec {
  if (typeof spec !== 'object' || spec === null) throw invalid('the spec must be an object');
  if (typeof spec.timezone !== 'string' || !isKnownTimeZone(spec.timezone)) {
    throw invalid(
      `timezone must be an IANA time zone such as "Europe/Paris", got ${JSON.stringify(spec.timezone)}`,
    );
  }
  if (typeof spec.weekly !== 'object' || spec.weekly === null)
    throw invalid('weekly must be an object keyed by weekday');
  for (const key of Object.keys(spec.weekly)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      throw invalid(`weekly has an unknown weekday "${key}" (expected one of ${WEEKDAYS.join(', ')})`);
    }
  }
  const weeklyIntervals = WEEKDAYS.map((weekday) => {
    const intervals = spec.weekly[weekday];
    return intervals === undefined ? [] : parseIntervals(intervals, `weekly.${weekday}`);
  });

  if (spec.holidays !== undefined && !Array.isArray(spec.holidays))
    throw invalid('holidays must be an array of dates');
  const holidayDayNumbers = new Set(
    (spec.holidays ?? []).map((date, index) => parseDate(date, `holidays[${index}]`)),
  );

  const overrideIntervalsByDayNumber = new Map<number, SecondsInterval[]>();
  parseDatedIntervals(spec.dateOverrides, 'dateOverrides').forEach(({ dayNumber, intervals }, index) => {
    if (overrideIntervalsByDayNumber.has(dayNumber)) {
      throw invalid(
        `dateOverrides[${index}] repeats the date ${spec.dateOverrides?.[index]?.date}: give one override per date`,
      );
    }
    overrideIntervalsByDayNumber.set(dayNumber, intervals);
  });

  // Several break entries for one date are allowed and simply add up (they may even overlap:
  // removing a time twice is harmless).
  const breakIntervalsByDayNumber = new Map<number, SecondsInterval[]>();
  for (const { dayNumber, intervals } of parseDatedIntervals(spec.breaks, 'breaks')) {
    breakIntervalsByDayNumber.set(dayNumber, [
      ...(breakIntervalsByDayNumber.get(dayNumber) ?? []),
      ...intervals,
    ]);
  }

  return {
    timezone: spec.timezone,
    weeklyIntervals,
    holidayDayNumbers,
    overrideIntervalsByDayNumber,
    breakIntervalsByDayNumber,
  };
}
