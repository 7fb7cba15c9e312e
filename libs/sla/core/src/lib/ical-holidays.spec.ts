import { DomainError } from '@vigie/kernel';
import { parseIcalHolidays } from './ical-holidays';

const calendar = (events: string) =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${events}END:VCALENDAR\r\n`;

describe('iCalendar holiday import', () => {
  it('reads all-day events, multi-day ranges (DTEND exclusive) and folded lines, sorted without duplicates', () => {
    const text = calendar(
      [
        'BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261226\r\nSUMMARY:Noël\r\nEND:VEVENT\r\n',
        'BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261111\r\nSUMMARY:Armistice\r\nEND:VEVENT\r\n',
        'BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026\r\n 0814\r\nDTEND;VALUE=DATE:20260817\r\nEND:VEVENT\r\n',
        'BEGIN:VEVENT\r\nDTSTART:20261225\r\nEND:VEVENT\r\n',
      ].join(''),
    );
    expect(parseIcalHolidays(text)).toEqual([
      '2026-08-14',
      '2026-08-15',
      '2026-08-16',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('skips events with a time of day', () => {
    expect(
      parseIcalHolidays(
        calendar('BEGIN:VEVENT\nDTSTART:20261224T090000Z\nDTEND:20261224T100000Z\nEND:VEVENT\n'),
      ),
    ).toEqual([]);
  });

  it.each([
    ['not a calendar', 'it does not start a VCALENDAR'],
    [calendar('BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260230\nEND:VEVENT\n'), 'no such date'],
    [
      calendar('BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261226\nDTEND;VALUE=DATE:20261225\nEND:VEVENT\n'),
      'ends before it starts',
    ],
  ])('refuses %p with a clear message', (text, fragment) => {
    expect(() => parseIcalHolidays(text)).toThrow(DomainError);
    expect(() => parseIcalHolidays(text)).toThrow(fragment);
  });
});
