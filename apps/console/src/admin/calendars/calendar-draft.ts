import { BusinessCalendar, type CalendarSpec, type LocalInterval, type Weekday } from '@vigie/sla-core';
import { isKnownTimeZone } from '../shared/zoned-time';

export const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const workingDays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** A period of a day as typed in two time fields ("HH:MM"); an end of "00:00" is midnight, the end of the day. */
export type TimeRange = { start: string; end: string };

/** Periods attached to one date: a break removes them; an override replaces the day's hours (none: closed). */
export type DatedRanges = { date: string; ranges: TimeRange[] };

/** A business calendar as the form edits it. */
export type CalendarDraft = {
  timezone: string;
  weekly: Record<Weekday, TimeRange[]>;
  holidays: string[];
  breaks: DatedRanges[];
  dateOverrides: DatedRanges[];
};

/** Where a problem is, for the message ("Monday, period 2: …"). */
export type ProblemPlace =
  | { kind: 'weekday'; day: Weekday; index: number }
  | { kind: 'break' | 'override'; date: string; index: number }
  | { kind: 'holiday'; date: string };

export type CalendarProblem =
  | { code: 'timezone' }
  | { code: 'time' | 'order' | 'overlap'; place: ProblemPlace }
  | { code: 'date' | 'duplicateDate'; place: ProblemPlace }
  | { code: 'noOpenHours' }
  | { code: 'calendar'; message: string };

const timePattern = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** "24:00" (the spec's end of day) is "00:00" in a time field. */
function toFieldTime(time: string): string {
  return time === '24:00' || time === '24:00:00' ? '00:00' : time;
}

function toRange([start, end]: LocalInterval): TimeRange {
  return { start: toFieldTime(start), end: toFieldTime(end) };
}

function secondsOf(time: string, isEnd: boolean): number {
  const [hours = 0, minutes = 0, seconds = 0] = time.split(':').map(Number);
  const total = hours * 3600 + minutes * 60 + seconds;
  // An end at midnight closes the day.
  return isEnd && total === 0 ? 24 * 3600 : total;
}

/** The form's values for a stored calendar. */
export function calendarDraftOf(spec: CalendarSpec): CalendarDraft {
  const weekly = Object.fromEntries(
    weekdays.map((day) => [day, (spec.weekly[day] ?? []).map(toRange)]),
  ) as Record<Weekday, TimeRange[]>;
  const dated = (entries: CalendarSpec['breaks']): DatedRanges[] =>
    (entries ?? [])
      .map((entry) => ({ date: entry.date, ranges: entry.intervals.map(toRange) }))
      .sort((left, right) => left.date.localeCompare(right.date));
  return {
    timezone: spec.timezone,
    weekly,
    holidays: [...(spec.holidays ?? [])].sort(),
    breaks: dated(spec.breaks),
    dateOverrides: dated(spec.dateOverrides),
  };
}

function isRealDate(date: string): boolean {
  if (!datePattern.test(date)) return false;
  const [year, month, day] = date.split('-').map(Number);
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

function rangeProblems(
  ranges: readonly TimeRange[],
  placeOf: (index: number) => ProblemPlace,
): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  ranges.forEach((range, index) => {
    if (!timePattern.test(range.start) || !timePattern.test(range.end))
      problems.push({ code: 'time', place: placeOf(index) });
    else if (secondsOf(range.start, false) >= secondsOf(range.end, true))
      problems.push({ code: 'order', place: placeOf(index) });
  });
  if (problems.length > 0) return problems;
  const sorted = ranges
    .map((range, index) => ({ index, start: secondsOf(range.start, false), end: secondsOf(range.end, true) }))
    .sort((left, right) => left.start - right.start);
  for (let position = 1; position < sorted.length; position += 1)
    if (sorted[position].start < sorted[position - 1].end)
      problems.push({ code: 'overlap', place: placeOf(sorted[position].index) });
  return problems;
}

function toInterval(range: TimeRange): LocalInterval {
  return [range.start, secondsOf(range.end, true) === 24 * 3600 ? '24:00' : range.end];
}

function sortedIntervals(ranges: readonly TimeRange[]): LocalInterval[] {
  return [...ranges]
    .sort((left, right) => secondsOf(left.start, false) - secondsOf(right.start, false))
    .map(toInterval);
}

/**
 * The calendar to send, or every problem to fix, each with its place. The rules are the API's
 * (`@vigie/sla-core`'s parser: time format, start before end, no overlap, real dates, one override per date);
 * the spec is finally built into a {@link BusinessCalendar}, so whatever it would still refuse is caught here.
 */
export function parseCalendarDraft(
  draft: CalendarDraft,
): { kind: 'ok'; spec: CalendarSpec } | { kind: 'invalid'; problems: CalendarProblem[] } {
  const problems: CalendarProblem[] = [];
  if (!isKnownTimeZone(draft.timezone)) problems.push({ code: 'timezone' });
  for (const day of weekdays)
    problems.push(...rangeProblems(draft.weekly[day], (index) => ({ kind: 'weekday', day, index })));
  for (const date of draft.holidays)
    if (!isRealDate(date)) problems.push({ code: 'date', place: { kind: 'holiday', date } });
  const datedProblems = (entries: readonly DatedRanges[], kind: 'break' | 'override') => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (!isRealDate(entry.date)) problems.push({ code: 'date', place: { kind, date: entry.date, index } });
      else if (seen.has(entry.date))
        problems.push({ code: 'duplicateDate', place: { kind, date: entry.date, index } });
      seen.add(entry.date);
      problems.push(
        ...rangeProblems(entry.ranges, (rangeIndex) => ({ kind, date: entry.date, index: rangeIndex })),
      );
    });
  };
  datedProblems(draft.breaks, 'break');
  datedProblems(draft.dateOverrides, 'override');
  const hasWeeklyHours = weekdays.some((day) => draft.weekly[day].length > 0);
  // Date overrides alone would leave the clock with nowhere to count once they are past.
  if (!hasWeeklyHours) problems.push({ code: 'noOpenHours' });
  if (problems.length > 0) return { kind: 'invalid', problems };

  const weekly: CalendarSpec['weekly'] = {};
  for (const day of weekdays)
    if (draft.weekly[day].length > 0) weekly[day] = sortedIntervals(draft.weekly[day]);
  const spec: CalendarSpec = {
    timezone: draft.timezone,
    weekly,
    holidays: [...new Set(draft.holidays)].sort(),
    // A break without periods removes nothing: it is left out.
    breaks: draft.breaks
      .filter((entry) => entry.ranges.length > 0)
      .map((entry) => ({ date: entry.date, intervals: sortedIntervals(entry.ranges) })),
    dateOverrides: draft.dateOverrides.map((entry) => ({
      date: entry.date,
      intervals: sortedIntervals(entry.ranges),
    })),
  };
  try {
    new BusinessCalendar(spec);
  } catch (error) {
    return {
      kind: 'invalid',
      problems: [{ code: 'calendar', message: error instanceof Error ? error.message : String(error) }],
    };
  }
  return { kind: 'ok', spec };
}

/**
 * A break every open day (lunch): each period of each day loses what overlaps `pause`, which splits a day of
 * 09:00-19:00 into 09:00-12:00 and 14:00-19:00. Days without hours stay closed. Null when `pause` is not a valid
 * period.
 */
export function applyDailyBreak(
  weekly: Record<Weekday, TimeRange[]>,
  pause: TimeRange,
): Record<Weekday, TimeRange[]> | null {
  if (!timePattern.test(pause.start) || !timePattern.test(pause.end)) return null;
  const pauseStart = secondsOf(pause.start, false);
  const pauseEnd = secondsOf(pause.end, true);
  if (pauseStart >= pauseEnd) return null;
  const split = (range: TimeRange): TimeRange[] => {
    if (!timePattern.test(range.start) || !timePattern.test(range.end)) return [range];
    const start = secondsOf(range.start, false);
    const end = secondsOf(range.end, true);
    if (pauseEnd <= start || pauseStart >= end) return [range];
    return [
      ...(start < pauseStart ? [{ start: range.start, end: pause.start }] : []),
      ...(pauseEnd < end ? [{ start: pause.end, end: range.end }] : []),
    ];
  };
  return Object.fromEntries(weekdays.map((day) => [day, weekly[day].flatMap(split)])) as Record<
    Weekday,
    TimeRange[]
  >;
}

/** Monday's periods (or another day's) copied to every working day, Monday to Friday. */
export function copyToWorkingDays(
  weekly: Record<Weekday, TimeRange[]>,
  from: Weekday,
): Record<Weekday, TimeRange[]> {
  const source = weekly[from];
  return Object.fromEntries(
    weekdays.map((day) => [
      day,
      workingDays.includes(day) ? source.map((range) => ({ ...range })) : weekly[day],
    ]),
  ) as Record<Weekday, TimeRange[]>;
}

/** Adds a holiday once, keeping the list in date order. */
export function withHoliday(holidays: readonly string[], date: string): string[] {
  return [...new Set([...holidays, date])].sort();
}
