import { IANAZone } from 'luxon';
import { DomainError } from '@vigie/kernel';

const dayMs = 86_400_000;

/** A figures endpoint's time range and the zone its hours and days fall in, checked. */
export type ReportingRange = { from: Date; to: Date; timezone: string };

/**
 * Reads a figures query's `from`, `to` (exclusive) and `timezone`: `to` defaults to now, `from` to `defaultDays`
 * before `to`, the zone to Europe/Paris. A zone that is not IANA, a range that ends before it starts or spans more
 * than `maxDays` is a 400 with a message naming it.
 */
export function reportingRange(params: {
  from?: string;
  to?: string;
  timezone?: string;
  now: Date;
  defaultDays: number;
  maxDays: number;
}): ReportingRange {
  const to = params.to ? new Date(params.to) : params.now;
  const from = params.from ? new Date(params.from) : new Date(to.getTime() - params.defaultDays * dayMs);
  const timezone = params.timezone ?? 'Europe/Paris';
  if (!IANAZone.isValidZone(timezone))
    throw new DomainError({
      code: 'invalid',
      message: `timezone must be an IANA zone such as Europe/Paris, got "${timezone}"`,
    });
  if (from >= to) throw new DomainError({ code: 'invalid', message: 'from must be before to' });
  if (to.getTime() - from.getTime() > params.maxDays * dayMs)
    throw new DomainError({ code: 'invalid', message: `the range must be at most ${params.maxDays} days` });
  return { from, to, timezone };
}
