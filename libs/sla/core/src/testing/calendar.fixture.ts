import { type CalendarSpec, type LocalInterval } from '../lib/calendar-spec.type';

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

const parisOfficeDay: LocalInterval[] = [
  ['09:00', '12:00'],
  ['14:00', '19:00'],
];

/** Mon-Fri 09:00-12:00 / 14:00-19:00 in Paris, French public holidays 2020-2030. */
export const parisOfficeSpec: CalendarSpec = {
  timezone: 'Europe/Paris',
  weekly: {
    mon: parisOfficeDay,
    tue: parisOfficeDay,
    wed: parisOfficeDay,
    thu: parisOfficeDay,
    fri: parisOfficeDay,
  },
  holidays: frenchPublicHolidays(2020, 2030),
};

const allDay: LocalInterval[] = [['00:00', '24:00']];

/** Open around the clock, in Paris: what elapses is what counts, DST days included. */
export const parisAlwaysOpenSpec: CalendarSpec = {
  timezone: 'Europe/Paris',
  weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
};

const newYorkDay: LocalInterval[] = [['08:30', '17:00']];
const newYorkNight: LocalInterval[] = [
  ['01:00', '02:30'],
  ['22:00', '24:00'],
];

/**
 * New York support: weekdays 08:30-17:00, plus a night shift every day (01:00-02:30 and
 * 22:00-24:00) so that DST nights fall inside business hours. Holidays, a break and overrides too.
 */
export const newYorkSupportSpec: CalendarSpec = {
  timezone: 'America/New_York',
  weekly: {
    mon: [...newYorkNight.slice(0, 1), ...newYorkDay, ...newYorkNight.slice(1)],
    tue: [...newYorkNight.slice(0, 1), ...newYorkDay, ...newYorkNight.slice(1)],
    wed: [...newYorkNight.slice(0, 1), ...newYorkDay, ...newYorkNight.slice(1)],
    thu: [...newYorkNight.slice(0, 1), ...newYorkDay, ...newYorkNight.slice(1)],
    fri: [...newYorkNight.slice(0, 1), ...newYorkDay, ...newYorkNight.slice(1)],
    sat: newYorkNight,
    sun: newYorkNight,
  },
  holidays: [
    '2024-07-04',
    '2024-11-28',
    '2024-12-25',
    '2025-01-01',
    '2025-07-04',
    '2025-11-27',
    '2025-12-25',
  ],
  breaks: [
    { date: '2024-11-04', intervals: [['12:00', '13:00']] },
    {
      date: '2025-03-10',
      intervals: [
        ['01:30', '02:00'],
        ['12:00', '12:30'],
      ],
    },
  ],
  dateOverrides: [
    { date: '2024-11-29', intervals: [['10:00', '14:00']] },
    { date: '2024-12-25', intervals: [['10:00', '12:00']] }, // the holiday wins
    {
      date: '2025-03-09',
      intervals: [
        ['02:00', '03:00'],
        ['09:00', '10:00'],
      ],
    }, // spring-forward Sunday
  ],
};

/** The Sunday DST transition dates used across the tests. */
export const dstSundays = {
  parisSpring2024: '2024-03-31',
  parisFall2024: '2024-10-27',
  newYorkSpring2024: '2024-03-10',
  newYorkFall2024: '2024-11-03',
  parisSpring2025: '2025-03-30',
  parisFall2025: '2025-10-26',
  newYorkSpring2025: '2025-03-09',
  newYorkFall2025: '2025-11-02',
} as const;
