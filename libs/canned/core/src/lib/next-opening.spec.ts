import { BusinessCalendar, type CalendarSpec } from '@vigie/sla-core';
import { nextOpeningAfter } from './next-opening';

const officeDay: [string, string][] = [
  ['09:00', '12:00'],
  ['14:00', '19:00'],
];
/** Mon-Fri 09:00-12:00 / 14:00-19:00 in Paris, closed on Wednesday 11 November 2026 (a holiday). */
const office = new BusinessCalendar({
  timezone: 'Europe/Paris',
  weekly: { mon: officeDay, tue: officeDay, wed: officeDay, thu: officeDay, fri: officeDay },
  holidays: ['2026-11-11'],
});

const allDay: [string, string][] = [['00:00', '24:00']];
const alwaysOpen: CalendarSpec = {
  timezone: 'Europe/Paris',
  weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
};

describe('nextOpeningAfter', () => {
  it.each([
    ['closed on a Friday evening: Monday morning', '2026-11-20T19:30:00+01:00', '2026-11-23T09:00:00+01:00'],
    ['closed at lunch: the afternoon opening', '2026-11-20T12:30:00+01:00', '2026-11-20T14:00:00+01:00'],
    ['open in the morning: after the lunch break', '2026-11-20T10:15:00+01:00', '2026-11-20T14:00:00+01:00'],
    ['open in the afternoon: Monday morning', '2026-11-20T15:00:00+01:00', '2026-11-23T09:00:00+01:00'],
    [
      'open at the closing minute: the next opening',
      '2026-11-20T18:59:59+01:00',
      '2026-11-23T09:00:00+01:00',
    ],
    [
      'at the closing instant (closed): the next opening',
      '2026-11-20T19:00:00+01:00',
      '2026-11-23T09:00:00+01:00',
    ],
    ['the eve of a holiday: the day after it', '2026-11-10T16:00:00+01:00', '2026-11-12T09:00:00+01:00'],
    ['across the end of summer time', '2026-10-23T18:00:00+02:00', '2026-10-26T09:00:00+01:00'],
  ])('%s', (_case, at, expected) => {
    expect(nextOpeningAfter(office, new Date(at))?.toISOString()).toBe(new Date(expected).toISOString());
  });

  it('has no next opening for a calendar open around the clock', () => {
    expect(nextOpeningAfter(new BusinessCalendar(alwaysOpen), new Date('2026-11-20T10:00:00Z'))).toBeNull();
  });
});
