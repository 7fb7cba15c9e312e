/** Local wall-clock interval `[start, end)`: "HH:MM" or "HH:MM:SS"; "24:00" is the end of the day. */
export type LocalInterval = [start: string, end: string];

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Intervals attached to one local date ("YYYY-MM-DD"). */
export type DatedIntervals = { date: string; intervals: LocalInterval[] };

/**
 * Business hours of one team, in the team's time zone.
 *
 * Precedence for a local date: a holiday closes it; otherwise a date override replaces the weekly
 * hours; then the breaks of that date are removed from whatever hours remain.
 */
export type CalendarSpec = {
  /** IANA time zone, e.g. "Europe/Paris". */
  timezone: string;
  /** Open intervals per weekday; a missing weekday is closed. */
  weekly: Partial<Record<Weekday, LocalInterval[]>>;
  /** Local dates closed all day. */
  holidays?: string[];
  /** Intervals removed from the hours of their local date. */
  breaks?: DatedIntervals[];
  /** Intervals replacing the weekly hours of their local date (an empty list closes the date). */
  dateOverrides?: DatedIntervals[];
};
