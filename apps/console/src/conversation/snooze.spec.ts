import { snoozeUntil } from './snooze';

describe('snooze', () => {
  const now = new Date('2026-11-23T09:30:00.000Z');

  it.each([
    ['oneHour', '2026-11-23T10:30:00.000Z'],
    ['fourHours', '2026-11-23T13:30:00.000Z'],
    ['oneDay', '2026-11-24T09:30:00.000Z'],
    ['oneWeek', '2026-11-30T09:30:00.000Z'],
  ] as const)('wakes a conversation snoozed for %s at %s', (choice, expected) => {
    expect(snoozeUntil(choice, now).toISOString()).toBe(expected);
  });
});
