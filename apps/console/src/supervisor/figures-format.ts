import { type SlaFigureRow } from '@vigie/contracts';
import { formatDuration } from '../sla/sla-badges';

/** Shown where a figure has no value (nothing answered or decided yet). */
export const noFigure = '—';

/** A share (0..1) as a whole percentage in the reader's language: "87 %" in French, "87%" in English. */
export function formatShare(value: number | null, locale: string): string {
  if (value === null || Number.isNaN(value)) return noFigure;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** A response time: "45 s" under a minute, then as the countdowns write it ("12 min", "1 h 05", "2 d 3 h"). */
export function formatResponseTime(milliseconds: number | null): string {
  if (milliseconds === null || Number.isNaN(milliseconds)) return noFigure;
  if (milliseconds < 60_000) return `${Math.round(milliseconds / 1000)} s`;
  return formatDuration(milliseconds);
}

/** A row with no conversation: what today's tiles show before the first customer wrote. */
export const emptyFigureRow: SlaFigureRow = {
  key: null,
  conversations: 0,
  answeredWithinPromise: null,
  compliance: null,
  customerP50Ms: null,
  customerP90Ms: null,
  contractP50Ms: null,
  contractP90Ms: null,
};

/** How a share reads against the one-hour promise or the contract: the tiles colour it (90 % and 75 % marks). */
export type ShareLevel = 'good' | 'fair' | 'poor' | 'none';

export function shareLevel(value: number | null): ShareLevel {
  if (value === null) return 'none';
  if (value >= 0.9) return 'good';
  return value >= 0.75 ? 'fair' : 'poor';
}

/** The figures of one key among the API's rows (a team, an agent), or the empty row. */
export function figuresFor(rows: readonly SlaFigureRow[], key: string | null): SlaFigureRow {
  return rows.find((row) => row.key === key) ?? { ...emptyFigureRow, key };
}
