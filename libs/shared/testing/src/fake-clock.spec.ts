import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('stays still until advanced, and returns copies that callers cannot mutate', () => {
    const clock = new FakeClock('2026-03-01T10:00:00Z');
    const first = clock.now();
    first.setFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(clock.advance({ hours: 1, minutes: 30, seconds: 5 }).toISOString()).toBe(
      '2026-03-01T11:30:05.000Z',
    );
  });

  it('can be set to any instant', () => {
    const clock = new FakeClock();
    clock.set('2030-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });
});
