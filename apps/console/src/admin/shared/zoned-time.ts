import { DateTime } from 'luxon';

/**
 * The instant a wall-clock date and time stand for in an IANA zone ("2026-11-20", "19:30", "Europe/Paris"), or
 * null when either is malformed or the zone unknown. A time skipped by a spring-forward moves later by the gap,
 * as the business calendar does.
 */
export function localToInstant(params: { date: string; time: string; timezone: string }): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(params.date) || !/^\d{2}:\d{2}(:\d{2})?$/.test(params.time)) return null;
  const local = DateTime.fromISO(`${params.date}T${params.time}`, { zone: params.timezone });
  return local.isValid ? local.toJSDate() : null;
}

/** An instant's wall-clock date and time ("HH:MM") in a zone: the preview's starting values. */
export function instantToLocal(at: Date, timezone: string): { date: string; time: string } {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  const zoned = local.isValid ? local : DateTime.fromJSDate(at, { zone: 'UTC' });
  return { date: zoned.toFormat('yyyy-MM-dd'), time: zoned.toFormat('HH:mm') };
}

/** "vendredi 20 novembre 2026 à 19:30", "Friday, November 20, 2026 at 7:30 PM": an instant as read in the zone. */
export function formatInZone(at: Date, timezone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/** Whether the browser knows the zone (the API checks again with the same rules). */
export function isKnownTimeZone(timezone: string): boolean {
  if (timezone.trim() === '') return false;
  return DateTime.local().setZone(timezone).isValid;
}

/** The zones to choose from: the browser's list, with the current one kept even when the list lacks it. */
export function timeZoneChoices(current: string): string[] {
  const supported =
    typeof Intl.supportedValuesOf === 'function'
      ? Intl.supportedValuesOf('timeZone')
      : ['Europe/Paris', 'UTC'];
  return supported.includes(current) || current === '' ? supported : [current, ...supported];
}
