import { type BusinessCalendar } from '@vigie/sla-core';

/** How far ahead the end of the current open period is looked for (a week of 24/7 has none). */
const searchHorizonMs = 14 * 24 * 3_600_000;
/** The scan's step: closed gaps shorter than this (a 3-minute break) are not seen. */
const scanStepMs = 5 * 60_000;

/**
 * When the brand opens next, for `{{next_opening}}`: when closed at `at`, the next opening; when open, the
 * opening that follows the end of the current period (a lunch break's end, tomorrow morning…), which is what an
 * answer saying "we are back …" means. Null for a calendar that never closes within two weeks.
 *
 * The end of the current period is found by scanning in 5-minute steps, then narrowing to the millisecond:
 * `BusinessCalendar` answers "is it open" and "when does it open", not "when does it close".
 */
export function nextOpeningAfter(calendar: BusinessCalendar, at: Date): Date | null {
  if (!calendar.isOpen(at)) return calendar.nextOpening(at);
  const start = at.getTime();
  let open = start;
  let closed: number | null = null;
  for (let probe = start + scanStepMs; probe <= start + searchHorizonMs; probe += scanStepMs) {
    if (!calendar.isOpen(new Date(probe))) {
      closed = probe;
      break;
    }
    open = probe;
  }
  if (closed === null) return null;
  // Open at `open`, closed at `closed`: the closing instant is the first closed millisecond in between.
  while (closed - open > 1) {
    const middle = Math.floor((open + closed) / 2);
    if (calendar.isOpen(new Date(middle))) open = middle;
    else closed = middle;
  }
  return calendar.nextOpening(new Date(closed));
}
