import fc from 'fast-check';
import { DateTime } from 'luxon';
import { newYorkSupportSpec, parisAlwaysOpenSpec, parisOfficeSpec } from '../testing/calendar.fixture';
import { ReferenceWalk } from '../testing/reference-walk.helper';
import { BusinessCalendar } from './business-calendar.calculator';
import { type CalendarSpec } from './calendar-spec.type';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

type Scenario = { name: string; spec: CalendarSpec; fromIso: string; toIso: string };

// Two years cover eight DST Sundays per zone, every French holiday kind and the New York overrides.
const scenarios: Scenario[] = [
  {
    name: 'Paris office with holidays',
    spec: parisOfficeSpec,
    fromIso: '2024-01-01T00:00:00Z',
    toIso: '2026-01-01T00:00:00Z',
  },
  {
    name: 'Paris 24/7',
    spec: parisAlwaysOpenSpec,
    fromIso: '2024-01-01T00:00:00Z',
    toIso: '2026-01-01T00:00:00Z',
  },
  {
    name: 'New York support',
    spec: newYorkSupportSpec,
    fromIso: '2024-01-01T00:00:00Z',
    toIso: '2026-01-01T00:00:00Z',
  },
  // Zoom on the New York DST weekends, where night-shift hours cross the transitions.
  {
    name: 'New York fall-back weekend',
    spec: newYorkSupportSpec,
    fromIso: '2024-11-01T00:00:00Z',
    toIso: '2024-11-06T00:00:00Z',
  },
  {
    name: 'New York spring-forward weekend',
    spec: newYorkSupportSpec,
    fromIso: '2025-03-07T00:00:00Z',
    toIso: '2025-03-12T00:00:00Z',
  },
];

/**
 * Any millisecond, a quarter-hour mark, or an opening or closing instant (give or take 1 ms) taken
 * from the reference walk: edges are where the semantics are subtle, so they are drawn on purpose.
 */
function instantArbitrary({ fromIso, toIso, spec }: Scenario): fc.Arbitrary<Date> {
  const fromMs = Date.parse(fromIso);
  const toMs = Date.parse(toIso);
  const quarterHourMs = 15 * MINUTE_MS;
  const reference = new ReferenceWalk(spec);
  const edge = fc
    .tuple(fc.integer({ min: fromMs, max: toMs }), fc.nat(), fc.constantFrom(-1, 0, 0, 0, 1))
    .map(([dayMs, pick, nudgeMs]) => {
      const edges = reference
        .periodsOnDate(DateTime.fromMillis(dayMs, { zone: spec.timezone }).startOf('day'))
        .flat();
      return edges.length === 0 ? dayMs : edges[pick % edges.length] + nudgeMs;
    });
  return fc
    .oneof(
      fc.integer({ min: fromMs, max: toMs }),
      fc
        .integer({ min: fromMs / quarterHourMs, max: toMs / quarterHourMs })
        .map((quarter) => quarter * quarterHourMs),
      edge,
    )
    .map((epochMs) => new Date(epochMs));
}

/** Zero, any duration up to 5 days, or a whole number of half hours (those fill periods exactly). */
const durationArbitrary: fc.Arbitrary<number> = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 5 * DAY_MS }),
  fc.integer({ min: 0, max: 240 }).map((halfHours) => halfHours * 30 * MINUTE_MS),
);

const runs = { numRuns: 150 };

describe.each(scenarios)('BusinessCalendar properties: $name', (scenario) => {
  const calendar = new BusinessCalendar(scenario.spec);
  const reference = new ReferenceWalk(scenario.spec);
  const instant = instantArbitrary(scenario);

  it('counts exactly the added business time between a start and its due time', () => {
    fc.assert(
      fc.property(instant, durationArbitrary, (from, durationMs) => {
        expect(calendar.businessTimeBetween(from, calendar.addBusinessTime(from, durationMs))).toBe(
          durationMs,
        );
      }),
      runs,
    );
  });

  it('never moves a due time earlier when the start or the duration grows', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        durationArbitrary,
        durationArbitrary,
        (first, second, firstMs, secondMs) => {
          const [earlier, later] = first <= second ? [first, second] : [second, first];
          const [shorterMs, longerMs] = firstMs <= secondMs ? [firstMs, secondMs] : [secondMs, firstMs];
          expect(calendar.addBusinessTime(earlier, shorterMs).getTime()).toBeLessThanOrEqual(
            calendar.addBusinessTime(later, shorterMs).getTime(),
          );
          expect(calendar.addBusinessTime(earlier, shorterMs).getTime()).toBeLessThanOrEqual(
            calendar.addBusinessTime(earlier, longerMs).getTime(),
          );
          expect(calendar.subtractBusinessTime(earlier, longerMs).getTime()).toBeLessThanOrEqual(
            calendar.subtractBusinessTime(earlier, shorterMs).getTime(),
          );
        },
      ),
      runs,
    );
  });

  it('round-trips add then subtract, and subtract then add, from an open instant', () => {
    fc.assert(
      fc.property(instant, durationArbitrary, (anyInstant, durationMs) => {
        // nextOpening maps any instant to an open one, often an opening instant: the edge that matters.
        const from = calendar.nextOpening(anyInstant);
        expect(calendar.isOpen(from)).toBe(true);
        expect(calendar.subtractBusinessTime(calendar.addBusinessTime(from, durationMs), durationMs)).toEqual(
          from,
        );
        expect(calendar.addBusinessTime(calendar.subtractBusinessTime(from, durationMs), durationMs)).toEqual(
          from,
        );
      }),
      runs,
    );
  });

  it('splits business time additively at any intermediate instant', () => {
    fc.assert(
      fc.property(instant, instant, instant, (first, second, third) => {
        const [start, middle, end] = [first, second, third].sort(
          (left, right) => left.getTime() - right.getTime(),
        );
        expect(calendar.businessTimeBetween(start, end)).toBe(
          calendar.businessTimeBetween(start, middle) + calendar.businessTimeBetween(middle, end),
        );
      }),
      runs,
    );
  });

  it('agrees with the slow day-by-day reference walk', () => {
    fc.assert(
      // `to` stays within ten days of `from`: the reference walks every day in between.
      fc.property(
        instant,
        fc.integer({ min: -DAY_MS, max: 10 * DAY_MS }),
        durationArbitrary,
        (from, spanMs, durationMs) => {
          const to = new Date(from.getTime() + spanMs);
          expect(calendar.isOpen(from)).toBe(reference.isOpen(from));
          expect(calendar.nextOpening(from)).toEqual(reference.nextOpening(from));
          expect(calendar.addBusinessTime(from, durationMs)).toEqual(
            reference.addBusinessTime(from, durationMs),
          );
          expect(calendar.subtractBusinessTime(from, durationMs)).toEqual(
            reference.subtractBusinessTime(from, durationMs),
          );
          expect(calendar.businessTimeBetween(from, to)).toBe(
            from < to ? reference.businessTimeBetween(from, to) : 0,
          );
        },
      ),
      { numRuns: 250 },
    );
  });
});
