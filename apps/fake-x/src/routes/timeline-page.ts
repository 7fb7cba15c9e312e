import { compareIds } from '../store/snowflake';
import { invalidParameter } from '../server/x-errors';

/** Parses an integer parameter within bounds, with X's 400 message when it is out of range. */
export function parseIntegerParameter(
  query: URLSearchParams,
  options: { name: string; min: number; max: number; fallback: number },
): number {
  const raw = query.get(options.name);
  if (raw === null) return options.fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < options.min || value > options.max) {
    throw invalidParameter(
      options.name,
      raw,
      `The \`${options.name}\` query parameter value [${raw}] is not between ${options.min} and ${options.max}`,
    );
  }
  return value;
}

export function parseIdParameter(query: URLSearchParams, name: string): string | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^[0-9]{1,19}$/.test(raw))
    throw invalidParameter(
      name,
      raw,
      `The \`${name}\` query parameter value [${raw}] does not match ^[0-9]{1,19}$`,
    );
  return raw;
}

export function parseTimeParameter(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const ms = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(raw) || Number.isNaN(ms)) {
    throw invalidParameter(
      name,
      raw,
      `Invalid '${name}':'${raw}'. '${name}' must be a valid RFC3339 date-time (YYYY-MM-DDTHH:mm:ssZ).`,
    );
  }
  return ms;
}

type Cursor = { direction: 'older' | 'newer'; id: string };

/** Opaque page tokens: a direction digit and the boundary id in base 36, 16 characters (X's tokens are lowercase base 36 too). */
export function encodeToken(cursor: Cursor): string {
  return `${cursor.direction === 'older' ? '7' : '1'}${BigInt(cursor.id).toString(36).padStart(15, '0')}`;
}

export function decodeToken(name: string, token: string): Cursor {
  const match = /^([71])([0-9a-z]{1,15})$/.exec(token);
  if (!match)
    throw invalidParameter(name, token, `The \`${name}\` query parameter value [${token}] is not valid`);
  let id: string;
  try {
    id = [...match[2]].reduce((value, digit) => value * 36n + BigInt(parseInt(digit, 36)), 0n).toString();
  } catch {
    throw invalidParameter(name, token, `The \`${name}\` query parameter value [${token}] is not valid`);
  }
  return { direction: match[1] === '7' ? 'older' : 'newer', id };
}

export interface PageResult<T> {
  items: T[];
  meta: Record<string, unknown>;
}

/**
 * Pages a newest-first list: a page of `maxResults` after the token's boundary, `next_token` when older items
 * remain, `previous_token` (if `hasPreviousToken`) when newer ones do. An empty page is `{result_count: 0}`.
 */
export function paginate<T extends { id: string }>(options: {
  newestFirst: T[];
  maxResults: number;
  token?: Cursor;
  hasPreviousToken: boolean;
}): PageResult<T> {
  const { newestFirst, maxResults, token } = options;
  let items: T[];
  if (!token) items = newestFirst.slice(0, maxResults);
  else if (token.direction === 'older') {
    const start = newestFirst.findIndex((item) => compareIds(item.id, token.id) < 0);
    items = start < 0 ? [] : newestFirst.slice(start, start + maxResults);
  } else {
    const newer = newestFirst.filter((item) => compareIds(item.id, token.id) > 0);
    items = newer.slice(Math.max(0, newer.length - maxResults));
  }
  if (items.length === 0) return { items, meta: { result_count: 0 } };
  const newest = items[0];
  const oldest = items[items.length - 1];
  const meta: Record<string, unknown> = {
    newest_id: newest.id,
    oldest_id: oldest.id,
    result_count: items.length,
  };
  if (newestFirst.some((item) => compareIds(item.id, oldest.id) < 0))
    meta['next_token'] = encodeToken({ direction: 'older', id: oldest.id });
  if (options.hasPreviousToken && newestFirst.some((item) => compareIds(item.id, newest.id) > 0)) {
    meta['previous_token'] = encodeToken({ direction: 'newer', id: newest.id });
  }
  return { items, meta };
}

/** `since_id` (strictly greater) wins over `start_time`, `until_id` (strictly smaller) over `end_time`. */
export function filterWindow<T extends { id: string; createdAtMs: number }>(
  newestFirst: T[],
  window: { sinceId?: string; untilId?: string; startTimeMs?: number; endTimeMs?: number },
): T[] {
  return newestFirst.filter((item) => {
    if (window.sinceId !== undefined) {
      if (compareIds(item.id, window.sinceId) <= 0) return false;
    } else if (window.startTimeMs !== undefined && item.createdAtMs < window.startTimeMs) return false;
    if (window.untilId !== undefined) {
      if (compareIds(item.id, window.untilId) >= 0) return false;
    } else if (window.endTimeMs !== undefined && item.createdAtMs > window.endTimeMs) return false;
    return true;
  });
}
