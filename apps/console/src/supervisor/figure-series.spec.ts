import { type SlaFigureRow } from '@vigie/contracts';
import { emptyFigureRow } from './figures-format';
import {
  comparisonPoints,
  dayKeys,
  hourKeys,
  hourLabel,
  keyLabel,
  periodRange,
  startOfVolumeWindow,
  startOfZonedDay,
  trendPoints,
  zonedInstant,
} from './figure-series';

const paris = 'Europe/Paris';

describe('zoned days and hours', () => {
  it.each([
    // Winter (+01:00), summer (+02:00), the day clocks go forward (23 h) and back (25 h), another zone.
    ['2026-11-18T10:40:00Z', paris, 0, '2026-11-17T23:00:00.000Z'],
    ['2026-07-01T21:59:00Z', paris, 0, '2026-06-30T22:00:00.000Z'],
    ['2026-07-01T22:00:00Z', paris, 0, '2026-07-01T22:00:00.000Z'],
    ['2026-03-29T12:00:00Z', paris, 0, '2026-03-28T23:00:00.000Z'],
    ['2026-03-30T12:00:00Z', paris, 1, '2026-03-28T23:00:00.000Z'],
    ['2026-10-25T12:00:00Z', paris, 0, '2026-10-24T22:00:00.000Z'],
    ['2026-11-18T03:00:00Z', 'America/New_York', 0, '2026-11-17T05:00:00.000Z'],
  ])('midnight in the zone for %s in %s, %d day(s) back, is %s', (now, timeZone, daysBack, expected) => {
    expect(startOfZonedDay({ now: new Date(now), timeZone, daysBack }).toISOString()).toBe(expected);
  });

  it('finds the instant of a wall-clock time, an hour later when the zone skips it', () => {
    expect(zonedInstant({ year: 2026, month: 11, day: 18, hour: 9 }, paris).toISOString()).toBe(
      '2026-11-18T08:00:00.000Z',
    );
    expect(zonedInstant({ year: 2026, month: 3, day: 29, hour: 2 }, paris).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('lists the last days, today last, across a month end', () => {
    expect(dayKeys({ now: new Date('2026-12-01T08:00:00Z'), timeZone: paris, days: 3 })).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
  });

  it("lists today's hours up to the current one, in the zone", () => {
    expect(hourKeys({ now: new Date('2026-11-18T01:30:00Z'), timeZone: paris })).toEqual([
      '2026-11-18T00:00',
      '2026-11-18T01:00',
      '2026-11-18T02:00',
    ]);
  });

  it('starts the volume window 23 hours before the current hour', () => {
    expect(
      startOfVolumeWindow({ now: new Date('2026-11-18T10:40:00Z'), timeZone: paris }).toISOString(),
    ).toBe('2026-11-17T11:00:00.000Z');
  });

  it.each([
    ['today', 'hour', '2026-11-17T23:00:00.000Z', 12],
    ['week', 'day', '2026-11-11T23:00:00.000Z', 7],
    ['month', 'day', '2026-10-19T22:00:00.000Z', 30],
  ] as const)('asks for %s by %s from %s over %d keys', (period, groupBy, from, keyCount) => {
    const range = periodRange({ period, now: new Date('2026-11-18T10:40:00Z'), timeZone: paris });
    expect(range.groupBy).toBe(groupBy);
    expect(range.from.toISOString()).toBe(from);
    expect(range.keys).toHaveLength(keyCount);
  });
});

describe('series', () => {
  const row = (changes: Partial<SlaFigureRow>): SlaFigureRow => ({ ...emptyFigureRow, ...changes });

  it('lays the rows on the keys in minutes and percentages, leaving gaps where nothing counted', () => {
    const points = trendPoints(
      [
        row({
          key: '2026-11-18',
          conversations: 4,
          answeredWithinPromise: 0.75,
          compliance: 2 / 3,
          customerP50Ms: 42.5 * 60_000,
          customerP90Ms: 64.5 * 60_000,
          contractP50Ms: 30_000,
          contractP90Ms: 95 * 60_000,
        }),
      ],
      ['2026-11-17', '2026-11-18'],
    );
    expect(points).toEqual([
      {
        key: '2026-11-17',
        conversations: 0,
        customerP50Minutes: null,
        customerP90Minutes: null,
        contractP50Minutes: null,
        contractP90Minutes: null,
        withinHourPercent: null,
        compliancePercent: null,
      },
      {
        key: '2026-11-18',
        conversations: 4,
        customerP50Minutes: 42.5,
        customerP90Minutes: 64.5,
        contractP50Minutes: 0.5,
        contractP90Minutes: 95,
        withinHourPercent: 75,
        compliancePercent: 66.7,
      },
    ]);
  });

  it('compares by name, the unanswered row last, and drops what it cannot name', () => {
    const names: Record<string, string> = { fr: 'Care FR', en: 'Care EN' };
    const points = comparisonPoints(
      [row({ key: null, conversations: 2 }), row({ key: 'fr' }), row({ key: 'gone' }), row({ key: 'en' })],
      (key) => (key === null ? 'Not answered yet' : (names[key] ?? null)),
    );
    expect(points.map((point) => [point.key, point.name])).toEqual([
      ['en', 'Care EN'],
      ['fr', 'Care FR'],
      [null, 'Not answered yet'],
    ]);
  });

  it('labels hours as they are and days in the reader’s language', () => {
    expect(keyLabel('2026-11-18T09:00', 'fr')).toBe('09:00');
    expect(keyLabel('2026-11-18', 'en')).toBe('Nov 18');
    expect(keyLabel('2026-11-18', 'fr')).toBe('18 nov.');
    expect(hourLabel('2026-11-18T13:00:00.000Z', { locale: 'fr', timeZone: paris })).toBe('14:00');
  });
});
