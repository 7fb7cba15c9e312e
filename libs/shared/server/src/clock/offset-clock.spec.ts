import { systemClock } from '@vigie/kernel';
import { clockFromConfig, OffsetClock } from './offset-clock';

describe('OffsetClock', () => {
  it('starts at the given instant and runs on with the wall clock', () => {
    let wallMs = Date.parse('2026-11-23T08:00:00Z');
    const clock = new OffsetClock({
      startAt: new Date('2026-11-20T19:29:50+01:00'),
      wallNow: () => wallMs,
    });
    expect(clock.now().toISOString()).toBe('2026-11-20T18:29:50.000Z');
    wallMs += 10_250;
    expect(clock.now().toISOString()).toBe('2026-11-20T18:30:00.250Z');
  });

  it('returns a new Date each time, so callers cannot move it', () => {
    const clock = new OffsetClock({ startAt: new Date('2030-01-01T00:00:00Z'), wallNow: () => 0 });
    clock.now().setFullYear(1999);
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });
});

describe('clockFromConfig', () => {
  it('is the system clock unless a start instant is configured', () => {
    expect(clockFromConfig({})).toBe(systemClock);
    const shifted = clockFromConfig({ clockStart: new Date('2026-11-20T18:49:50+01:00') });
    expect(shifted).toBeInstanceOf(OffsetClock);
    expect(Math.abs(shifted.now().getTime() - Date.parse('2026-11-20T18:49:50+01:00'))).toBeLessThan(1_000);
  });
});
