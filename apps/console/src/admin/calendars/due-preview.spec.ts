import { type CalendarSpec } from '@vigie/sla-core';
import { previewDueTimes, type PreviewTargets } from './due-preview';

const splitDay: [string, string][] = [
  ['09:00', '12:00'],
  ['14:00', '19:00'],
];
/** Mon-Fri 09:00-12:00 and 14:00-19:00 in Paris, Christmas closed: the lunch-break calendar of docs/sla.md. */
const paris: CalendarSpec = {
  timezone: 'Europe/Paris',
  weekly: { mon: splitDay, tue: splitDay, wed: splitDay, thu: splitDay, fri: splitDay },
  holidays: ['2026-12-25'],
};
const oneBusinessHour: PreviewTargets = {
  firstResponse: { minutes: 60, hours: 'business' },
  customerPromiseMinutes: 60,
};

describe('the due-time preview', () => {
  it.each([
    // [what, date, time, contract due (UTC), counting from (UTC)]
    ['open all the way', '2026-11-24', '10:00', '2026-11-24T10:00:00.000Z', '2026-11-24T09:00:00.000Z'],
    ['across the lunch break', '2026-11-24', '11:30', '2026-11-24T13:30:00.000Z', '2026-11-24T10:30:00.000Z'],
    ['during the lunch break', '2026-11-24', '12:30', '2026-11-24T14:00:00.000Z', '2026-11-24T13:00:00.000Z'],
    [
      'on Friday evening, after closing',
      '2026-11-20',
      '19:30',
      '2026-11-23T09:00:00.000Z',
      '2026-11-23T08:00:00.000Z',
    ],
    [
      'on Friday 18:50, ten minutes before closing',
      '2026-11-20',
      '18:50',
      '2026-11-23T08:50:00.000Z',
      '2026-11-20T17:50:00.000Z',
    ],
    [
      'on Christmas Eve evening, Christmas closed',
      '2026-12-24',
      '18:30',
      '2026-12-28T08:30:00.000Z',
      '2026-12-24T17:30:00.000Z',
    ],
  ])('computes the contract due time %s', (_what, date, time, contractDue, countingFrom) => {
    const preview = previewDueTimes({ spec: paris, date, time, targets: oneBusinessHour });
    expect(preview).toMatchObject({ kind: 'ok' });
    if (preview.kind !== 'ok') return;
    expect(preview.contractDueAt?.toISOString()).toBe(contractDue);
    expect(preview.countingFrom.toISOString()).toBe(countingFrom);
  });

  it('says whether the calendar is open when the customer writes', () => {
    const at = (time: string) =>
      previewDueTimes({ spec: paris, date: '2026-11-24', time, targets: oneBusinessHour });
    expect(at('10:00')).toMatchObject({ isOpen: true });
    expect(at('12:00')).toMatchObject({ isOpen: false });
    expect(at('21:00')).toMatchObject({ isOpen: false });
  });

  it('keeps the customer promise in wall-clock time, whatever the calendar', () => {
    const preview = previewDueTimes({
      spec: paris,
      date: '2026-11-20',
      time: '19:30',
      targets: oneBusinessHour,
    });
    expect(preview.kind === 'ok' && preview.customerDueAt.toISOString()).toBe('2026-11-20T19:30:00.000Z');
  });

  it('counts a calendar-hours target in wall-clock time', () => {
    const preview = previewDueTimes({
      spec: paris,
      date: '2026-11-20',
      time: '19:30',
      targets: { firstResponse: { minutes: 90, hours: 'calendar' }, customerPromiseMinutes: 60 },
    });
    expect(preview.kind === 'ok' && preview.contractDueAt?.toISOString()).toBe('2026-11-20T20:00:00.000Z');
  });

  it('reads the wall-clock time in the calendar zone, across the autumn clock change', () => {
    const newYork: CalendarSpec = { timezone: 'America/New_York', weekly: { sun: [['00:00', '24:00']] } };
    const preview = previewDueTimes({
      spec: newYork,
      date: '2024-11-03',
      time: '00:30',
      targets: { firstResponse: { minutes: 120, hours: 'business' }, customerPromiseMinutes: 60 },
    });
    // 00:30 EDT is 04:30Z; two real hours later is 06:30Z (01:30 EST), the clock having gone back once.
    expect(preview.kind === 'ok' && preview.writtenAt.toISOString()).toBe('2024-11-03T04:30:00.000Z');
    expect(preview.kind === 'ok' && preview.contractDueAt?.toISOString()).toBe('2024-11-03T06:30:00.000Z');
  });

  it('has no contract due time when the policy sets no first-response target', () => {
    const preview = previewDueTimes({
      spec: paris,
      date: '2026-11-24',
      time: '10:00',
      targets: { firstResponse: null, customerPromiseMinutes: 30 },
    });
    expect(preview).toMatchObject({ kind: 'ok', contractDueAt: null });
  });

  it.each([
    ['an empty date', '', '10:00'],
    ['an empty time', '2026-11-24', ''],
    ['an impossible date', '2026-02-30', '10:00'],
  ])('asks for an instant on %s', (_what, date, time) => {
    expect(previewDueTimes({ spec: paris, date, time, targets: oneBusinessHour })).toEqual({
      kind: 'badInstant',
    });
  });

  it('says so when the calendar never opens', () => {
    const neverOpen: CalendarSpec = { timezone: 'Europe/Paris', weekly: {} };
    expect(
      previewDueTimes({ spec: neverOpen, date: '2026-11-24', time: '10:00', targets: oneBusinessHour }),
    ).toEqual({ kind: 'noOpenHours' });
  });
});
