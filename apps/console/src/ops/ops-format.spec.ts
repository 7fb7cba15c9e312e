import { formatCount, formatInstant } from './ops-format';

describe('ops formats', () => {
  const nowMs = Date.parse('2026-11-24T15:00:00Z');

  it('shows the time alone for today, the date as well for another day', () => {
    expect(
      formatInstant({ iso: '2026-11-24T09:05:00Z', language: 'en-GB', nowMs, timeZone: 'Europe/Paris' }),
    ).toBe('10:05');
    expect(
      formatInstant({ iso: '2026-11-22T09:05:00Z', language: 'en-GB', nowMs, timeZone: 'Europe/Paris' }),
    ).toBe('22 Nov 2026, 10:05');
  });

  it('writes counts as the language does, with a decimal for small expected counts', () => {
    expect(formatCount(1234, 'en')).toBe('1,234');
    expect(formatCount(1234, 'fr').replace(/\s/g, ' ')).toBe('1 234');
    expect(formatCount(4.56, 'en')).toBe('4.6');
    expect(formatCount(12.4, 'en')).toBe('12');
  });
});
