import { BusinessCalendar } from './business-calendar.calculator';
import { explainDueAt } from './due-explanation';
import { defaultSlaPolicySpec } from './sla-policy';
import {
  counterFor,
  fulfilClock,
  pauseClock,
  resumeClock,
  type SlaClockState,
  startClock,
  stopClock,
  thresholdsOf,
} from './sla-clock.rules';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const at = (iso: string): Date => new Date(iso);
// Default policy calendar: Mon-Fri 09:00-19:00 Paris, French holidays. Fri 20 Nov 2026, Mon 23 Nov 2026 (+01:00).
const calendar = new BusinessCalendar(defaultSlaPolicySpec.calendar);
const business = counterFor('business', calendar);
const wall = counterFor('calendar', calendar);

function contractClock(receivedAt: string, targetMs = HOUR_MS): SlaClockState {
  return startClock({
    clock: 'contract',
    metric: 'first_response',
    hours: 'business',
    targetMs,
    at: at(receivedAt),
    counter: business,
  });
}

describe('SLA clocks', () => {
  it.each([
    [
      '2026-11-20T19:30:00+01:00',
      '2026-11-23T10:00:00+01:00',
      'after closing on Friday: one hour from Monday 09:00',
    ],
    ['2026-11-20T18:50:00+01:00', '2026-11-23T09:50:00+01:00', '10 min on Friday, 50 min on Monday'],
    [
      '2026-11-20T18:00:00+01:00',
      '2026-11-23T09:00:00+01:00',
      'runs out at closing: due at the next opening',
    ],
    ['2026-11-21T11:00:00+01:00', '2026-11-23T10:00:00+01:00', 'a Saturday message counts from Monday'],
    ['2026-11-10T18:30:00+01:00', '2026-11-12T09:30:00+01:00', 'Armistice day (Wed 11 Nov) is a holiday'],
    ['2026-11-23T10:15:00+01:00', '2026-11-23T11:15:00+01:00', 'open: one hour later'],
  ])('a contract clock started %s is due %s (%s)', (receivedAt, dueAt) => {
    expect(contractClock(receivedAt).dueAt).toEqual(at(dueAt));
  });

  it('the customer clock is wall-clock: one hour after the message, even at night', () => {
    const clock = startClock({
      clock: 'customer',
      metric: 'first_response',
      hours: 'calendar',
      targetMs: HOUR_MS,
      at: at('2026-11-20T19:30:00+01:00'),
      counter: wall,
    });
    expect(clock.dueAt).toEqual(at('2026-11-20T20:30:00+01:00'));
  });

  it('pausing keeps the counted time and resuming pushes the due time by the pause', () => {
    const started = contractClock('2026-11-23T10:00:00+01:00');
    const paused = pauseClock(started, at('2026-11-23T10:20:00+01:00'), business);
    expect(paused).toMatchObject({ status: 'paused', consumedMs: 20 * MINUTE_MS, dueAt: null });
    const resumed = resumeClock(paused, at('2026-11-23T15:00:00+01:00'), business);
    expect(resumed.status).toBe('running');
    expect(resumed.dueAt).toEqual(at('2026-11-23T15:40:00+01:00'));
    const fulfilled = fulfilClock(resumed, at('2026-11-23T15:30:00+01:00'), business);
    expect(fulfilled).toMatchObject({ status: 'fulfilled', elapsedMs: 50 * MINUTE_MS, breachedAt: null });
  });

  it('a pause across the evening resumes the next morning with the remaining business time', () => {
    const paused = pauseClock(
      contractClock('2026-11-23T18:30:00+01:00'),
      at('2026-11-23T18:45:00+01:00'),
      business,
    );
    const resumed = resumeClock(paused, at('2026-11-23T22:00:00+01:00'), business);
    expect(resumed.dueAt).toEqual(at('2026-11-24T09:45:00+01:00'));
  });

  it('a late answer fulfils the clock and records the breach', () => {
    const fulfilled = fulfilClock(
      contractClock('2026-11-23T10:00:00+01:00'),
      at('2026-11-23T11:30:00+01:00'),
      business,
    );
    expect(fulfilled.elapsedMs).toBe(90 * MINUTE_MS);
    expect(fulfilled.breachedAt).toEqual(at('2026-11-23T11:30:00+01:00'));
  });

  it('stopping ends the clock without a verdict, and a stopped clock is not resumed or fulfilled', () => {
    const stopped = stopClock(
      contractClock('2026-11-23T10:00:00+01:00'),
      at('2026-11-23T10:10:00+01:00'),
      business,
    );
    expect(stopped).toMatchObject({ status: 'stopped', dueAt: null, elapsedMs: null });
    expect(resumeClock(stopped, at('2026-11-23T11:00:00+01:00'), business)).toBe(stopped);
    expect(fulfilClock(stopped, at('2026-11-23T11:00:00+01:00'), business)).toBe(stopped);
  });

  it('warns at 50% and 80% of business time and breaches at the due time, across the weekend', () => {
    const thresholds = thresholdsOf(contractClock('2026-11-20T18:50:00+01:00'), {
      warningFractions: [0.5, 0.8],
      counter: business,
    });
    expect(thresholds).toEqual([
      { kind: 'warning', fraction: 0.5, at: at('2026-11-23T09:20:00+01:00') },
      { kind: 'warning', fraction: 0.8, at: at('2026-11-23T09:38:00+01:00') },
      { kind: 'breach', fraction: 1, at: at('2026-11-23T09:50:00+01:00') },
    ]);
  });

  it('does not repeat a warning already crossed before a pause', () => {
    const paused = pauseClock(
      contractClock('2026-11-23T10:00:00+01:00'),
      at('2026-11-23T10:35:00+01:00'),
      business,
    );
    const resumed = resumeClock(paused, at('2026-11-23T14:00:00+01:00'), business);
    expect(thresholdsOf(resumed, { warningFractions: [0.5, 0.8], counter: business })).toEqual([
      { kind: 'warning', fraction: 0.8, at: at('2026-11-23T14:13:00+01:00') },
      { kind: 'breach', fraction: 1, at: at('2026-11-23T14:25:00+01:00') },
    ]);
  });

  it('customer clocks get only their breach, paused clocks nothing', () => {
    const customer = startClock({
      clock: 'customer',
      metric: 'first_response',
      hours: 'calendar',
      targetMs: HOUR_MS,
      at: at('2026-11-23T10:00:00+01:00'),
      counter: wall,
    });
    expect(
      thresholdsOf(customer, { warningFractions: [0.5], counter: wall }).map((item) => item.kind),
    ).toEqual(['breach']);
    const paused = pauseClock(customer, at('2026-11-23T10:05:00+01:00'), wall);
    expect(thresholdsOf(paused, { warningFractions: [0.5], counter: wall })).toEqual([]);
  });
});

describe('due time explanations', () => {
  function explain(receivedAt: string) {
    const clock = contractClock(receivedAt);
    return explainDueAt({
      calendar,
      timezone: 'Europe/Paris',
      hours: 'business',
      from: clock.startedAt,
      consumedMs: 0,
      targetMs: HOUR_MS,
      dueAt: clock.dueAt as Date,
      fromLabel: 'received',
    });
  }

  it.each([
    [
      '2026-11-20T19:30:00+01:00',
      'due Mon 23 Nov 10:00 because: received Fri 20 Nov 19:30, outside business hours; closed Sat 21 Nov – Sun 22 Nov; opens Mon 23 Nov 09:00; 1 h on Mon 23 Nov',
    ],
    [
      '2026-11-20T18:50:00+01:00',
      'due Mon 23 Nov 09:50 because: received Fri 20 Nov 18:50; 10 min on Fri 20 Nov; closed Sat 21 Nov – Sun 22 Nov; 50 min on Mon 23 Nov',
    ],
    [
      '2026-11-10T18:30:00+01:00',
      'due Thu 12 Nov 09:30 because: received Tue 10 Nov 18:30; 30 min on Tue 10 Nov; closed Wed 11 Nov; 30 min on Thu 12 Nov',
    ],
    [
      '2026-11-23T10:15:00+01:00',
      'due Mon 23 Nov 11:15 because: received Mon 23 Nov 10:15; 1 h on Mon 23 Nov',
    ],
  ])('explains a message received %s', (receivedAt, summary) => {
    expect(explain(receivedAt).summary).toBe(summary);
  });

  it('gives the steps as data too, for a console to say them in its language', () => {
    expect(explain('2026-11-20T19:30:00+01:00').parts).toEqual([
      { kind: 'started', how: 'received', at: at('2026-11-20T19:30:00+01:00'), isOutsideHours: true },
      { kind: 'closed', firstDay: '2026-11-21', lastDay: '2026-11-22' },
      { kind: 'opens', at: at('2026-11-23T09:00:00+01:00') },
      { kind: 'counted', ms: HOUR_MS, day: '2026-11-23' },
    ]);
  });

  it('explains a wall-clock clock and a resumed one', () => {
    const explanation = explainDueAt({
      calendar,
      timezone: 'Europe/Paris',
      hours: 'calendar',
      from: at('2026-11-20T19:30:00+01:00'),
      consumedMs: 15 * MINUTE_MS,
      targetMs: HOUR_MS,
      dueAt: at('2026-11-20T20:15:00+01:00'),
      fromLabel: 'resumed',
    });
    expect(explanation.summary).toBe(
      'due Fri 20 Nov 20:15 because: resumed Fri 20 Nov 19:30; 15 min already counted before the pause; 45 min of calendar time (every hour counts)',
    );
    expect(explanation.parts).toEqual([
      { kind: 'started', how: 'resumed', at: at('2026-11-20T19:30:00+01:00'), isOutsideHours: false },
      { kind: 'already_counted', ms: 15 * MINUTE_MS },
      { kind: 'calendar_time', ms: 45 * MINUTE_MS },
    ]);
  });
});
