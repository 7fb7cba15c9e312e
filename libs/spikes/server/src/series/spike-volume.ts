import type { SpikeVolumePoint } from '@vigie/contracts';
import type { SpikeDetector } from '@vigie/spikes-core';

const MINUTE_MS = 60_000;

/** Step sizes the chart uses, so that a range never has more than `maximumVolumePoints` points. */
const stepChoices = [1, 2, 5, 10, 15, 30, 60] as const;
export const maximumVolumePoints = 360;

/** The smallest step (minutes) that keeps `hours` within `maximumVolumePoints` points. */
export function stepMinutesFor(hours: number): number {
  const minutes = hours * 60;
  return stepChoices.find((step) => minutes / step <= maximumVolumePoints) ?? stepChoices.at(-1) ?? 60;
}

/**
 * The chart's points over [fromMs, toMs) in steps of `stepMinutes` (fromMs aligned on a step): counts summed
 * per step, the baseline summed over the step's minutes and a band around it. A minute's baseline is the one
 * the detector computed when it read that minute while it is still in its recent window, else what its model
 * expects now for that minute (the hour-of-day and weekday profiles have days of memory, so an older minute
 * reads as it would be expected today). Without a detector (a series never read yet) the baseline is null.
 */
export function volumePoints(params: {
  counts: ReadonlyMap<number, number>;
  fromMs: number;
  toMs: number;
  stepMinutes: number;
  detector: SpikeDetector | null;
}): SpikeVolumePoint[] {
  const { counts, fromMs, toMs, stepMinutes, detector } = params;
  const recent = new Map(
    (detector?.recentBaseline() ?? []).map((entry) => [entry.bucketStartMs, entry.expectedCount]),
  );
  const points: SpikeVolumePoint[] = [];
  for (let stepMs = fromMs; stepMs < toMs; stepMs += stepMinutes * MINUTE_MS) {
    let count = 0;
    let expected = 0;
    for (let minute = 0; minute < stepMinutes; minute += 1) {
      const minuteMs = stepMs + minute * MINUTE_MS;
      if (minuteMs >= toMs) break;
      count += counts.get(minuteMs) ?? 0;
      if (detector) expected += recent.get(minuteMs) ?? detector.expectedCountAt(minuteMs);
    }
    if (!detector) {
      points.push({
        at: iso(stepMs),
        count,
        baselineCount: null,
        bandLowerCount: null,
        bandUpperCount: null,
      });
      continue;
    }
    const band = detector.bandAround({ expectedCount: expected, bucketCount: stepMinutes });
    points.push({
      at: iso(stepMs),
      count,
      baselineCount: round(expected),
      bandLowerCount: round(band.lowerCount),
      bandUpperCount: round(band.upperCount),
    });
  }
  return points;
}

/** The start of the range: `hours` before `nowMs`, floored to a step so steps stay put as time moves. */
export function volumeRange(params: { nowMs: number; hours: number; stepMinutes: number }): {
  fromMs: number;
  toMs: number;
} {
  const stepMs = params.stepMinutes * MINUTE_MS;
  const toMs = Math.floor(params.nowMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const fromMs = Math.floor((toMs - params.hours * 3_600_000) / stepMs) * stepMs;
  return { fromMs, toMs };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Two decimals are plenty for a chart, and keep the payload small. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
