import { DateTime } from 'luxon';

/** Where an instant falls in the local week. */
export type CalendarPosition = {
  /** Fractional hour of day, 0 ≤ h < 24 (10:30 is 10.5). */
  readonly hourOfDay: number;
  /** 0 = Monday … 6 = Sunday. */
  readonly dayOfWeek: number;
};

/**
 * Local hour of day and day of week of an instant. UTC is computed with plain arithmetic because it
 * runs for every bucket of every series; other zones go through luxon so DST shifts the profile with
 * the local clock (people tweet by local time).
 */
export function calendarPosition(params: { instantMs: number; timeZone: string }): CalendarPosition {
  const { instantMs, timeZone } = params;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    const date = new Date(instantMs);
    return {
      hourOfDay: date.getUTCHours() + date.getUTCMinutes() / 60 + date.getUTCSeconds() / 3600,
      dayOfWeek: (date.getUTCDay() + 6) % 7,
    };
  }
  const local = DateTime.fromMillis(instantMs, { zone: timeZone });
  return { hourOfDay: local.hour + local.minute / 60 + local.second / 3600, dayOfWeek: local.weekday - 1 };
}

/** The two hour-of-day slots around a position and the weight of each (linear interpolation). */
export function hourSlotWeights(
  hourOfDay: number,
): readonly [lowerSlot: number, upperSlot: number, upperWeight: number] {
  // Slot h describes the middle of hour h (h + 0.5), so a bucket at 10:30 belongs entirely to slot 10.
  const shifted = hourOfDay - 0.5;
  const lower = Math.floor(shifted);
  const upperWeight = shifted - lower;
  return [(lower + 24) % 24, (lower + 25) % 24, upperWeight];
}
