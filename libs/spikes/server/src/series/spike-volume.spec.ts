import { SpikeDetector } from '@vigie/spikes-core';
import { stepMinutesFor, volumePoints, volumeRange } from './spike-volume';

const MINUTE_MS = 60_000;
const START_MS = Date.UTC(2026, 10, 23, 0, 0);

/** A detector that has read `minutes` minutes of a steady 3-a-minute series from START_MS. */
function detectorAfter(minutes: number): SpikeDetector {
  const detector = SpikeDetector.create({ setup: { bucketSeconds: 60, timeZone: 'UTC' } });
  for (let minute = 0; minute < minutes; minute += 1)
    detector.observe({ bucketStartMs: START_MS + minute * MINUTE_MS, count: 3 });
  return detector;
}

describe('volume chart', () => {
  it.each([
    [1, 1],
    [6, 1],
    [12, 2],
    [24, 5],
    [48, 10],
    [72, 15],
    [168, 30],
  ])('draws %i hours in steps of %i minutes (at most 360 points)', (hours, step) => {
    expect(stepMinutesFor(hours)).toBe(step);
  });

  it('ends with the current minute and starts on a step boundary', () => {
    const nowMs = Date.UTC(2026, 10, 24, 10, 7, 42);
    expect(volumeRange({ nowMs, hours: 24, stepMinutes: 5 })).toEqual({
      fromMs: Date.UTC(2026, 10, 23, 10, 5),
      toMs: Date.UTC(2026, 10, 24, 10, 8),
    });
  });

  it('sums counts per step and has no baseline before the detector has read the series', () => {
    const counts = new Map([
      [START_MS, 2],
      [START_MS + MINUTE_MS, 3],
      [START_MS + 5 * MINUTE_MS, 7],
    ]);
    const points = volumePoints({
      counts,
      fromMs: START_MS,
      toMs: START_MS + 7 * MINUTE_MS,
      stepMinutes: 5,
      detector: null,
    });
    expect(points).toEqual([
      {
        at: new Date(START_MS).toISOString(),
        count: 5,
        baselineCount: null,
        bandLowerCount: null,
        bandUpperCount: null,
      },
      // The last step is cut at the end of the range.
      {
        at: new Date(START_MS + 5 * MINUTE_MS).toISOString(),
        count: 7,
        baselineCount: null,
        bandLowerCount: null,
        bandUpperCount: null,
      },
    ]);
  });

  it('uses the baselines the detector computed for its recent minutes and its model for older ones', () => {
    const minutesRead = 2 * 1440;
    const detector = detectorAfter(minutesRead);
    const recent = detector.recentBaseline();
    const lastReadMs = START_MS + (minutesRead - 1) * MINUTE_MS;
    const points = volumePoints({
      counts: new Map(),
      fromMs: lastReadMs - 299 * MINUTE_MS,
      toMs: lastReadMs + 2 * MINUTE_MS,
      stepMinutes: 1,
      detector,
    });
    expect(points).toHaveLength(301);
    // The newest read minute: exactly what the detector used.
    const lastRead = points[299];
    expect(lastRead.baselineCount).toBeCloseTo(recent[recent.length - 1].expectedCount, 2);
    // Older than the recent window, and the minute not read yet: the model as it stands.
    expect(points[0].baselineCount).toBeCloseTo(detector.expectedCountAt(lastReadMs - 299 * MINUTE_MS), 2);
    expect(points[300].baselineCount).toBeCloseTo(detector.expectedCountAt(lastReadMs + MINUTE_MS), 2);
    for (const point of points) {
      expect(point.baselineCount).toBeCloseTo(3, 0);
      expect(point.bandLowerCount ?? Infinity).toBeLessThan(point.baselineCount ?? 0);
      expect(point.bandUpperCount ?? 0).toBeGreaterThan(point.baselineCount ?? Infinity);
    }
  });

  it('sums the baseline over a step and draws the band of the step’s length', () => {
    const detector = detectorAfter(2 * 1440);
    const fromMs = START_MS + 1440 * MINUTE_MS;
    const [point] = volumePoints({
      counts: new Map(),
      fromMs,
      toMs: fromMs + 10 * MINUTE_MS,
      stepMinutes: 10,
      detector,
    });
    expect(point.baselineCount).toBeCloseTo(30, 0);
    const band = detector.bandAround({ expectedCount: point.baselineCount ?? 0, bucketCount: 10 });
    expect(point.bandUpperCount).toBeCloseTo(band.upperCount, 1);
  });
});
