import { type NabWindow } from '../nab/nab-windows';

export type OnsetDelay = {
  readonly onsetMs: number;
  /** Minutes from the labelled onset to the first alert attributed to it (negative: before it); null if missed. */
  readonly delayMinutes: number | null;
};

/**
 * Delay from each labelled onset to the first alert inside its window. When one (merged) window holds
 * several onsets, each onset only owns the part of the window nearer to it than to its neighbours, so
 * one alert is never credited twice.
 */
export function onsetDelays(params: {
  timestampsMs: readonly number[];
  alertRows: readonly boolean[];
  windows: readonly NabWindow[];
  onsetsMs: readonly number[];
}): OnsetDelay[] {
  const { timestampsMs, alertRows, windows, onsetsMs } = params;
  const onsets = [...onsetsMs].sort((left, right) => left - right);
  const onsetIndices = onsets.map((onsetMs) =>
    timestampsMs.findIndex((timestampMs) => timestampMs >= onsetMs),
  );
  return onsets.map((onsetMs, position) => {
    const onsetIndex = onsetIndices[position];
    const window = windows.find(
      (candidate) => candidate.startIndex <= onsetIndex && onsetIndex <= candidate.endIndex,
    );
    if (onsetIndex < 0 || window === undefined) return { onsetMs, delayMinutes: null };
    const previousIndex = position > 0 ? onsetIndices[position - 1] : -1;
    const nextIndex = position + 1 < onsets.length ? onsetIndices[position + 1] : Number.POSITIVE_INFINITY;
    const fromIndex =
      previousIndex >= window.startIndex
        ? Math.floor((previousIndex + onsetIndex) / 2) + 1
        : window.startIndex;
    const toIndex = nextIndex <= window.endIndex ? Math.floor((onsetIndex + nextIndex) / 2) : window.endIndex;
    for (let row = fromIndex; row <= toIndex; row += 1) {
      if (alertRows[row]) return { onsetMs, delayMinutes: (timestampsMs[row] - onsetMs) / 60_000 };
    }
    return { onsetMs, delayMinutes: null };
  });
}

/** Alerts raised outside every window, from `fromIndex` on (e.g. after NAB's probation). */
export function countFalseAlerts(params: {
  alertRows: readonly boolean[];
  windows: readonly NabWindow[];
  fromIndex: number;
}): number {
  const { alertRows, windows, fromIndex } = params;
  let count = 0;
  for (let row = fromIndex; row < alertRows.length; row += 1) {
    if (!alertRows[row]) continue;
    if (!windows.some((window) => window.startIndex <= row && row <= window.endIndex)) count += 1;
  }
  return count;
}

/** Nearest-rank percentile (p in 0..100) of a list; null when the list is empty. */
export function percentile(values: readonly number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}
