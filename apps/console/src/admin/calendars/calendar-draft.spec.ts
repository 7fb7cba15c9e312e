import { type CalendarSpec } from '@vigie/sla-core';
import {
  applyDailyBreak,
  type CalendarDraft,
  calendarDraftOf,
  copyToWorkingDays,
  parseCalendarDraft,
  withHoliday,
} from './calendar-draft';

const nineToSeven = [{ start: '09:00', end: '19:00' }];
const closedWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const draft = (changes: Partial<CalendarDraft> = {}): CalendarDraft => ({
  timezone: 'Europe/Paris',
  weekly: { ...closedWeek, mon: nineToSeven, tue: nineToSeven },
  holidays: [],
  breaks: [],
  dateOverrides: [],
  ...changes,
});

describe('the calendar form', () => {
  it('reads a stored calendar and writes it back the same', () => {
    const spec: CalendarSpec = {
      timezone: 'Europe/Paris',
      weekly: {
        mon: [
          ['09:00', '12:00'],
          ['14:00', '19:00'],
        ],
        sat: [['20:00', '24:00']],
      },
      holidays: ['2026-12-25', '2026-01-01'],
      breaks: [{ date: '2026-12-24', intervals: [['12:00', '14:00']] }],
      dateOverrides: [{ date: '2026-12-31', intervals: [['09:00', '12:00']] }],
    };
    const form = calendarDraftOf(spec);
    // "24:00" is midnight in a time field; holidays sorted.
    expect(form.weekly.sat).toEqual([{ start: '20:00', end: '00:00' }]);
    expect(form.holidays).toEqual(['2026-01-01', '2026-12-25']);
    expect(parseCalendarDraft(form)).toEqual({
      kind: 'ok',
      spec: { ...spec, holidays: ['2026-01-01', '2026-12-25'] },
    });
  });

  it('sorts a day’s periods and leaves closed days out', () => {
    const parsed = parseCalendarDraft(
      draft({
        weekly: {
          ...closedWeek,
          wed: [
            { start: '14:00', end: '18:00' },
            { start: '08:30', end: '12:00' },
          ],
        },
      }),
    );
    expect(parsed.kind === 'ok' && parsed.spec.weekly).toEqual({
      wed: [
        ['08:30', '12:00'],
        ['14:00', '18:00'],
      ],
    });
  });

  it.each([
    ['an end before the start', { start: '18:00', end: '09:00' }, 'order'],
    ['an empty period', { start: '09:00', end: '09:00' }, 'order'],
    ['an incomplete time', { start: '9:', end: '12:00' }, 'time'],
  ])('refuses %s and says which day and period', (_what, range, code) => {
    const parsed = parseCalendarDraft(draft({ weekly: { ...closedWeek, mon: nineToSeven, thu: [range] } }));
    expect(parsed).toEqual({
      kind: 'invalid',
      problems: [{ code, place: { kind: 'weekday', day: 'thu', index: 0 } }],
    });
  });

  it('refuses overlapping periods of a day, naming the later one', () => {
    const parsed = parseCalendarDraft(
      draft({
        weekly: {
          ...closedWeek,
          fri: [
            { start: '13:00', end: '19:00' },
            { start: '09:00', end: '14:00' },
          ],
        },
      }),
    );
    expect(parsed).toEqual({
      kind: 'invalid',
      problems: [{ code: 'overlap', place: { kind: 'weekday', day: 'fri', index: 0 } }],
    });
  });

  it('accepts periods that touch', () => {
    const touching = [
      { start: '09:00', end: '12:00' },
      { start: '12:00', end: '18:00' },
    ];
    expect(parseCalendarDraft(draft({ weekly: { ...closedWeek, mon: touching } })).kind).toBe('ok');
  });

  it.each([
    ['an unknown time zone', draft({ timezone: 'Europe/Lutece' }), { code: 'timezone' }],
    ['a week without hours', draft({ weekly: closedWeek }), { code: 'noOpenHours' }],
    [
      'an impossible holiday',
      draft({ holidays: ['2026-02-30'] }),
      { code: 'date', place: { kind: 'holiday', date: '2026-02-30' } },
    ],
    [
      'a break without a date',
      draft({ breaks: [{ date: '', ranges: [{ start: '12:00', end: '13:00' }] }] }),
      { code: 'date', place: { kind: 'break', date: '', index: 0 } },
    ],
    [
      'the same special date twice',
      draft({
        dateOverrides: [
          { date: '2026-12-31', ranges: [] },
          { date: '2026-12-31', ranges: [{ start: '09:00', end: '12:00' }] },
        ],
      }),
      { code: 'duplicateDate', place: { kind: 'override', date: '2026-12-31', index: 1 } },
    ],
  ])('refuses %s', (_what, form, problem) => {
    expect(parseCalendarDraft(form)).toEqual({ kind: 'invalid', problems: [problem] });
  });

  it('keeps a special date with no period (closed that day) and drops a break with none', () => {
    const parsed = parseCalendarDraft(
      draft({
        breaks: [{ date: '2026-12-24', ranges: [] }],
        dateOverrides: [{ date: '2026-12-31', ranges: [] }],
      }),
    );
    expect(parsed.kind === 'ok' && parsed.spec).toMatchObject({
      breaks: [],
      dateOverrides: [{ date: '2026-12-31', intervals: [] }],
    });
  });
});

describe('the daily break', () => {
  it('splits every open day around the break and leaves closed days closed', () => {
    const weekly = applyDailyBreak(
      { ...closedWeek, mon: nineToSeven, sat: [{ start: '10:00', end: '12:30' }] },
      { start: '12:00', end: '14:00' },
    );
    expect(weekly).toEqual({
      ...closedWeek,
      mon: [
        { start: '09:00', end: '12:00' },
        { start: '14:00', end: '19:00' },
      ],
      sat: [{ start: '10:00', end: '12:00' }],
    });
  });

  it('leaves periods it does not touch, and removes one it covers', () => {
    const weekly = applyDailyBreak(
      {
        ...closedWeek,
        tue: [
          { start: '08:00', end: '11:00' },
          { start: '12:30', end: '13:30' },
          { start: '15:00', end: '18:00' },
        ],
      },
      { start: '12:00', end: '14:00' },
    );
    expect(weekly?.tue).toEqual([
      { start: '08:00', end: '11:00' },
      { start: '15:00', end: '18:00' },
    ]);
  });

  it('refuses a break that ends before it starts', () => {
    expect(applyDailyBreak({ ...closedWeek, mon: nineToSeven }, { start: '14:00', end: '12:00' })).toBeNull();
  });
});

describe('week helpers', () => {
  it('copies Monday to the working days only', () => {
    const weekly = copyToWorkingDays(
      { ...closedWeek, mon: nineToSeven, sat: [{ start: '10:00', end: '12:00' }] },
      'mon',
    );
    expect(weekly.fri).toEqual(nineToSeven);
    expect(weekly.sat).toEqual([{ start: '10:00', end: '12:00' }]);
    expect(weekly.sun).toEqual([]);
  });

  it('adds a holiday once, in date order', () => {
    expect(withHoliday(['2026-12-25'], '2026-05-01')).toEqual(['2026-05-01', '2026-12-25']);
    expect(withHoliday(['2026-12-25'], '2026-12-25')).toEqual(['2026-12-25']);
  });
});
