import { type CalendarSpec, type LocalInterval } from '../lib/calendar-spec.type';
import { frenchPublicHolidays } from '../lib/french-holidays';

export { frenchPublicHolidays };

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
