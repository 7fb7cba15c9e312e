import { DateTime } from 'luxon';
import { type BusinessCalendar } from './business-calendar.calculator';
import { type SlaHours } from './sla-policy';

/** A due time in words: one summary line and the steps that lead to it. */
export type DueExplanation = { summary: string; steps: string[] };

const locale = 'en-GB';

/** "Mon 23 Nov 10:00" in the zone: how explanations and logs write an instant. */
export function formatInstantIn(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).setLocale(locale).toFormat('ccc d LLL HH:mm');
}

function formatDay(day: DateTime): string {
  return day.setLocale(locale).toFormat('ccc d LLL');
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
  const steps: string[] = [];
  const isOpenAtStart = params.hours === 'calendar' || calendar.isOpen(from);
  steps.push(
    `${params.fromLabel} ${formatInstantIn(from, timezone)}${isOpenAtStart ? '' : ', outside business hours'}`,
  );
  if (params.consumedMs > 0)
    steps.push(`${formatDuration(params.consumedMs)} already counted before the pause`);
  if (params.hours === 'calendar') {
    steps.push(`${formatDuration(params.targetMs - params.consumedMs)} of calendar time (every hour counts)`);
  } else {
    const opensAt = isOpenAtStart ? null : `opens ${formatInstantIn(calendar.nextOpening(from), timezone)}`;
    steps.push(...businessDaySteps({ calendar, timezone, from, dueAt, opensAt }));
  }
  const summary = `due ${formatInstantIn(dueAt, timezone)} because: ${steps.join('; ')}`;
  return { summary, steps };
}

function businessDaySteps(params: {
  calendar: BusinessCalendar;
  timezone: string;
  from: Date;
  dueAt: Date;
  /** Said just before the first counted day when the clock started outside business hours. */
  opensAt: string | null;
}): string[] {
  const steps: string[] = [];
  let opensAt = params.opensAt;
  // Consecutive closed days, reported as one step when the next counted day (or the end) comes.
  const closedDays: DateTime[] = [];
  const flushClosed = () => {
    const first = closedDays[0];
    const last = closedDays[closedDays.length - 1];
    if (!first || !last) return;
    steps.push(
      first === last ? `closed ${formatDay(first)}` : `closed ${formatDay(first)} – ${formatDay(last)}`,
    );
    closedDays.length = 0;
  };
  let day = DateTime.fromJSDate(params.from, { zone: params.timezone }).startOf('day');
  const lastDay = DateTime.fromJSDate(params.dueAt, { zone: params.timezone }).startOf('day');
  // A due time is at most a few weeks away for real targets; the bound keeps a year-long target readable.
  for (let index = 0; day <= lastDay && index < 400; index += 1, day = day.plus({ days: 1 })) {
    const dayStart = Math.max(day.toMillis(), params.from.getTime());
    const dayEnd = Math.min(day.plus({ days: 1 }).toMillis(), params.dueAt.getTime());
    const countedMs =
      dayEnd > dayStart ? params.calendar.businessTimeBetween(new Date(dayStart), new Date(dayEnd)) : 0;
    if (countedMs === 0) {
      // The due day itself (due at its opening) and the start day are not "closed days".
      const isEdgeDay = day.hasSame(lastDay, 'day') || day.toMillis() <= params.from.getTime();
      if (!isEdgeDay) closedDays.push(day);
      continue;
    }
    flushClosed();
    if (opensAt) steps.push(opensAt);
    opensAt = null;
    steps.push(`${formatDuration(countedMs)} on ${formatDay(day)}`);
  }
  flushClosed();
  return steps;
}
