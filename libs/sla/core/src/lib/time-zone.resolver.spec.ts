import {
  civilFromDayNumber,
  dayNumberFromCivil,
  formatDayNumber,
  parseLocalDate,
  weekdayIndexOfDayNumber,
} from './civil-date.util';
import fc from 'fast-check';
import { CachedTimeZoneResolver, TimeZoneResolver } from './time-zone.resolver';

function secondsOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 3600 + minutes * 60;
}

describe('TimeZoneResolver.epochMsOfLocal', () => {
  it.each([
    ['Europe/Paris', '2024-03-31', '01:59', '2024-03-31T00:59:00.000Z', 'the minute before the gap is CET'],
    [
      'Europe/Paris',
      '2024-03-31',
      '02:00',
      '2024-03-31T01:00:00.000Z',
      'a non-existent time moves an hour later (03:00 CEST)',
    ],
    [
      'Europe/Paris',
      '2024-03-31',
      '02:30',
      '2024-03-31T01:30:00.000Z',
      'a non-existent time moves an hour later (03:30 CEST)',
    ],
    ['Europe/Paris', '2024-03-31', '03:00', '2024-03-31T01:00:00.000Z', 'the end of the gap is CEST'],
    [
      'Europe/Paris',
      '2024-10-27',
      '02:00',
      '2024-10-27T00:00:00.000Z',
      'an ambiguous time is the earlier instant (CEST)',
    ],
    [
      'Europe/Paris',
      '2024-10-27',
      '02:59',
      '2024-10-27T00:59:00.000Z',
      'an ambiguous time is the earlier instant (CEST)',
    ],
    [
      'Europe/Paris',
      '2024-10-27',
      '03:00',
      '2024-10-27T02:00:00.000Z',
      'the end of the repeated hour is CET',
    ],
    [
      'America/New_York',
      '2024-03-10',
      '02:30',
      '2024-03-10T07:30:00.000Z',
      'a non-existent time moves an hour later (03:30 EDT)',
    ],
    [
      'America/New_York',
      '2024-11-03',
      '01:00',
      '2024-11-03T05:00:00.000Z',
      'an ambiguous time is the earlier instant (EDT)',
    ],
    [
      'America/New_York',
      '2024-11-03',
      '01:30',
      '2024-11-03T05:30:00.000Z',
      'an ambiguous time is the earlier instant (EDT)',
    ],
    ['America/New_York', '2024-11-03', '02:00', '2024-11-03T07:00:00.000Z', '02:00 happens once, in EST'],
    ['Europe/Paris', '2024-12-31', '24:00', '2024-12-31T23:00:00.000Z', '24:00 is the next midnight'],
    [
      'Australia/Lord_Howe',
      '2024-10-06',
      '02:15',
      '2024-10-05T15:45:00.000Z',
      'a 30-minute gap moves the time 30 minutes later (02:45)',
    ],
  ])('%s %s %s is %s: %s', (timezone, date, time, expectedIso) => {
    const dayNumber = parseLocalDate(date);
    expect(dayNumber).toBeDefined();
    const epochMs = new TimeZoneResolver(timezone).epochMsOfLocal(dayNumber ?? 0, secondsOf(time));
    expect(new Date(epochMs).toISOString()).toBe(expectedIso);
  });
});

describe('civil date arithmetic', () => {
  it.each([
    ['1970-01-01', 0, 3],
    ['2000-02-29', 11_016, 1],
    ['2025-06-16', 20_255, 0],
    ['1600-03-01', -135_080, 2],
  ])('maps %s to day number %d, weekday index %d (0 = Monday)', (date, dayNumber, weekdayIndex) => {
    expect(parseLocalDate(date)).toBe(dayNumber);
    expect(formatDayNumber(dayNumber)).toBe(date);
    expect(weekdayIndexOfDayNumber(dayNumber)).toBe(weekdayIndex);
  });

  it.each([
    '2025-02-29',
    '2024-02-30',
    '2025-04-31',
    '2025-00-10',
    '2025-1-10',
    '25-01-10',
    '2025-01-10T00:00',
  ])('rejects %s as a local date', (text) => {
    expect(parseLocalDate(text)).toBeUndefined();
  });

  it('round-trips every day number over four centuries', () => {
    const first = dayNumberFromCivil({ year: 1800, month: 1, day: 1 });
    const last = dayNumberFromCivil({ year: 2200, month: 12, day: 31 });
    const mismatches: number[] = [];
    for (let dayNumber = first; dayNumber <= last; dayNumber += 1) {
      if (dayNumberFromCivil(civilFromDayNumber(dayNumber)) !== dayNumber) mismatches.push(dayNumber);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('CachedTimeZoneResolver', () => {
  // Zones with DST, half-hour and 45-minute offsets, a zone that moves by 30 minutes, and one that skipped a day.
  const zones = [
    'Europe/Paris',
    'America/New_York',
    'America/Santiago',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Pacific/Apia',
  ];

  it('gives the same offsets and local times as the uncached resolver, around transitions too', () => {
    const start = Date.UTC(1970, 0, 1);
    const end = Date.UTC(2100, 0, 1);
    for (const zone of zones) {
      const plain = new TimeZoneResolver(zone);
      const cached = new CachedTimeZoneResolver(zone, 64);
      fc.assert(
        fc.property(
          fc.integer({ min: start, max: end }),
          fc.integer({ min: 0, max: 59_999 }),
          (at, within) => {
            // Two instants of the same UTC minute, asked in turn: the second is answered from the cache.
            const minuteStart = Math.floor(at / 60_000) * 60_000;
            for (const instant of [minuteStart + within, minuteStart, minuteStart + 59_999])
              if (cached.offsetMsAt(instant) !== plain.offsetMsAt(instant)) return false;
            const day = plain.localDayNumberOf(at);
            return cached.epochMsOfLocal(day, 0) === plain.epochMsOfLocal(day, 0);
          },
        ),
        { numRuns: 300 },
      );
    }
  });

  it('agrees minute by minute through every transition of a year', () => {
    for (const zone of zones) {
      const plain = new TimeZoneResolver(zone);
      const cached = new CachedTimeZoneResolver(zone, 64);
      const mismatches: string[] = [];
      // Every transition of these zones falls on a whole half hour UTC.
      for (let at = Date.UTC(2024, 0, 1); at < Date.UTC(2025, 0, 1); at += 30 * 60_000) {
        const previousMinute = at - 60_000;
        for (const instant of [previousMinute, at, at + 59_999])
          if (cached.offsetMsAt(instant) !== plain.offsetMsAt(instant))
            mismatches.push(`${zone} ${new Date(instant).toISOString()}`);
      }
      expect(mismatches).toEqual([]);
    }
  });
});
