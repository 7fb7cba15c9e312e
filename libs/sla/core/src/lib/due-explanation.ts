import { type BusinessCalendar } from './business-calendar.calculator';
import { assertNever } from '@vigie/kernel';
import {
  civilFromDayNumber,
  formatDayNumber,
  MILLISECONDS_PER_DAY,
  parseLocalDate,
  weekdayIndexOfDayNumber,
} from './civil-date.util';
import { type SlaHours } from './sla-policy';
import { CachedTimeZoneResolver } from './time-zone.resolver';

/**
 * One step towards a due time, as data, so a console can say it in its own language and format (days are local
 * dates `YYYY-MM-DD` in the calendar's zone; instants are absolute).
 */
export type DueStep =
  | { kind: 'started'; how: 'received' | 'resumed'; at: Date; isOutsideHours: boolean }
  | { kind: 'already_counted'; ms: number }
  | { kind: 'calendar_time'; ms: number }
  | { kind: 'opens'; at: Date }
  | { kind: 'closed'; firstDay: string; lastDay: string }
  | { kind: 'counted'; ms: number; day: string };

/** A due time in words (English: logs, events, API readers): one summary line and its steps, and the steps as data. */
export type DueExplanation = { summary: string; steps: string[]; parts: DueStep[] };

// English abbreviations written out rather than taken from Intl: ICU versions disagree ("Sep" or "Sept").
const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const maxResolvers = 256;
const resolvers = new Map<string, CachedTimeZoneResolver>();

/**
 * One resolver per zone, for the life of the process: explanations are written for every clock that starts
 * and every clock view pushed to the consoles, so a burst asks the same midnights and minutes again and again.
 */
function resolverOf(timezone: string): CachedTimeZoneResolver {
  let resolver = resolvers.get(timezone);
  if (!resolver) {
    if (resolvers.size >= maxResolvers) resolvers.clear();
    resolver = new CachedTimeZoneResolver(timezone);
    resolvers.set(timezone, resolver);
  }
  return resolver;
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** "Mon 23 Nov" of a local day number. */
function formatDay(dayNumber: number): string {
  const { month, day } = civilFromDayNumber(dayNumber);
  return `${weekdayNames[weekdayIndexOfDayNumber(dayNumber)]} ${day} ${monthNames[month - 1]}`;
}

/** "Mon 23 Nov" of a local date "2026-11-23" (one this module wrote). */
function formatIsoDay(date: string): string {
  const dayNumber = parseLocalDate(date);
  return dayNumber === undefined ? date : formatDay(dayNumber);
}

/** "Mon 23 Nov 10:00" in the zone: how explanations and logs write an instant. */
export function formatInstantIn(at: Date, timezone: string): string {
  const epochMs = at.getTime();
  const localMs = epochMs + resolverOf(timezone).offsetMsAt(epochMs);
  const dayNumber = Math.floor(localMs / MILLISECONDS_PER_DAY);
  const minutesOfDay = Math.floor((localMs - dayNumber * MILLISECONDS_PER_DAY) / 60_000);
  return `${formatDay(dayNumber)} ${twoDigits(Math.floor(minutesOfDay / 60))}:${twoDigits(minutesOfDay % 60)}`;
}

/** "1 h 30 min", "45 min", "2 h", "20 s". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.round(totalSeconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/**
 * Explains a due time: "due Mon 23 Nov 10:00 because: received Fri 20 Nov 19:30, after hours; closed Sat 21
 * Nov – Sun 22 Nov; opens Mon 23 Nov 09:00; 1 h on Mon 23 Nov". Business time is grouped per local day of the
 * calendar's zone; consecutive closed days are one step. Wall-clock clocks say so in one step.
 */
export function explainDueAt(params: {
  calendar: BusinessCalendar;
  timezone: string;
  hours: SlaHours;
  /** When the counting (re)started: the customer's message, or the end of a pause. */
  from: Date;
  /** Time already counted before `from` (a pause). */
  consumedMs: number;
  targetMs: number;
  dueAt: Date;
  /** What happened at `from`: "received" or "resumed". */
  fromLabel: 'received' | 'resumed';
}): DueExplanation {
  const { calendar, timezone, from, dueAt } = params;
  const parts: DueStep[] = [];
  const isOpenAtStart = params.hours === 'calendar' || calendar.isOpen(from);
  parts.push({ kind: 'started', how: params.fromLabel, at: from, isOutsideHours: !isOpenAtStart });
  if (params.consumedMs > 0) parts.push({ kind: 'already_counted', ms: params.consumedMs });
  if (params.hours === 'calendar') {
    parts.push({ kind: 'calendar_time', ms: params.targetMs - params.consumedMs });
  } else {
    const opensAt = isOpenAtStart ? null : calendar.nextOpening(from);
    parts.push(...businessDaySteps({ calendar, timezone, from, dueAt, opensAt }));
  }
  const steps = parts.map((part) => describeStep(part, timezone));
  const summary = `due ${formatInstantIn(dueAt, timezone)} because: ${steps.join('; ')}`;
  return { summary, steps, parts };
}

/** A step in English. */
function describeStep(step: DueStep, timezone: string): string {
  switch (step.kind) {
    case 'started':
      return `${step.how} ${formatInstantIn(step.at, timezone)}${step.isOutsideHours ? ', outside business hours' : ''}`;
    case 'already_counted':
      return `${formatDuration(step.ms)} already counted before the pause`;
    case 'calendar_time':
      return `${formatDuration(step.ms)} of calendar time (every hour counts)`;
    case 'opens':
      return `opens ${formatInstantIn(step.at, timezone)}`;
    case 'closed':
      return step.firstDay === step.lastDay
        ? `closed ${formatIsoDay(step.firstDay)}`
        : `closed ${formatIsoDay(step.firstDay)} – ${formatIsoDay(step.lastDay)}`;
    case 'counted':
      return `${formatDuration(step.ms)} on ${formatIsoDay(step.day)}`;
    default:
      return assertNever(step, 'Unknown due step');
  }
}

function businessDaySteps(params: {
  calendar: BusinessCalendar;
  timezone: string;
  from: Date;
  dueAt: Date;
  /** Said just before the first counted day when the clock started outside business hours. */
  opensAt: Date | null;
}): DueStep[] {
  const steps: DueStep[] = [];
  let opensAt = params.opensAt;
  const resolver = resolverOf(params.timezone);
  const fromMs = params.from.getTime();
  const dueMs = params.dueAt.getTime();
  // Consecutive closed days (local day numbers), reported as one step when the next counted day (or the end)
  // comes.
  const closedDays: number[] = [];
  const flushClosed = () => {
    const first = closedDays[0];
    const last = closedDays[closedDays.length - 1];
    if (first === undefined || last === undefined) return;
    steps.push({ kind: 'closed', firstDay: formatDayNumber(first), lastDay: formatDayNumber(last) });
    closedDays.length = 0;
  };
  const firstDay = resolver.localDayNumberOf(fromMs);
  const lastDay = resolver.localDayNumberOf(dueMs);
  // A due time is at most a few weeks away for real targets; the bound keeps a year-long target readable.
  for (let day = firstDay; day <= lastDay && day - firstDay < 400; day += 1) {
    // A local midnight that does not exist (a DST jump at 00:00) starts the day at the end of the gap.
    const dayStartMs = resolver.epochMsOfLocal(day, 0);
    const countFrom = Math.max(dayStartMs, fromMs);
    const countTo = Math.min(resolver.epochMsOfLocal(day + 1, 0), dueMs);
    const countedMs =
      countTo > countFrom ? params.calendar.businessTimeBetween(new Date(countFrom), new Date(countTo)) : 0;
    if (countedMs === 0) {
      // The due day itself (due at its opening) and the start day are not "closed days".
      const isEdgeDay = day === lastDay || dayStartMs <= fromMs;
      if (!isEdgeDay) closedDays.push(day);
      continue;
    }
    flushClosed();
    if (opensAt) steps.push({ kind: 'opens', at: opensAt });
    opensAt = null;
    steps.push({ kind: 'counted', ms: countedMs, day: formatDayNumber(day) });
  }
  flushClosed();
  return steps;
}
