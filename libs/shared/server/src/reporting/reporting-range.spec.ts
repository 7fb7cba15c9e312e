import { DomainError } from '@vigie/kernel';
import { reportingRange } from './reporting-range';

const now = new Date('2026-11-23T12:00:00Z');
const limits = { now, defaultDays: 30, maxDays: 31 };

describe('reportingRange', () => {
  it('defaults to the days before now, in Paris', () => {
    expect(reportingRange(limits)).toEqual({
      from: new Date('2026-10-24T12:00:00Z'),
      to: now,
      timezone: 'Europe/Paris',
    });
  });

  it('takes a given range and zone', () => {
    expect(
      reportingRange({ ...limits, from: '2026-11-01', to: '2026-11-02', timezone: 'America/New_York' }),
    ).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-02T00:00:00Z'),
      timezone: 'America/New_York',
    });
  });

  it.each([
    [{ timezone: 'Mars/Olympus' }, 'timezone must be an IANA zone'],
    [{ from: '2026-11-02', to: '2026-11-01' }, 'from must be before to'],
    [{ from: '2026-01-01', to: '2026-11-01' }, 'the range must be at most 31 days'],
  ])('refuses %p', (query, message) => {
    expect(() => reportingRange({ ...limits, ...query })).toThrow(DomainError);
    expect(() => reportingRange({ ...limits, ...query })).toThrow(message);
  });
});
