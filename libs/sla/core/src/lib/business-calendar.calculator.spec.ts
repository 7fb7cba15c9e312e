import { DomainError } from '@vigie/kernel';
import { newYorkSupportSpec, parisAlwaysOpenSpec, parisOfficeSpec } from '../testing/calendar.fixture';
import { ReferenceWalk } from '../testing/reference-walk.helper';
import { BusinessCalendar } from './business-calendar.calculator';
import { type CalendarSpec, type LocalInterval } from './calendar-spec.type';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Instants are written with their offset so each row reads as local time. */
const at = (iso: string): Date => new Date(iso);
const iso = (date: Date): string => date.toISOString();

// Paris office: Mon-Fri 09:00-12:00 / 14:00-19:00, French public holidays.
// June 2025: Mon 16 … Fri 20, Sat 21, Sun 22, Mon 23 (CEST, +02:00). 1 May 2025 is a Thursday holiday.
const paris = new BusinessCalendar(parisOfficeSpec);

describe('BusinessCalendar on a Paris office calendar', () => {
  it.each([
    ['2025-06-17T09:00:00+02:00', true, 'an opening instant is open'],
    ['2025-06-17T11:59:59.999+02:00', true, 'the last millisecond before lunch is open'],
    ['2025-06-17T12:00:00+02:00', false, 'a closing instant is closed'],
    ['2025-06-17T13:00:00+02:00', false, 'lunch is closed'],
    ['2025-06-17T19:00:00+02:00', false, 'the evening closing instant is closed'],
    ['2025-06-21T10:00:00+02:00', false, 'Saturday is closed'],
    ['2025-05-01T10:00:00+02:00', false, 'a public holiday is closed'],
    ['2025-12-25T10:00:00+01:00', false, 'Christmas is closed'],
  ])('isOpen(%s) is %p: %s', (instant, expected) => {
    expect(paris.isOpen(at(instant))).toBe(expected);
  });

  it.each([
    ['2025-06-17T10:00:00+02:00', '2025-06-17T10:00:00+02:00', 'itself when open'],
    [
      '2025-06-17T12:00:00+02:00',
      '2025-06-17T14:00:00+02:00',
      'the afternoon from the lunch closing instant',
    ],
    ['2025-06-17T19:30:00+02:00', '2025-06-18T09:00:00+02:00', 'the next morning in the evening'],
    ['2025-06-21T10:00:00+02:00', '2025-06-23T09:00:00+02:00', 'Monday from Saturday'],
    ['2025-04-30T19:00:00+02:00', '2025-05-02T09:00:00+02:00', 'the day after a holiday'],
  ])('nextOpening(%s) is %s: %s', (instant, expected) => {
    expect(iso(paris.nextOpening(at(instant)))).toBe(iso(at(expected)));
  });

  it.each([
    ['2025-06-17T10:00:00+02:00', 1 * HOUR_MS, '2025-06-17T11:00:00+02:00', 'within a period'],
    ['2025-06-17T10:00:00+02:00', 3 * HOUR_MS, '2025-06-17T15:00:00+02:00', 'across the lunch break'],
    [
      '2025-06-17T11:00:00+02:00',
      1 * HOUR_MS,
      '2025-06-17T14:00:00+02:00',
      'exact fill at lunch: next period start',
    ],
    [
      '2025-06-17T18:00:00+02:00',
      1 * HOUR_MS,
      '2025-06-18T09:00:00+02:00',
      'exact fill at close: next morning',
    ],
    [
      '2025-06-20T18:00:00+02:00',
      1 * HOUR_MS,
      '2025-06-23T09:00:00+02:00',
      'exact fill on Friday: Monday morning',
    ],
    ['2025-06-16T09:00:00+02:00', 40 * HOUR_MS, '2025-06-23T09:00:00+02:00', 'a whole week filled exactly'],
    ['2025-06-20T18:30:00+02:00', 1 * HOUR_MS, '2025-06-23T09:30:00+02:00', 'over the weekend'],
    [
      '2025-06-21T10:00:00+02:00',
      1 * HOUR_MS,
      '2025-06-23T10:00:00+02:00',
      'from a closed day: counts from the opening',
    ],
    ['2025-06-17T12:30:00+02:00', 30 * MINUTE_MS, '2025-06-17T14:30:00+02:00', 'from lunch'],
    ['2025-06-17T19:00:00+02:00', 1 * HOUR_MS, '2025-06-18T10:00:00+02:00', 'from a closing instant'],
    ['2025-04-30T18:00:00+02:00', 2 * HOUR_MS, '2025-05-02T10:00:00+02:00', 'skipping the 1 May holiday'],
    [
      '2025-03-28T18:00:00+01:00',
      2 * HOUR_MS,
      '2025-03-31T10:00:00+02:00',
      'over the spring-forward weekend',
    ],
    ['2025-06-17T10:00:00+02:00', 0, '2025-06-17T10:00:00+02:00', 'adding 0 when open: itself'],
    ['2025-06-17T09:00:00+02:00', 0, '2025-06-17T09:00:00+02:00', 'adding 0 at an opening instant: itself'],
    ['2025-06-17T12:30:00+02:00', 0, '2025-06-17T14:00:00+02:00', 'adding 0 when closed: the next opening'],
    [
      '2025-06-17T19:00:00+02:00',
      0,
      '2025-06-18T09:00:00+02:00',
      'adding 0 at a closing instant: the next opening',
    ],
    ['2025-06-17T10:00:00+02:00', 0.4, '2025-06-17T10:00:00+02:00', 'a sub-millisecond duration rounds to 0'],
  ])('addBusinessTime(%s, %d ms) is %s: %s', (from, durationMs, expected) => {
    expect(iso(paris.addBusinessTime(at(from), durationMs))).toBe(iso(at(expected)));
  });

  it.each([
    [
      '2025-06-17T15:00:00+02:00',
      1 * HOUR_MS,
      '2025-06-17T14:00:00+02:00',
      'landing on an opening instant stays there',
    ],
    ['2025-06-17T15:00:00+02:00', 2 * HOUR_MS, '2025-06-17T11:00:00+02:00', 'across the lunch break'],
    ['2025-06-17T14:00:00+02:00', 1 * HOUR_MS, '2025-06-17T11:00:00+02:00', 'from an opening instant'],
    ['2025-06-17T09:00:00+02:00', 5 * HOUR_MS, '2025-06-16T14:00:00+02:00', 'into the previous afternoon'],
    ['2025-06-23T10:00:00+02:00', 2 * HOUR_MS, '2025-06-20T18:00:00+02:00', 'back over the weekend'],
    ['2025-06-22T12:00:00+02:00', 1 * HOUR_MS, '2025-06-20T18:00:00+02:00', 'from a closed day'],
    ['2025-05-02T10:00:00+02:00', 2 * HOUR_MS, '2025-04-30T18:00:00+02:00', 'back over the 1 May holiday'],
    [
      '2025-06-17T19:00:00+02:00',
      0,
      '2025-06-17T19:00:00+02:00',
      'subtracting 0 at a closing instant: itself',
    ],
    [
      '2025-06-17T14:00:00+02:00',
      0,
      '2025-06-17T14:00:00+02:00',
      'subtracting 0 at an opening instant: itself',
    ],
    ['2025-06-17T10:00:00+02:00', 0, '2025-06-17T10:00:00+02:00', 'subtracting 0 when open: itself'],
    [
      '2025-06-17T20:00:00+02:00',
      0,
      '2025-06-17T19:00:00+02:00',
      'subtracting 0 when closed: the previous closing',
    ],
    [
      '2025-06-17T12:30:00+02:00',
      0,
      '2025-06-17T12:00:00+02:00',
      'subtracting 0 at lunch: the lunch closing',
    ],
  ])('subtractBusinessTime(%s, %d ms) is %s: %s', (from, durationMs, expected) => {
    expect(iso(paris.subtractBusinessTime(at(from), durationMs))).toBe(iso(at(expected)));
  });

  it.each([
    ['2025-06-17T10:00:00+02:00', '2025-06-17T10:00:00+02:00', 0, 'from equal to to: 0'],
    ['2025-06-17T15:00:00+02:00', '2025-06-17T10:00:00+02:00', 0, 'from after to: 0'],
    ['2025-06-17T10:00:00+02:00', '2025-06-17T11:00:00+02:00', 1 * HOUR_MS, 'within a period'],
    ['2025-06-17T11:00:00+02:00', '2025-06-17T15:00:00+02:00', 2 * HOUR_MS, 'lunch does not count'],
    ['2025-06-17T00:00:00+02:00', '2025-06-18T00:00:00+02:00', 8 * HOUR_MS, 'a full day'],
    ['2025-06-16T00:00:00+02:00', '2025-06-23T00:00:00+02:00', 40 * HOUR_MS, 'a full week'],
    ['2025-04-28T00:00:00+02:00', '2025-05-05T00:00:00+02:00', 32 * HOUR_MS, 'a week with the 1 May holiday'],
    ['2025-03-24T00:00:00+01:00', '2025-03-31T00:00:00+02:00', 40 * HOUR_MS, 'the spring-forward week'],
    ['2025-06-17T19:00:00+02:00', '2025-06-17T19:30:00+02:00', 0, 'from a closing instant'],
    [
      '2025-06-17T09:00:00+02:00',
      '2025-06-17T09:00:00.001+02:00',
      1,
      'one millisecond from an opening instant',
    ],
  ])('businessTimeBetween(%s, %s) is %d ms: %s', (from, to, expectedMs) => {
    expect(paris.businessTimeBetween(at(from), at(to))).toBe(expectedMs);
  });
});

describe('BusinessCalendar with overrides, breaks and holidays', () => {
  const calendar = new BusinessCalendar({
    ...parisOfficeSpec,
    dateOverrides: [
      { date: '2025-06-21', intervals: [['10:00', '12:00']] }, // an open Saturday
      { date: '2025-06-18', intervals: [] }, // a closed Wednesday
      { date: '2025-07-14', intervals: [['09:00', '10:00']] }, // Bastille Day: the holiday wins
    ],
    breaks: [
      { date: '2025-06-19', intervals: [['15:00', '16:00']] }, // on weekly hours
      { date: '2025-06-21', intervals: [['11:00', '11:30']] }, // on overridden hours
    ],
  });

  it.each([
    ['2025-06-21', 90 * MINUTE_MS, 'an override opens a Saturday, minus its break'],
    ['2025-06-18', 0, 'an empty override closes a weekday'],
    ['2025-07-14', 0, 'a holiday wins over an override'],
    ['2025-06-19', 7 * HOUR_MS, 'a break is removed from weekly hours'],
    ['2025-06-17', 8 * HOUR_MS, 'other dates keep their weekly hours'],
  ])('counts the business time of %s as %d ms: %s', (date, expectedMs) => {
    expect(calendar.businessTimeBetween(at(`${date}T00:00:00+02:00`), at(`${date}T24:00:00+02:00`))).toBe(
      expectedMs,
    );
  });

  it.each([
    ['2025-06-19T14:30:00+02:00', 1 * HOUR_MS, '2025-06-19T16:30:00+02:00', 'a break is skipped'],
    [
      '2025-06-20T18:00:00+02:00',
      2 * HOUR_MS,
      '2025-06-21T11:30:00+02:00',
      'exact fill at a break start: the break end',
    ],
    [
      '2025-06-17T18:00:00+02:00',
      2 * HOUR_MS,
      '2025-06-19T10:00:00+02:00',
      'the closed Wednesday is skipped',
    ],
    [
      '2025-07-11T18:00:00+02:00',
      2 * HOUR_MS,
      '2025-07-15T10:00:00+02:00',
      'the overridden holiday stays closed',
    ],
  ])('addBusinessTime(%s, %d ms) is %s: %s', (from, durationMs, expected) => {
    expect(iso(calendar.addBusinessTime(at(from), durationMs))).toBe(iso(at(expected)));
  });

  it('is closed during a break on overridden hours', () => {
    expect(calendar.isOpen(at('2025-06-21T11:15:00+02:00'))).toBe(false);
    expect(calendar.isOpen(at('2025-06-21T11:30:00+02:00'))).toBe(true);
  });
});

/** A calendar open on Sundays only, to pin one interval on DST Sundays. */
function sundayCalendar(timezone: string, interval: LocalInterval): BusinessCalendar {
  return new BusinessCalendar({ timezone, weekly: { sun: [interval] } });
}

describe('BusinessCalendar on DST days', () => {
  it.each([
    // zone, Sunday, interval, opening (UTC), closing (UTC), elapsed ms
    [
      'Europe/Paris',
      '2024-03-31',
      ['01:00', '02:30'],
      '2024-03-31T00:00:00Z',
      '2024-03-31T01:30:00Z',
      90 * MINUTE_MS,
    ],
    [
      'Europe/Paris',
      '2024-03-31',
      ['02:30', '04:00'],
      '2024-03-31T01:30:00Z',
      '2024-03-31T02:00:00Z',
      30 * MINUTE_MS,
    ],
    [
      'Europe/Paris',
      '2024-10-27',
      ['02:00', '03:00'],
      '2024-10-27T00:00:00Z',
      '2024-10-27T02:00:00Z',
      2 * HOUR_MS,
    ],
    [
      'Europe/Paris',
      '2024-10-27',
      ['01:00', '02:30'],
      '2024-10-26T23:00:00Z',
      '2024-10-27T00:30:00Z',
      90 * MINUTE_MS,
    ],
    [
      'Europe/Paris',
      '2024-10-27',
      ['02:30', '04:00'],
      '2024-10-27T00:30:00Z',
      '2024-10-27T03:00:00Z',
      150 * MINUTE_MS,
    ],
    [
      'America/New_York',
      '2024-03-10',
      ['01:00', '02:30'],
      '2024-03-10T06:00:00Z',
      '2024-03-10T07:30:00Z',
      90 * MINUTE_MS,
    ],
    [
      'America/New_York',
      '2024-03-10',
      ['02:30', '04:00'],
      '2024-03-10T07:30:00Z',
      '2024-03-10T08:00:00Z',
      30 * MINUTE_MS,
    ],
    [
      'America/New_York',
      '2024-11-03',
      ['01:00', '02:30'],
      '2024-11-03T05:00:00Z',
      '2024-11-03T07:30:00Z',
      150 * MINUTE_MS,
    ],
    [
      'America/New_York',
      '2024-11-03',
      ['02:00', '03:00'],
      '2024-11-03T07:00:00Z',
      '2024-11-03T08:00:00Z',
      1 * HOUR_MS,
    ],
    [
      'America/New_York',
      '2024-11-03',
      ['01:30', '02:00'],
      '2024-11-03T05:30:00Z',
      '2024-11-03T07:00:00Z',
      90 * MINUTE_MS,
    ],
  ] as [string, string, LocalInterval, string, string, number][])(
    '%s on %s maps %j to [%s, %s), %d ms of business time',
    (timezone, date, interval, openingIso, closingIso, elapsedMs) => {
      const calendar = sundayCalendar(timezone, interval);
      const dayBefore = at(`${date}T00:00:00Z`).getTime() - 24 * HOUR_MS;
      expect(iso(calendar.nextOpening(new Date(dayBefore)))).toBe(iso(at(openingIso)));
      expect(calendar.isOpen(at(openingIso))).toBe(true);
      expect(calendar.isOpen(new Date(at(closingIso).getTime() - 1))).toBe(true);
      expect(calendar.isOpen(at(closingIso))).toBe(false);
      expect(calendar.businessTimeBetween(new Date(dayBefore), new Date(dayBefore + 3 * 24 * HOUR_MS))).toBe(
        elapsedMs,
      );
      expect(iso(calendar.addBusinessTime(at(openingIso), elapsedMs - 1))).toBe(
        new Date(at(closingIso).getTime() - 1).toISOString(),
      );
      expect(iso(calendar.subtractBusinessTime(at(closingIso), elapsedMs))).toBe(iso(at(openingIso)));
      expect(iso(calendar.subtractBusinessTime(at(closingIso), 0))).toBe(iso(at(closingIso)));
    },
  );

  it.each([
    [
      'Europe/Paris',
      '2024-03-31',
      '2024-04-07T00:00:00Z',
      'Paris 02:00-03:00 does not exist on the spring-forward Sunday',
    ],
    [
      'America/New_York',
      '2024-03-10',
      '2024-03-17T06:00:00Z',
      'New York 02:00-03:00 does not exist on the spring-forward Sunday',
    ],
  ])(
    '%s: an interval inside the gap is empty, so %s is closed (%s)',
    (timezone, date, nextWeekOpeningIso) => {
      const calendar = sundayCalendar(timezone, ['02:00', '03:00']);
      const dayStart = at(`${date}T00:00:00Z`);
      expect(calendar.businessTimeBetween(dayStart, new Date(dayStart.getTime() + 24 * HOUR_MS))).toBe(0);
      expect(iso(calendar.nextOpening(dayStart))).toBe(iso(at(nextWeekOpeningIso)));
    },
  );

  it.each([
    [
      'America/New_York',
      ['01:00', '02:30'],
      '2024-11-03T06:15:00Z',
      true,
      'the second 01:15 (EST) is inside 01:00 EDT-02:30 EST',
    ],
    [
      'Europe/Paris',
      ['01:00', '02:30'],
      '2024-10-27T01:15:00Z',
      false,
      'the second 02:15 (CET) is after 02:30 CEST',
    ],
    [
      'Europe/Paris',
      ['02:00', '03:00'],
      '2024-10-27T01:30:00Z',
      true,
      'both 02:30s are inside 02:00 CEST-03:00 CET',
    ],
  ] as [string, LocalInterval, string, boolean, string][])(
    '%s %j: isOpen(%s) is %p because %s',
    (timezone, interval, instant, expected) => {
      expect(sundayCalendar(timezone, interval).isOpen(at(instant))).toBe(expected);
    },
  );

  it.each([
    [
      'Europe/Paris',
      '2024-03-31T00:00:00+01:00',
      '2024-04-01T00:00:00+02:00',
      23 * HOUR_MS,
      'Paris spring forward',
    ],
    [
      'Europe/Paris',
      '2024-10-27T00:00:00+02:00',
      '2024-10-28T00:00:00+01:00',
      25 * HOUR_MS,
      'Paris fall back',
    ],
    [
      'America/New_York',
      '2024-03-10T00:00:00-05:00',
      '2024-03-11T00:00:00-04:00',
      23 * HOUR_MS,
      'New York spring forward',
    ],
    [
      'America/New_York',
      '2024-11-03T00:00:00-04:00',
      '2024-11-04T00:00:00-05:00',
      25 * HOUR_MS,
      'New York fall back',
    ],
  ])(
    'a 24/7 calendar in %s counts the elapsed time of a DST day (%s to %s is %d ms): %s',
    (timezone, from, to, expectedMs) => {
      const calendar = new BusinessCalendar({ ...parisAlwaysOpenSpec, timezone });
      expect(calendar.businessTimeBetween(at(from), at(to))).toBe(expectedMs);
      expect(iso(calendar.addBusinessTime(at(from), expectedMs))).toBe(iso(at(to)));
    },
  );
});

describe('BusinessCalendar with "24:00" and seconds', () => {
  const calendar = new BusinessCalendar({
    timezone: 'Europe/Paris',
    weekly: { sat: [['22:00', '24:00']], sun: [['00:00', '01:00']], mon: [['09:00:30', '09:00:45']] },
  });

  it.each([
    ['2025-06-21T23:59:59.999+02:00', true, 'the last millisecond before 24:00 is open'],
    ['2025-06-22T00:00:00+02:00', true, 'midnight is open when Sunday opens at 00:00'],
    ['2025-06-23T09:00:30+02:00', true, 'an opening with seconds is open'],
    ['2025-06-23T09:00:45+02:00', false, 'a closing with seconds is closed'],
  ])('isOpen(%s) is %p: %s', (instant, expected) => {
    expect(calendar.isOpen(at(instant))).toBe(expected);
  });

  it.each([
    [
      '2025-06-21T22:00:00+02:00',
      2 * HOUR_MS,
      '2025-06-22T00:00:00+02:00',
      'exact fill at 24:00 continues at 00:00',
    ],
    ['2025-06-21T22:00:00+02:00', 150 * MINUTE_MS, '2025-06-22T00:30:00+02:00', 'over midnight'],
    [
      '2025-06-21T22:00:00+02:00',
      3 * HOUR_MS,
      '2025-06-23T09:00:30+02:00',
      'exact fill on Sunday: Monday 09:00:30',
    ],
    ['2025-06-22T00:30:00+02:00', 30 * MINUTE_MS + 10_000, '2025-06-23T09:00:40+02:00', 'into a 15 s period'],
    [
      '2025-06-23T09:00:30+02:00',
      15_000,
      '2025-06-28T22:00:00+02:00',
      'exact fill of a 15 s period: next Saturday',
    ],
  ])('addBusinessTime(%s, %d ms) is %s: %s', (from, durationMs, expected) => {
    expect(iso(calendar.addBusinessTime(at(from), durationMs))).toBe(iso(at(expected)));
  });
});

describe('BusinessCalendar spec validation', () => {
  const base: CalendarSpec = { timezone: 'Europe/Paris', weekly: { mon: [['09:00', '17:00']] } };

  it.each([
    [{ ...base, timezone: 'Mars/Olympus_Mons' }, /timezone must be an IANA time zone/],
    [{ ...base, timezone: '' }, /timezone/],
    [{ ...base, weekly: { mon: [['9:00', '12:00']] } }, /weekly\.mon\[0\] start must be a local time/],
    [{ ...base, weekly: { tue: [['09:00', '25:00']] } }, /weekly\.tue\[0\] end is not a time of day/],
    [{ ...base, weekly: { mon: [['09:60', '12:00']] } }, /weekly\.mon\[0\] start is not a time of day/],
    [{ ...base, weekly: { mon: [['14:00', '12:00']] } }, /weekly\.mon\[0\] must start before it ends/],
    [{ ...base, weekly: { mon: [['09:00', '09:00']] } }, /must start before it ends/],
    [{ ...base, weekly: { mon: [['24:00', '24:00']] } }, /must start before it ends/],
    [
      {
        ...base,
        weekly: {
          mon: [
            ['09:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
      },
      /weekly\.mon has overlapping intervals/,
    ],
    [
      { ...base, weekly: { monday: [['09:00', '12:00']] } } as unknown as CalendarSpec,
      /unknown weekday "monday"/,
    ],
    [{ ...base, holidays: ['2025-02-30'] }, /holidays\[0\] must be a real local date/],
    [{ ...base, holidays: ['2025-2-3'] }, /holidays\[0\]/],
    [{ ...base, breaks: [{ date: '2025-13-01', intervals: [] }] }, /breaks\[0\]\.date/],
    [
      { ...base, breaks: [{ date: '2025-06-02', intervals: [['12:00', '11:00']] }] },
      /breaks\[0\]\.intervals\[0\]/,
    ],
    [
      {
        ...base,
        dateOverrides: [
          {
            date: '2025-06-02',
            intervals: [
              ['09:00', '10:00'],
              ['09:30', '11:00'],
            ],
          },
        ],
      },
      /dateOverrides\[0\]\.intervals has overlapping intervals/,
    ],
    [
      {
        ...base,
        dateOverrides: [
          { date: '2025-06-02', intervals: [] },
          { date: '2025-06-02', intervals: [['09:00', '10:00']] },
        ],
      },
      /dateOverrides\[1\] repeats the date 2025-06-02/,
    ],
  ] as [CalendarSpec, RegExp][])('rejects %j with an invalid DomainError', (spec, message) => {
    const construct = () => new BusinessCalendar(spec);
    expect(construct).toThrow(DomainError);
    expect(construct).toThrow(message);
    expect(() => new BusinessCalendar(spec)).toThrow(expect.objectContaining({ code: 'invalid' }));
  });

  it('accepts touching intervals, seconds and "24:00"', () => {
    expect(
      () =>
        new BusinessCalendar({
          ...base,
          weekly: {
            mon: [
              ['00:00', '12:00'],
              ['12:00', '23:59:59'],
              ['23:59:59', '24:00:00'],
            ],
          },
        }),
    ).not.toThrow();
  });
});

describe('BusinessCalendar arguments and unbounded searches', () => {
  it.each([
    ['an invalid Date', () => paris.isOpen(new Date('not a date')), /at must be a valid Date/],
    ['a negative duration', () => paris.addBusinessTime(at('2025-06-17T10:00:00Z'), -1), /non-negative/],
    [
      'a NaN duration',
      () => paris.subtractBusinessTime(at('2025-06-17T10:00:00Z'), Number.NaN),
      /non-negative/,
    ],
    [
      'an infinite duration',
      () => paris.addBusinessTime(at('2025-06-17T10:00:00Z'), Number.POSITIVE_INFINITY),
      /finite/,
    ],
    [
      'an invalid to',
      () => paris.businessTimeBetween(at('2025-06-17T10:00:00Z'), new Date(Number.NaN)),
      /to must be/,
    ],
  ])('rejects %s', (_label, call, message) => {
    expect(call).toThrow(message);
  });

  const neverOpen = new BusinessCalendar({ timezone: 'Europe/Paris', weekly: {}, holidays: ['2025-01-01'] });
  const from = at('2025-06-17T10:00:00Z');

  it.each([
    ['nextOpening', () => neverOpen.nextOpening(from), /no open hours within 5 years after/],
    ['addBusinessTime', () => neverOpen.addBusinessTime(from, HOUR_MS), /no open hours within 5 years after/],
    [
      'subtractBusinessTime',
      () => neverOpen.subtractBusinessTime(from, HOUR_MS),
      /no open hours within 5 years before/,
    ],
    [
      'subtractBusinessTime of 0',
      () => neverOpen.subtractBusinessTime(from, 0),
      /no open hours within 5 years before/,
    ],
  ])(
    'throws instead of looping forever from %s on a calendar with no open hours',
    (_label, call, message) => {
      expect(call).toThrow(message);
    },
  );

  it('answers isOpen and businessTimeBetween on a calendar with no open hours', () => {
    expect(neverOpen.isOpen(from)).toBe(false);
    expect(neverOpen.businessTimeBetween(from, at('2035-01-01T00:00:00Z'))).toBe(0);
  });

  it('throws once the last date override is more than 5 years behind', () => {
    const overridesOnly = new BusinessCalendar({
      timezone: 'Europe/Paris',
      weekly: {},
      dateOverrides: [{ date: '2025-06-18', intervals: [['09:00', '10:00']] }],
    });
    expect(iso(overridesOnly.addBusinessTime(at('2025-06-01T00:00:00Z'), 30 * MINUTE_MS))).toBe(
      '2025-06-18T07:30:00.000Z',
    );
    expect(() => overridesOnly.addBusinessTime(at('2025-06-01T00:00:00Z'), HOUR_MS)).toThrow(/no open hours/);
    expect(() => overridesOnly.nextOpening(at('2025-07-01T00:00:00Z'))).toThrow(/no open hours/);
  });
});

describe('BusinessCalendar across years', () => {
  it('gives the same answers in any order of queries, far apart in time', () => {
    const calendar = new BusinessCalendar(parisOfficeSpec);
    const reference = new ReferenceWalk(parisOfficeSpec);
    const instants = [
      '2090-03-01T10:00:00Z',
      '1999-12-31T17:00:00Z',
      '2025-06-17T10:00:00Z',
      '2027-12-31T17:30:00Z',
    ];
    for (const instant of instants) {
      expect(iso(calendar.addBusinessTime(at(instant), 20 * HOUR_MS))).toBe(
        iso(reference.addBusinessTime(at(instant), 20 * HOUR_MS)),
      );
      expect(iso(calendar.subtractBusinessTime(at(instant), 20 * HOUR_MS))).toBe(
        iso(reference.subtractBusinessTime(at(instant), 20 * HOUR_MS)),
      );
    }
  });

  it('adds up business time over a decade like the sum of its years', () => {
    const calendar = new BusinessCalendar(parisOfficeSpec);
    const yearStart = (year: number) => at(`${year}-01-01T00:00:00+01:00`);
    let sumMs = 0;
    for (let year = 2020; year < 2030; year += 1)
      sumMs += calendar.businessTimeBetween(yearStart(year), yearStart(year + 1));
    expect(new BusinessCalendar(parisOfficeSpec).businessTimeBetween(yearStart(2020), yearStart(2030))).toBe(
      sumMs,
    );
    // 2025: 261 weekdays, 10 of them holidays (only 1 November falls on a weekend), 8 h each
    expect(calendar.businessTimeBetween(yearStart(2025), yearStart(2026))).toBe((261 - 10) * 8 * HOUR_MS);
  });

  it('adds a year of business time on a 24/7 calendar', () => {
    const calendar = new BusinessCalendar(parisAlwaysOpenSpec);
    const from = at('2024-01-01T00:00:00+01:00');
    expect(iso(calendar.addBusinessTime(from, 366 * 24 * HOUR_MS))).toBe(
      iso(at('2025-01-01T00:00:00+01:00')),
    );
  });

  it('handles New York holidays, overrides and a break on a DST night like the reference walk', () => {
    const calendar = new BusinessCalendar(newYorkSupportSpec);
    const reference = new ReferenceWalk(newYorkSupportSpec);
    for (const instant of [
      '2025-03-08T23:00:00Z',
      '2024-11-28T12:00:00Z',
      '2024-12-24T20:00:00Z',
      '2024-11-03T05:10:00Z',
    ]) {
      for (const durationMs of [0, 30 * MINUTE_MS, 90 * MINUTE_MS, 10 * HOUR_MS]) {
        expect(iso(calendar.addBusinessTime(at(instant), durationMs))).toBe(
          iso(reference.addBusinessTime(at(instant), durationMs)),
        );
        expect(iso(calendar.subtractBusinessTime(at(instant), durationMs))).toBe(
          iso(reference.subtractBusinessTime(at(instant), durationMs)),
        );
      }
    }
  });
});
