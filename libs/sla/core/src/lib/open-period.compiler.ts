import { weekdayIndexOfDayNumber } from './civil-date.util';
import { type ParsedCalendarSpec, type SecondsInterval } from './calendar-spec.parser';
import { type TimeZoneResolver } from './time-zone.resolver';

/** Open periods as two parallel sorted arrays of epoch milliseconds: period i is `[startsMs[i], endsMs[i])`. */
export type OpenPeriods = { startsMs: number[]; endsMs: number[] };

/** Local hours of one date before time zones: holiday, then override or weekly hours. */
function localIntervalsOf(spec: ParsedCalendarSpec, dayNumber: number): readonly SecondsInterval[] {
  if (spec.holidayDayNumbers.has(dayNumber)) return []; // a holiday wins over an override
  return (
    spec.overrideIntervalsByDayNumber.get(dayNumber) ??
    spec.weeklyIntervals[weekdayIndexOfDayNumber(dayNumber)]
  );
}

/** Removes `[cutStartMs, cutEndMs)` from every period of a list (periods are `[start, end)` pairs). */
function subtractInterval(
  periods: [number, number][],
  cutStartMs: number,
  cutEndMs: number,
): [number, number][] {
  const remaining: [number, number][] = [];
  for (const [startMs, endMs] of periods) {
    if (cutEndMs <= startMs || cutStartMs >= endMs) {
      remaining.push([startMs, endMs]);
      continue;
    }
    if (startMs < cutStartMs) remaining.push([startMs, cutStartMs]);
    if (cutEndMs < endMs) remaining.push([cutEndMs, endMs]);
  }
  return remaining;
}

/**
 * Compiles the local rules of the dates `firstDayNumber..lastDayNumber` (inclusive) into sorted,
 * disjoint epoch periods.
 *
 * Local times become instants through the resolver's DST rules. Two consequences are handled here
 * rather than pushed onto callers: an interval can become empty (02:00-03:00 on a spring-forward
 * day is a single instant), and on such days neighbouring intervals can overlap once mapped (the
 * gap pushes 02:30 past 03:00), so periods are sorted and unioned. Periods that touch are merged:
 * nothing in the semantics distinguishes `[a, b) [b, c)` from `[a, c)`, and fewer periods mean
 * shorter searches.
 */
export function compileOpenPeriods(params: {
  spec: ParsedCalendarSpec;
  resolver: TimeZoneResolver;
  firstDayNumber: number;
  lastDayNumber: number;
}): OpenPeriods {
  const { spec, resolver, firstDayNumber, lastDayNumber } = params;
  const periods: [number, number][] = [];
  let isSorted = true;
  for (let dayNumber = firstDayNumber; dayNumber <= lastDayNumber; dayNumber += 1) {
    const localIntervals = localIntervalsOf(spec, dayNumber);
    if (localIntervals.length === 0) continue;
    let dayPeriods = localIntervals.map(({ startSeconds, endSeconds }): [number, number] => [
      resolver.epochMsOfLocal(dayNumber, startSeconds),
      resolver.epochMsOfLocal(dayNumber, endSeconds),
    ]);
    for (const { startSeconds, endSeconds } of spec.breakIntervalsByDayNumber.get(dayNumber) ?? []) {
      dayPeriods = subtractInterval(
        dayPeriods,
        resolver.epochMsOfLocal(dayNumber, startSeconds),
        resolver.epochMsOfLocal(dayNumber, endSeconds),
      );
    }
    for (const period of dayPeriods) {
      if (period[0] >= period[1]) continue; // emptied by DST
      const previous = periods[periods.length - 1];
      if (previous !== undefined && period[0] < previous[0]) isSorted = false;
      periods.push(period);
    }
  }
  if (!isSorted) periods.sort((left, right) => left[0] - right[0]);
  return mergePeriods(periods);
}

/** Unions sorted `[start, end)` pairs into disjoint, non-touching periods. */
function mergePeriods(sortedPeriods: [number, number][]): OpenPeriods {
  const startsMs: number[] = [];
  const endsMs: number[] = [];
  for (const [startMs, endMs] of sortedPeriods) {
    const last = endsMs.length - 1;
    if (last >= 0 && startMs <= endsMs[last]) {
      endsMs[last] = Math.max(endsMs[last], endMs);
    } else {
      startsMs.push(startMs);
      endsMs.push(endMs);
    }
  }
  return { startsMs, endsMs };
}

/** Concatenates two period lists where every period of `earlier` starts before those of `later`. */
export function concatOpenPeriods(earlier: OpenPeriods, later: OpenPeriods): OpenPeriods {
  const pairs: [number, number][] = [];
  for (const list of [earlier, later]) {
    for (let index = 0; index < list.startsMs.length; index += 1)
      pairs.push([list.startsMs[index], list.endsMs[index]]);
  }
  // A pathological DST night can push the last period of one range past the first of the next.
  pairs.sort((left, right) => left[0] - right[0]);
  return mergePeriods(pairs);
}
