import { DomainError } from '@vigie/kernel';

const maxDays = 10_000;
const dayMs = 86_400_000;

function invalid(message: string): DomainError {
  return new DomainError({ code: 'invalid', message: `Invalid iCalendar file: ${message}` });
}

/** "20261225" → day number since 1970-01-01 (UTC arithmetic on a civil date: no zone involved). */
function dayNumberOf(compact: string, line: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  if (!match) throw invalid(`expected a date YYYYMMDD in "${line}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw invalid(`no such date in "${line}"`);
  return Math.round(date.getTime() / dayMs);
}

function isoOf(dayNumber: number): string {
  return new Date(dayNumber * dayMs).toISOString().slice(0, 10);
}

/**
 * The local dates closed by the all-day events of an iCalendar file (RFC 5545), as holiday calendars publish
 * them: `DTSTART;VALUE=DATE:20261225`, with an optional exclusive `DTEND` for several days. Folded lines are
 * unfolded. Events with a time of day are not holidays and are skipped, as are recurrence rules (public
 * holiday feeds list each year's dates). Sorted, without duplicates.
 */
export function parseIcalHolidays(text: string): string[] {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  if (!lines.some((line) => line.trim().toUpperCase() === 'BEGIN:VCALENDAR'))
    throw invalid('it does not start a VCALENDAR');
  const days = new Set<number>();
  let event: { start?: number; end?: number; isTimed: boolean } | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    const upper = line.toUpperCase();
    if (upper === 'BEGIN:VEVENT') event = { isTimed: false };
    else if (upper === 'END:VEVENT') {
      if (event && !event.isTimed && event.start !== undefined) {
        const end = event.end ?? event.start + 1;
        if (end <= event.start) throw invalid(`an event ends before it starts (${isoOf(event.start)})`);
        for (let day = event.start; day < end; day += 1) {
          days.add(day);
          if (days.size > maxDays) throw invalid(`more than ${maxDays} holiday dates`);
        }
      }
      event = null;
    } else if (event && (upper.startsWith('DTSTART') || upper.startsWith('DTEND'))) {
      const separator = line.indexOf(':');
      const value = line.slice(separator + 1).trim();
      // A time of day (…T090000) is a meeting, not a closed day.
      if (!/^\d{8}$/.test(value)) {
        event.isTimed = true;
        continue;
      }
      const day = dayNumberOf(value, line);
      if (upper.startsWith('DTSTART')) event.start = day;
      else event.end = day;
    }
  }
  return [...days].sort((left, right) => left - right).map(isoOf);
}
