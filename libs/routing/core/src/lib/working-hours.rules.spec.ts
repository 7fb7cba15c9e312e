import { DomainError } from '@vigie/kernel';
import type { CalendarSpec } from '@vigie/sla-core';
import { hoursSourceOf, parseWorkingHours, WorkingHours, type AgentHours } from './working-hours.rules';

/** Mornings in Paris, Monday to Friday. */
const mornings: CalendarSpec = {
  timezone: 'Europe/Paris',
  weekly: {
    mon: [['08:00', '12:00']],
    tue: [['08:00', '12:00']],
    wed: [['08:00', '12:00']],
    thu: [['08:00', '12:00']],
    fri: [['08:00', '12:00']],
  },
  holidays: ['2026-12-25'],
};
/** Afternoons and evenings in Paris, every day. */
const evenings: CalendarSpec = {
  timezone: 'Europe/Paris',
  weekly: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => [day, [['14:00', '22:00']]]),
  ),
};
/** New York office hours. */
const newYork: CalendarSpec = { timezone: 'America/New_York', weekly: { tue: [['09:00', '17:00']] } };

const own = (spec: CalendarSpec): AgentHours => ({ own: spec, teams: [] });
const teams = (...specs: CalendarSpec[]): AgentHours => ({ own: null, teams: specs });
const none: AgentHours = { own: null, teams: [] };

describe('WorkingHours', () => {
  const hours = new WorkingHours();

  it.each<[string, AgentHours, string, boolean]>([
    ['no calendar at all: always', none, '2026-11-24T03:00:00Z', true],
    ['own mornings, Tuesday 10:00 Paris', own(mornings), '2026-11-24T09:00:00Z', true],
    ['own mornings, the opening instant', own(mornings), '2026-11-24T07:00:00Z', true],
    ['own mornings, the closing instant', own(mornings), '2026-11-24T11:00:00Z', false],
    ['own mornings, Saturday', own(mornings), '2026-11-28T09:00:00Z', false],
    ['own mornings, a holiday', own(mornings), '2026-12-25T09:00:00Z', false],
    ['a team calendar applies without an own one', teams(mornings), '2026-11-24T09:00:00Z', true],
    ['any open team calendar is enough', teams(mornings, evenings), '2026-11-24T15:00:00Z', true],
    ['no team calendar open', teams(mornings, evenings), '2026-11-24T12:00:00Z', false],
    [
      "the agent's own calendar overrides the teams'",
      { own: mornings, teams: [evenings] },
      '2026-11-24T15:00:00Z',
      false,
    ],
    ['another time zone (Tuesday 10:00 in New York)', own(newYork), '2026-11-24T15:00:00Z', true],
    ['a DST day in Paris (Monday 30 March, 08:30 CEST)', own(mornings), '2026-03-30T06:30:00Z', true],
  ])('%s → %s', (_label, agentHours, at, expected) => {
    expect(hours.isWithinHours(agentHours, new Date(at))).toBe(expected);
  });

  it.each<[string, AgentHours, string, string | null]>([
    ['within hours: no opening to wait for', own(mornings), '2026-11-24T09:00:00Z', null],
    ['no calendar: never waits', none, '2026-11-24T03:00:00Z', null],
    [
      'Tuesday lunchtime: Wednesday 08:00 Paris',
      own(mornings),
      '2026-11-24T12:00:00Z',
      '2026-11-25T07:00:00.000Z',
    ],
    ['Friday evening: Monday 08:00 Paris', own(mornings), '2026-11-27T18:00:00Z', '2026-11-30T07:00:00.000Z'],
    ['over a holiday: the day after', own(mornings), '2026-12-24T12:00:00Z', '2026-12-28T07:00:00.000Z'],
    [
      'the earliest of the teams’ openings',
      teams(mornings, evenings),
      '2026-11-24T12:00:00Z',
      '2026-11-24T13:00:00.000Z',
    ],
  ])('next opening when %s', (_label, agentHours, at, expected) => {
    expect(hours.nextOpening(agentHours, new Date(at))?.toISOString() ?? null).toBe(expected);
  });

  it('ignores a stored calendar that no longer compiles, as if the agent had none', () => {
    const broken = { timezone: 'Mars/Olympus', weekly: {} } as CalendarSpec;
    expect(hours.isWithinHours(own(broken), new Date('2026-11-24T03:00:00Z'))).toBe(true);
    expect(hours.isWithinHours(teams(broken, mornings), new Date('2026-11-24T03:00:00Z'))).toBe(false);
  });

  it('says where the hours come from', () => {
    expect(hoursSourceOf(own(mornings))).toBe('agent');
    expect(hoursSourceOf({ own: mornings, teams: [evenings] })).toBe('agent');
    expect(hoursSourceOf(teams(evenings))).toBe('team');
    expect(hoursSourceOf(none)).toBe('none');
  });
});

describe('parseWorkingHours', () => {
  it('keeps the known fields of a valid calendar', () => {
    expect(parseWorkingHours(mornings)).toEqual(mornings);
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'weekdays', 'must be an object'],
    ['an unknown field', { ...mornings, lunch: [] }, 'unknown field "lunch"'],
    ['an unknown time zone', { ...mornings, timezone: 'Paris' }, 'timezone must be an IANA time zone'],
    [
      'an unknown weekday',
      { timezone: 'Europe/Paris', weekly: { monday: [['08:00', '12:00']] } },
      'unknown weekday',
    ],
    [
      'an interval that ends before it starts',
      { timezone: 'Europe/Paris', weekly: { mon: [['12:00', '08:00']] } },
      'weekly.mon[0] must start before it ends',
    ],
    [
      'a malformed time',
      { timezone: 'Europe/Paris', weekly: { mon: [['8h', '12:00']] } },
      'weekly.mon[0] start',
    ],
    [
      'no open hours at all',
      { timezone: 'Europe/Paris', weekly: { mon: [] } },
      'weekly has no open interval',
    ],
  ])('refuses %s with a message naming the field', (_label, input, fragment) => {
    let caught: unknown;
    try {
      parseWorkingHours(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('invalid');
    expect((caught as DomainError).message).toContain(fragment);
  });
});
