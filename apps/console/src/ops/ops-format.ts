/**
 * An instant as ops read it in a list: the time alone today, else the date and the time (incidents last hours,
 * and the list keeps a few days).
 */
export function formatInstant(params: {
  iso: string;
  language: string;
  nowMs: number;
  timeZone?: string;
}): string {
  const date = new Date(params.iso);
  const zone = params.timeZone ? { timeZone: params.timeZone } : {};
  const day = (value: Date) =>
    new Intl.DateTimeFormat('en-CA', { ...zone, dateStyle: 'short' }).format(value);
  const isToday = day(date) === day(new Date(params.nowMs));
  return new Intl.DateTimeFormat(params.language, {
    ...zone,
    ...(isToday ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }),
  }).format(date);
}

/** A count as the language writes it (1 234 / 1,234); at most one decimal for expected counts. */
export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}
