import { DomainError } from '@vigie/kernel';
import { BusinessCalendar, type CalendarSpec } from '@vigie/sla-core';

/**
 * The calendars that decide an agent's working hours: their own, which overrides everything, or else those of
 * their teams (the agent works when any of their teams' calendars is open). Neither: no restriction (always within
 * hours), as before calendars existed.
 */
export type AgentHours = { own: CalendarSpec | null; teams: readonly CalendarSpec[] };

/** Where an agent's hours come from: their own calendar, their teams' calendars, or nowhere (always on). */
export type HoursSource = 'agent' | 'team' | 'none';

const knownKeys = ['timezone', 'weekly', 'holidays', 'breaks', 'dateOverrides'];

function invalid(message: string): DomainError {
  return new DomainError({ code: 'invalid', message: `Invalid working hours: ${message}` });
}

/**
 * Validates a working-hours calendar as an admin writes it (the `CalendarSpec` of `@vigie/sla-core`: an IANA time
 * zone, weekly intervals, holidays, breaks and date overrides) and returns it with only the known fields.
 *
 * @throws DomainError `invalid` naming the field: not an object, an unknown field, a malformed zone, time, date or
 *   interval (from `BusinessCalendar`), or weekly hours that never open (set the agent offline instead).
 */
export function parseWorkingHours(input: unknown): CalendarSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw invalid('the calendar must be an object { timezone, weekly, holidays?, breaks?, dateOverrides? }');
  for (const key of Object.keys(input)) {
    if (!knownKeys.includes(key)) throw invalid(`unknown field "${key}" (expected ${knownKeys.join(', ')})`);
  }
  const spec = input as CalendarSpec;
  // The SLA calendar's own validation names the field (time zone, weekday, times, overlaps, dates).
  new BusinessCalendar(spec);
  const hasWeeklyHours = Object.values(spec.weekly).some(
    (intervals) => Array.isArray(intervals) && intervals.length > 0,
  );
  if (!hasWeeklyHours)
    throw invalid('weekly has no open interval: give at least one (or set the agent offline)');
  return {
    timezone: spec.timezone,
    weekly: spec.weekly,
    ...(spec.holidays !== undefined ? { holidays: spec.holidays } : {}),
    ...(spec.breaks !== undefined ? { breaks: spec.breaks } : {}),
    ...(spec.dateOverrides !== undefined ? { dateOverrides: spec.dateOverrides } : {}),
  };
}

/** Where `hours` come from. */
export function hoursSourceOf(hours: AgentHours): HoursSource {
  if (hours.own !== null) return 'agent';
  return hours.teams.length > 0 ? 'team' : 'none';
}

/**
 * Working-hours arithmetic for agents, over `BusinessCalendar`s compiled once per distinct calendar and kept (a
 * drain asks for every agent at once; compiling is the expensive part). Time is always a parameter.
 *
 * A stored calendar that no longer compiles (validation rules tightened since it was saved) is ignored rather than
 * thrown: the drain must keep running, and an agent without a usable calendar is treated as having none.
 */
export class WorkingHours {
  private readonly calendars = new Map<string, BusinessCalendar | null>();

  constructor(private readonly maxCachedCalendars = 1_000) {}

  /**
   * Whether the agent works at `at`: their own calendar is open, or (without one) any of their teams' calendars
   * is open, or no calendar applies at all. An opening instant is within hours, a closing instant is not.
   */
  isWithinHours(hours: AgentHours, at: Date): boolean {
    const calendars = this.calendarsOf(hours);
    return calendars === null || calendars.some((calendar) => calendar.isOpen(at));
  }

  /**
   * The next instant after `at` when the agent comes within hours: null when they are within hours now, when no
   * calendar applies, or when none of their calendars opens within five years.
   */
  nextOpening(hours: AgentHours, at: Date): Date | null {
    const calendars = this.calendarsOf(hours);
    if (calendars === null || calendars.some((calendar) => calendar.isOpen(at))) return null;
    let earliest: Date | null = null;
    for (const calendar of calendars) {
      let opening: Date;
      try {
        opening = calendar.nextOpening(at);
      } catch {
        continue;
      }
      if (earliest === null || opening.getTime() < earliest.getTime()) earliest = opening;
    }
    return earliest;
  }

  /** The calendars that apply, or null when none does (always within hours). */
  private calendarsOf(hours: AgentHours): BusinessCalendar[] | null {
    const specs = hours.own !== null ? [hours.own] : hours.teams;
    const calendars = specs.flatMap((spec) => {
      const calendar = this.compiled(spec);
      return calendar ? [calendar] : [];
    });
    return calendars.length === 0 ? null : calendars;
  }

  private compiled(spec: CalendarSpec): BusinessCalendar | null {
    const key = JSON.stringify(spec);
    const cached = this.calendars.get(key);
    if (cached !== undefined) return cached;
    let calendar: BusinessCalendar | null;
    try {
      calendar = new BusinessCalendar(spec);
    } catch {
      calendar = null;
    }
    // Calendars are few (one per agent or team at most); the bound only protects against a pathological churn.
    if (this.calendars.size >= this.maxCachedCalendars) this.calendars.clear();
    this.calendars.set(key, calendar);
    return calendar;
  }
}
