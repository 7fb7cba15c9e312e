import { type SlaFigureGroup, type SlaFigureRow } from '@vigie/contracts';

/**
 * The board's time series: which hours or days a chart spans in the reader's zone, and the API's rows laid on
 * them (a period without first responses stays a gap, not a zero). Pure: `now` and the zone are parameters.
 */

type ZonedParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const hourMs = 3_600_000;

/** The wall-clock reading of an instant in a zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const value = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value ?? Number.NaN);
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    hour: value('hour'),
    minute: value('minute'),
    second: value('second'),
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = zonedParts(new Date(instant), timeZone);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in the zone. Twice corrected, so it is right on either side of a DST
 * change; a time the zone skips (spring forward) comes out an hour later.
 */
export function zonedInstant(
  local: { year: number; month: number; day: number; hour?: number },
  timeZone: string,
): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0);
  const first = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(first, timeZone));
}

/** The calendar date `daysBack` days before the zone's today, as year, month, day. */
function zonedDate(now: Date, timeZone: string, daysBack: number) {
  const today = zonedParts(now, timeZone);
  const date = new Date(Date.UTC(today.year, today.month - 1, today.day - daysBack));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const pad = (value: number) => String(value).padStart(2, '0');
const dayKeyOf = (date: { year: number; month: number; day: number }) =>
  `${date.year}-${pad(date.month)}-${pad(date.day)}`;

/** Midnight in the zone, `daysBack` days before today. */
export function startOfZonedDay(params: { now: Date; timeZone: string; daysBack?: number }): Date {
  return zonedInstant(zonedDate(params.now, params.timeZone, params.daysBack ?? 0), params.timeZone);
}

/** The last `days` dates of the zone, today last, as the API keys them (`YYYY-MM-DD`). */
export function dayKeys(params: { now: Date; timeZone: string; days: number }): string[] {
  return Array.from({ length: params.days }, (_, index) =>
    dayKeyOf(zonedDate(params.now, params.timeZone, params.days - 1 - index)),
  );
}

/** Today's hours in the zone up to the current one, as the API keys them (`YYYY-MM-DDTHH:00`). */
export function hourKeys(params: { now: Date; timeZone: string }): string[] {
  const today = zonedParts(params.now, params.timeZone);
  const day = dayKeyOf(today);
  return Array.from({ length: today.hour + 1 }, (_, hour) => `${day}T${pad(hour)}:00`);
}

/** The start of the hour 23 hours before the current one: the volume chart's 24 bars end with this hour. */
export function startOfVolumeWindow(params: { now: Date; timeZone: string }): Date {
  const parts = zonedParts(params.now, params.timeZone);
  return new Date(zonedInstant(parts, params.timeZone).getTime() - 23 * hourMs);
}

export const chartPeriods = ['today', 'week', 'month'] as const;
export type ChartPeriod = (typeof chartPeriods)[number];

/** What a period asks the figures API for, and the keys its chart spans. */
export function periodRange(params: { period: ChartPeriod; now: Date; timeZone: string }): {
  from: Date;
  groupBy: Extract<SlaFigureGroup, 'hour' | 'day'>;
  keys: string[];
} {
  const { now, timeZone } = params;
  switch (params.period) {
    case 'today':
      return { from: startOfZonedDay({ now, timeZone }), groupBy: 'hour', keys: hourKeys({ now, timeZone }) };
    case 'week':
      return {
        from: startOfZonedDay({ now, timeZone, daysBack: 6 }),
        groupBy: 'day',
        keys: dayKeys({ now, timeZone, days: 7 }),
      };
    case 'month':
      return {
        from: startOfZonedDay({ now, timeZone, daysBack: 29 }),
        groupBy: 'day',
        keys: dayKeys({ now, timeZone, days: 30 }),
      };
    default: {
      const unknown: never = params.period;
      throw new Error(`Unknown chart period ${String(unknown)}`);
    }
  }
}

/** One point of the time charts: minutes (one decimal) and percentages (one decimal); null where nothing counted. */
export type TrendPoint = {
  key: string;
  conversations: number;
  customerP50Minutes: number | null;
  customerP90Minutes: number | null;
  contractP50Minutes: number | null;
  contractP90Minutes: number | null;
  withinHourPercent: number | null;
  compliancePercent: number | null;
};

const minutesOf = (milliseconds: number | null) =>
  milliseconds === null ? null : Math.round(milliseconds / 6000) / 10;
const percentOf = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

function pointOf(row: SlaFigureRow | undefined, key: string): TrendPoint {
  return {
    key,
    conversations: row?.conversations ?? 0,
    customerP50Minutes: minutesOf(row?.customerP50Ms ?? null),
    customerP90Minutes: minutesOf(row?.customerP90Ms ?? null),
    contractP50Minutes: minutesOf(row?.contractP50Ms ?? null),
    contractP90Minutes: minutesOf(row?.contractP90Ms ?? null),
    withinHourPercent: percentOf(row?.answeredWithinPromise ?? null),
    compliancePercent: percentOf(row?.compliance ?? null),
  };
}

/** The rows laid on the period's keys, in order; keys the API did not return are gaps. */
export function trendPoints(rows: readonly SlaFigureRow[], keys: readonly string[]): TrendPoint[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return keys.map((key) => pointOf(byKey.get(key), key));
}

export type ComparisonPoint = Omit<TrendPoint, 'key'> & { key: string | null; name: string };

/**
 * Teams or agents side by side, by name; the row without a responder (nobody answered yet) last. Rows the reader
 * cannot name (`nameOf` answers null: an agent who left) are dropped.
 */
export function comparisonPoints(
  rows: readonly SlaFigureRow[],
  nameOf: (key: string | null) => string | null,
): ComparisonPoint[] {
  return rows
    .flatMap((row): ComparisonPoint[] => {
      const name = nameOf(row.key);
      return name === null ? [] : [{ ...pointOf(row, ''), key: row.key, name }];
    })
    .sort(
      (left, right) =>
        Number(left.key === null) - Number(right.key === null) || left.name.localeCompare(right.name),
    );
}

/** A key's label on an axis: "14:00" for an hour, "18 Nov" / "18 nov." for a day in the reader's language. */
export function keyLabel(key: string, locale: string): string {
  const hour = /^\d{4}-\d{2}-\d{2}T(\d{2}:\d{2})$/.exec(key);
  if (hour) return hour[1] as string;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!day) return key;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))),
  );
}

/** An hour's start as the reader's clock shows it ("14:00"). */
export function hourLabel(iso: string, params: { locale: string; timeZone: string }): string {
  return new Intl.DateTimeFormat(params.locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: params.timeZone,
  }).format(new Date(iso));
}
