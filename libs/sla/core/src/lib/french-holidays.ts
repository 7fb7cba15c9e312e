/** Easter Sunday (anonymous Gregorian algorithm), as month and day. */
function easterSunday(year: number): { month: number; day: number } {
  const golden = year % 19;
  const century = Math.floor(year / 100);
  const yearOfCentury = year % 100;
  const epact =
    (19 * golden +
      century -
      Math.floor(century / 4) -
      Math.floor((century - Math.floor((century + 8) / 25) + 1) / 3) +
      15) %
    30;
  const weekdayCorrection =
    (32 + 2 * (century % 4) + 2 * Math.floor(yearOfCentury / 4) - epact - (yearOfCentury % 4)) % 7;
  const lateCorrection = Math.floor((golden + 11 * epact + 22 * weekdayCorrection) / 451);
  const month = Math.floor((epact + weekdayCorrection - 7 * lateCorrection + 114) / 31);
  const day = ((epact + weekdayCorrection - 7 * lateCorrection + 114) % 31) + 1;
  return { month, day };
}

function isoDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.toISOString().slice(0, 10);
}

/** French public holidays (metropolitan France, 11 days a year) for the given years. */
export function frenchPublicHolidays(fromYear: number, toYear: number): string[] {
  const holidays: string[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    const easter = easterSunday(year);
    holidays.push(
      isoDate(year, 1, 1),
      isoDate(year, easter.month, easter.day + 1), // Easter Monday
      isoDate(year, 5, 1),
      isoDate(year, 5, 8),
      isoDate(year, easter.month, easter.day + 39), // Ascension Thursday
      isoDate(year, easter.month, easter.day + 50), // Whit Monday
      isoDate(year, 7, 14),
      isoDate(year, 8, 15),
      isoDate(year, 11, 1),
      isoDate(year, 11, 11),
      isoDate(year, 12, 25),
    );
  }
  return holidays;
}
