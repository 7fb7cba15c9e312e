import { BusinessCalendar } from './business-calendar.calculator';
import { defaultSlaPolicySpec } from './sla-policy';
import {
  counterFor,
  pauseClock,
  reapplyClock,
  resumeClock,
  type SlaClockState,
  type SlaPause,
  startClock,
  thresholdsOf,
} from './sla-clock.rules';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const at = (iso: string): Date => new Date(iso);
// Mon-Fri 09:00-19:00 Paris (the default calendar) against a round-the-clock one. Mon 23 Nov 2026 is +01:00.
const business = counterFor('business', new BusinessCalendar(defaultSlaPolicySpec.calendar));
const wall = counterFor('calendar', new BusinessCalendar(defaultSlaPolicySpec.calendar));

function started(receivedAt: string, targetMs = HOUR_MS): SlaClockState {
  return startClock({
    clock: 'contract',
    metric: 'first_response',
    hours: 'business',
    targetMs,
    at: at(receivedAt),
    counter: business,
  });
}

function reapply(params: {
  state: SlaClockState;
  targetMs: number;
  at: string;
  pauses?: SlaPause[];
  isPausedWhenPending?: boolean;
  hours?: 'business' | 'calendar';
}): SlaClockState {
  const hours = params.hours ?? 'business';
  return reapplyClock({
    state: params.state,
    hours,
    targetMs: params.targetMs,
    isPausedWhenPending: params.isPausedWhenPending ?? true,
    pauses: params.pauses ?? [],
    at: at(params.at),
    counter: hours === 'business' ? business : wall,
  });
}

describe('re-applying a clock under another policy, from its start', () => {
  it('counts from the original start with the new target (a shorter one moves the due time earlier)', () => {
    const clock = started('2026-11-23T10:00:00+01:00', 4 * HOUR_MS);
    expect(clock.dueAt).toEqual(at('2026-11-23T14:00:00+01:00'));
    const reapplied = reapply({ state: clock, targetMs: HOUR_MS, at: '2026-11-23T10:20:00+01:00' });
    expect(reapplied).toMatchObject({
      status: 'running',
      startedAt: at('2026-11-23T10:00:00+01:00'),
      runningSince: at('2026-11-23T10:00:00+01:00'),
      consumedMs: 0,
      targetMs: HOUR_MS,
      dueAt: at('2026-11-23T11:00:00+01:00'),
      breachedAt: null,
    });
  });

  it('switches the counter: calendar hours count the night that business hours skip', () => {
    const clock = started('2026-11-20T18:30:00+01:00');
    expect(clock.dueAt).toEqual(at('2026-11-23T09:30:00+01:00'));
    const reapplied = reapply({
      state: clock,
      targetMs: 2 * HOUR_MS,
      hours: 'calendar',
      at: '2026-11-20T19:00:00+01:00',
    });
    expect(reapplied).toMatchObject({ hours: 'calendar', dueAt: at('2026-11-20T20:30:00+01:00') });
  });

  it('leaves out the pauses that happened, recounted with the new counter, and keeps a clock paused', () => {
    let clock = started('2026-11-23T10:00:00+01:00');
    clock = pauseClock(clock, at('2026-11-23T10:20:00+01:00'), business);
    clock = resumeClock(clock, at('2026-11-23T14:00:00+01:00'), business);
    const pauses: SlaPause[] = [
      { from: at('2026-11-23T10:20:00+01:00'), to: at('2026-11-23T14:00:00+01:00') },
    ];
    const running = reapply({
      state: clock,
      targetMs: 30 * MINUTE_MS,
      pauses,
      at: '2026-11-23T14:05:00+01:00',
    });
    expect(running).toMatchObject({
      status: 'running',
      consumedMs: 20 * MINUTE_MS,
      runningSince: at('2026-11-23T14:00:00+01:00'),
      dueAt: at('2026-11-23T14:10:00+01:00'),
    });

    const paused = pauseClock(clock, at('2026-11-23T14:30:00+01:00'), business);
    const stillPaused = reapply({
      state: paused,
      targetMs: 2 * HOUR_MS,
      pauses: [...pauses, { from: at('2026-11-23T14:30:00+01:00'), to: null }],
      at: '2026-11-23T15:00:00+01:00',
    });
    expect(stillPaused).toMatchObject({
      status: 'paused',
      consumedMs: 50 * MINUTE_MS,
      runningSince: null,
      dueAt: null,
    });
  });

  it('counts through the pauses when the new target does not pause on pending', () => {
    let clock = started('2026-11-23T10:00:00+01:00');
    clock = pauseClock(clock, at('2026-11-23T10:20:00+01:00'), business);
    const reapplied = reapply({
      state: clock,
      targetMs: 2 * HOUR_MS,
      isPausedWhenPending: false,
      pauses: [{ from: at('2026-11-23T10:20:00+01:00'), to: null }],
      at: '2026-11-23T11:00:00+01:00',
    });
    expect(reapplied).toMatchObject({
      status: 'running',
      consumedMs: 0,
      runningSince: at('2026-11-23T10:00:00+01:00'),
      dueAt: at('2026-11-23T12:00:00+01:00'),
    });
  });

  it.each([
    ['no longer breached under a longer target', HOUR_MS, 3 * HOUR_MS, null],
    ['keeps its first breach when overdue under both', HOUR_MS, 90 * MINUTE_MS, '2026-11-23T11:00:00+01:00'],
  ])('a breached clock re-applied: %s', (_name, oldTargetMs, newTargetMs, breachedAt) => {
    const clock = {
      ...started('2026-11-23T10:00:00+01:00', oldTargetMs),
      breachedAt: at('2026-11-23T11:00:00+01:00'),
    };
    const reapplied = reapply({ state: clock, targetMs: newTargetMs, at: '2026-11-23T11:45:00+01:00' });
    expect(reapplied.breachedAt).toEqual(breachedAt === null ? null : at(breachedAt));
  });

  it('schedules the breach at once for a clock overdue only under the new target, without the past warnings', () => {
    const clock = started('2026-11-23T10:00:00+01:00', 4 * HOUR_MS);
    const now = at('2026-11-23T11:30:00+01:00');
    const reapplied = reapply({ state: clock, targetMs: HOUR_MS, at: '2026-11-23T11:30:00+01:00' });
    expect(reapplied).toMatchObject({ dueAt: at('2026-11-23T11:00:00+01:00'), breachedAt: null });
    expect(
      thresholdsOf(reapplied, { warningFractions: [0.5, 0.8], counter: business, warningsFrom: now }),
    ).toEqual([{ kind: 'breach', fraction: 1, at: at('2026-11-23T11:00:00+01:00') }]);
    const later = reapply({ state: clock, targetMs: 3 * HOUR_MS, at: '2026-11-23T11:30:00+01:00' });
    expect(
      thresholdsOf(later, { warningFractions: [0.5, 0.8], counter: business, warningsFrom: now }).map(
        (threshold) => [threshold.fraction, threshold.at.toISOString()],
      ),
    ).toEqual([
      // Half of 3 h is crossed right now: still announced; nothing before now is.
      [0.5, at('2026-11-23T11:30:00+01:00').toISOString()],
      [0.8, at('2026-11-23T12:24:00+01:00').toISOString()],
      [1, at('2026-11-23T13:00:00+01:00').toISOString()],
    ]);
  });

  it('leaves ended clocks as they are', () => {
    const fulfilled = { ...started('2026-11-23T10:00:00+01:00'), status: 'fulfilled' as const };
    expect(reapply({ state: fulfilled, targetMs: 5 * MINUTE_MS, at: '2026-11-23T12:00:00+01:00' })).toBe(
      fulfilled,
    );
  });
});
