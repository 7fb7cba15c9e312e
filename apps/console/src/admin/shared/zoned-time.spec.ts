import { formatInZone, instantToLocal, isKnownTimeZone, localToInstant, timeZoneChoices } from './zoned-time';

describe('wall-clock times in a zone', () => {
  it.each([
    ['a winter evening in Paris', '2026-11-20', '19:30', 'Europe/Paris', '2026-11-20T18:30:00.000Z'],
    ['a summer morning in Paris', '2026-07-01', '09:00', 'Europe/Paris', '2026-07-01T07:00:00.000Z'],
    [
      'a time skipped by the spring change, moved later',
      '2024-03-31',
      '02:30',
      'Europe/Paris',
      '2024-03-31T01:30:00.000Z',
    ],
    ['seconds', '2026-11-20', '09:00:30', 'America/New_York', '2026-11-20T14:00:30.000Z'],
  ])('reads %s', (_what, date, time, timezone, instant) => {
    expect(localToInstant({ date, time, timezone })?.toISOString()).toBe(instant);
  });

  it.each([
    ['', '10:00', 'Europe/Paris'],
    ['2026-11-20', '', 'Europe/Paris'],
    ['2026-11-20', '10:00', 'Europe/Lutece'],
  ])('gives nothing for %j %j %j', (date, time, timezone) => {
    expect(localToInstant({ date, time, timezone })).toBeNull();
  });

  it('writes an instant back as the zone reads it', () => {
    expect(instantToLocal(new Date('2026-11-20T18:30:00.000Z'), 'Europe/Paris')).toEqual({
      date: '2026-11-20',
      time: '19:30',
    });
    expect(instantToLocal(new Date('2026-11-20T18:30:00.000Z'), 'Nowhere/City')).toEqual({
      date: '2026-11-20',
      time: '18:30',
    });
  });

  it('formats in the zone and the language', () => {
    const text = formatInZone(new Date('2026-11-23T09:30:00.000Z'), 'Europe/Paris', 'fr');
    expect(text).toContain('lundi 23 novembre 2026');
    expect(text).toContain('10:30');
  });

  it('knows zones, and keeps the current one in the choices', () => {
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('Europe/Lutece')).toBe(false);
    expect(isKnownTimeZone(' ')).toBe(false);
    expect(timeZoneChoices('Europe/Paris')).toContain('Europe/Paris');
    // A stored zone the browser's list lacks stays selectable, first.
    expect(timeZoneChoices('Mars/Olympus')[0]).toBe('Mars/Olympus');
  });
});
