// Proleptic Gregorian civil-date arithmetic on plain integers ("day numbers": days since 1970-01-01).
// JS `Date` has traps here (`Date.UTC` maps years 0-99 to 1900-1999), and luxon DateTime objects are
// too slow for the per-day loops of compilation, so the date side is done by hand (Howard Hinnant's
// days_from_civil / civil_from_days). Time zones stay with luxon: see time-zone.resolver.ts.

export const MILLISECONDS_PER_SECOND = 1_000;
export const SECONDS_PER_DAY = 86_400;
export const MILLISECONDS_PER_DAY = SECONDS_PER_DAY * MILLISECONDS_PER_SECOND;

export type CivilDate = { year: number; month: number; day: number };

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
export function dayNumberFromCivil({ year, month, day }: CivilDate): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Inverse of {@link dayNumberFromCivil}. */
export function civilFromDayNumber(dayNumber: number): CivilDate {
  const shifted = dayNumber + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday index of a day number: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayIndexOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a strict "YYYY-MM-DD" date, or undefined when malformed or not a real date. */
export function parseLocalDate(text: string): number | undefined {
  const match = localDatePattern.exec(text);
  if (!match) return undefined;
  const civil = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (civil.month < 1 || civil.month > 12 || civil.day < 1) return undefined;
  const dayNumber = dayNumberFromCivil(civil);
  const roundTrip = civilFromDayNumber(dayNumber);
  // 2025-02-30 would silently become March 2nd: reject anything that does not round-trip.
  return roundTrip.month === civil.month && roundTrip.day === civil.day ? dayNumber : undefined;
}

/** "YYYY-MM-DD" of a day number (years 0-9999). */
export function formatDayNumber(dayNumber: number): string {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
