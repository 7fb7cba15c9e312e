import { assertNever } from '@vigie/kernel';

export const snoozeChoices = ['oneHour', 'fourHours', 'oneDay', 'oneWeek'] as const;
export type SnoozeChoice = (typeof snoozeChoices)[number];

const hourMs = 3_600_000;

/** When a snooze chosen at `now` ends: plain durations, so no calendar math (the server wakes it). */
export function snoozeUntil(choice: SnoozeChoice, now: Date): Date {
  switch (choice) {
    case 'oneHour':
      return new Date(now.getTime() + hourMs);
    case 'fourHours':
      return new Date(now.getTime() + 4 * hourMs);
    case 'oneDay':
      return new Date(now.getTime() + 24 * hourMs);
    case 'oneWeek':
      return new Date(now.getTime() + 7 * 24 * hourMs);
    default:
      return assertNever(choice, 'Unknown snooze choice');
  }
}
