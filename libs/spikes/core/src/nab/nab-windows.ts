/** An anomaly window as inclusive row indices of one data file. */
export type NabWindow = { readonly startIndex: number; readonly endIndex: number };

/** An anomaly window as inclusive instants (as stored in NAB `combined_windows.json`). */
export type NabWindowTime = { readonly startMs: number; readonly endMs: number };

/**
 * Builds NAB windows from labelled onsets: each window is 10% of the file length divided by the
 * number of labels, centred on its label and clipped to the file; overlapping windows are merged
 * (which is why a file can have fewer windows than labels).
 */
export function nabWindowsFromLabels(params: {
  timestampsMs: readonly number[];
  labelsMs: readonly number[];
  windowFraction?: number;
}): NabWindow[] {
  const { timestampsMs, labelsMs, windowFraction = 0.1 } = params;
  if (labelsMs.length === 0 || timestampsMs.length === 0) return [];
  const rowCount = timestampsMs.length;
  const windowRows = Math.floor((windowFraction * rowCount) / labelsMs.length);
  const halfRows = Math.floor(windowRows / 2);
  const centres = labelsMs
    .map((labelMs) => firstIndexAtOrAfter(timestampsMs, labelMs))
    .filter((index) => index < rowCount);
  centres.sort((left, right) => left - right);
  const merged: { startIndex: number; endIndex: number }[] = [];
  for (const centre of centres) {
    const startIndex = Math.max(0, centre - halfRows);
    const endIndex = Math.min(rowCount - 1, centre + halfRows);
    const previous = merged.at(-1);
    if (previous !== undefined && startIndex <= previous.endIndex)
      previous.endIndex = Math.max(previous.endIndex, endIndex);
    else merged.push({ startIndex, endIndex });
  }
  return merged;
}

/**
 * Maps time windows onto row indices: from the first row at or after the start to the last row at
 * or before the end. With NAB's own files both edges are exact row timestamps; the inclusive
 * rounding keeps any other folder of series usable. Windows that contain no row are dropped.
 */
export function nabWindowIndices(params: {
  timestampsMs: readonly number[];
  windows: readonly NabWindowTime[];
}): NabWindow[] {
  const { timestampsMs, windows } = params;
  const result: NabWindow[] = [];
  for (const window of [...windows].sort((left, right) => left.startMs - right.startMs)) {
    const startIndex = firstIndexAtOrAfter(timestampsMs, window.startMs);
    const endIndex = firstIndexAtOrAfter(timestampsMs, window.endMs + 1) - 1;
    if (startIndex <= endIndex) result.push({ startIndex, endIndex });
  }
  return result;
}

/** Index of the first timestamp ≥ `instantMs` in a sorted array (length if none). */
export function firstIndexAtOrAfter(timestampsMs: readonly number[], instantMs: number): number {
  let low = 0;
  let high = timestampsMs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (timestampsMs[middle] < instantMs) low = middle + 1;
    else high = middle;
  }
  return low;
}
