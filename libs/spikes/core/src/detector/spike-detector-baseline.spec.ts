import { SpikeDetector } from './spike-detector';
import { type SpikeBucketResult } from './spike-detector.types';
import { createSeededRandom } from '../synthetic/seeded-random';

const MINUTE_MS = 60_000;
/** A Tuesday, in Paris: the profiles are read in the series' own zone. */
const START_MS = Date.UTC(2026, 10, 24, 0, 0);

function feed(detector: SpikeDetector, params: { minutes: number; fromMinute?: number; seed?: number }) {
  const random = createSeededRandom(params.seed ?? 3);
  const results: SpikeBucketResult[] = [];
  const from = params.fromMinute ?? 0;
  for (let minute = from; minute < from + params.minutes; minute += 1) {
    const hour = (minute % 1440) / 60;
    const rate = 2 + 6 * Math.exp(-(((hour - 18) / 3) ** 2));
    results.push(
      detector.observe({ bucketStartMs: START_MS + minute * MINUTE_MS, count: random.nextPoisson(rate) }),
    );
  }
  return results;
}

const newDetector = () => SpikeDetector.create({ setup: { bucketSeconds: 60, timeZone: 'Europe/Paris' } });

describe('SpikeDetector baseline for charts', () => {
  it('expects for the next bucket exactly what observing it reports as its baseline', () => {
    const detector = newDetector();
    feed(detector, { minutes: 2 * 1440 });
    const nextMs = START_MS + 2 * 1440 * MINUTE_MS;
    const expected = detector.expectedCountAt(nextMs);
    const observed = detector.observe({ bucketStartMs: nextMs, count: 4 });
    expect(expected).toBe(observed.baselineCount);
  });

  it('keeps the recent buckets’ baselines as they were computed, oldest first, up to the longest window', () => {
    const detector = newDetector();
    const results = feed(detector, { minutes: 600 });
    const recent = detector.recentBaseline();
    expect(recent).toHaveLength(240);
    expect(recent).toEqual(
      results.slice(-240).map((result) => ({
        bucketStartMs: result.bucketStartMs,
        expectedCount: result.baselineCount,
      })),
    );
    // Read-only: the state is unchanged by the reads.
    const state = JSON.stringify(detector.toState());
    detector.expectedCountAt(START_MS);
    detector.bandAround({ expectedCount: 10, bucketCount: 5 });
    expect(JSON.stringify(detector.toState())).toBe(state);
  });

  it('has no recent baseline before the first bucket, and keeps only the buckets after a gap', () => {
    const detector = newDetector();
    expect(detector.recentBaseline()).toEqual([]);
    feed(detector, { minutes: 30 });
    feed(detector, { minutes: 3, fromMinute: 100 });
    expect(detector.recentBaseline().map((entry) => entry.bucketStartMs)).toEqual([
      START_MS + 100 * MINUTE_MS,
      START_MS + 101 * MINUTE_MS,
      START_MS + 102 * MINUTE_MS,
    ]);
  });

  it('draws one bucket’s band as observing it does, and a wider relative band for fewer mentions', () => {
    const detector = newDetector();
    feed(detector, { minutes: 2 * 1440 });
    const nextMs = START_MS + 2 * 1440 * MINUTE_MS;
    // Read before observing: the bucket itself then teaches the dispersion.
    const band = detector.bandAround({ expectedCount: detector.expectedCountAt(nextMs), bucketCount: 1 });
    const observed = detector.observe({ bucketStartMs: nextMs, count: 4 });
    expect(band).toEqual({ lowerCount: observed.bandLowerCount, upperCount: observed.bandUpperCount });
    const small = detector.bandAround({ expectedCount: 4, bucketCount: 1 });
    const large = detector.bandAround({ expectedCount: 400, bucketCount: 60 });
    expect(small.lowerCount).toBeLessThan(4);
    expect(small.upperCount).toBeGreaterThan(4);
    expect(small.upperCount / 4).toBeGreaterThan(large.upperCount / 400);
  });

  it('is warming up for its first day of history only', () => {
    const detector = newDetector();
    feed(detector, { minutes: 1439 });
    expect(detector.isWarmingUp()).toBe(true);
    feed(detector, { minutes: 1, fromMinute: 1439 });
    expect(detector.isWarmingUp()).toBe(false);
  });
});
