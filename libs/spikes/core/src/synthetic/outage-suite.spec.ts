import { type SpikeAlertPhase } from '../detector/spike-detector.types';
import {
  SYNTHETIC_DURATIONS_MINUTES,
  SYNTHETIC_INCREASE_RATIOS,
  SYNTHETIC_SHAPES,
  SYNTHETIC_VOLUMES_PER_HOUR,
  evaluateOutageDetection,
  generateOutageSuite,
  type SyntheticSeries,
} from './outage-suite';
import { createSeededRandom } from './seeded-random';

const MINUTE_MS = 60_000;
// The default four weeks, in 5-minute buckets to keep the test fast.
const suite = generateOutageSuite({ seed: 3, replicas: 1, bucketSeconds: 300 });

describe('generateOutageSuite', () => {
  it('yields the same series for the same seed and different ones for another seed', () => {
    const again = generateOutageSuite({ seed: 3, replicas: 1, bucketSeconds: 300 });
    expect(again.map((series) => series.counts)).toEqual(suite.map((series) => series.counts));
    const other = generateOutageSuite({ seed: 4, replicas: 1, bucketSeconds: 300 });
    expect(other[0].counts).not.toEqual(suite[0].counts);
  });

  it('covers every volume, and injects the whole catalogue of outages in each series', () => {
    expect(suite.map((series) => series.mentionsPerHour)).toEqual(SYNTHETIC_VOLUMES_PER_HOUR);
    const catalogueSize =
      SYNTHETIC_INCREASE_RATIOS.length * SYNTHETIC_DURATIONS_MINUTES.length * SYNTHETIC_SHAPES.length;
    for (const series of suite) {
      expect(series.outages).toHaveLength(catalogueSize);
      expect(
        new Set(
          series.outages.map((outage) => `${outage.increaseRatio}|${outage.durationMinutes}|${outage.shape}`),
        ).size,
      ).toBe(catalogueSize);
    }
  });

  it('places outages after the clean first week, in order, at least six hours apart', () => {
    for (const series of suite) {
      const outages = [...series.outages].sort((left, right) => left.startMs - right.startMs);
      expect(outages[0].startMs).toBeGreaterThanOrEqual(series.scoredFromMs);
      for (let index = 1; index < outages.length; index += 1) {
        expect(outages[index].startMs - outages[index - 1].endMs).toBeGreaterThanOrEqual(6 * 60 * MINUTE_MS);
      }
      expect(outages.at(-1)?.endMs).toBeLessThanOrEqual(
        (series.timestampsMs.at(-1) ?? 0) + series.bucketSeconds * 1000,
      );
    }
  });

  it('keeps the mean volume near the nominal mentions per hour outside outages', () => {
    const series = suite.find((candidate) => candidate.mentionsPerHour === 500) as SyntheticSeries;
    const quietHours = series.timestampsMs.filter(
      (timestampMs) =>
        !series.outages.some((outage) => timestampMs >= outage.startMs && timestampMs < outage.endMs),
    );
    const quietCount = series.counts.filter(
      (_, index) =>
        !series.outages.some(
          (outage) =>
            series.timestampsMs[index] >= outage.startMs && series.timestampsMs[index] < outage.endMs,
        ),
    );
    const perHour =
      quietCount.reduce((sum, count) => sum + count, 0) / ((quietHours.length * series.bucketSeconds) / 3600);
    // Weekends, growth (+10% over the run) and drift move the mean by a few percent at most.
    expect(perHour).toBeGreaterThan(0.85 * 500);
    expect(perHour).toBeLessThan(1.15 * 500);
  });
});

describe('evaluateOutageDetection', () => {
  const series = suite[2];
  const phasesWith = (marks: readonly { atMs: number; phase: SpikeAlertPhase }[]): SpikeAlertPhase[] =>
    series.timestampsMs.map(
      (timestampMs) => marks.find((mark) => mark.atMs === timestampMs)?.phase ?? 'none',
    );
  const bucketAtOrAfter = (instantMs: number): number =>
    series.timestampsMs.find((timestampMs) => timestampMs >= instantMs) ?? Number.NaN;

  it('credits an outage with the delay to its first alerted bucket and leaves the others missed', () => {
    const outage = series.outages[0];
    const alertMs = bucketAtOrAfter(outage.startMs + 10 * MINUTE_MS);
    const evaluation = evaluateOutageDetection({
      series,
      alertPhases: phasesWith([{ atMs: alertMs, phase: 'started' }]),
    });
    expect(evaluation.outcomes[0].delayMinutes).toBe((alertMs - outage.startMs) / MINUTE_MS);
    expect(evaluation.outcomes.slice(1).every((outcome) => outcome.delayMinutes === null)).toBe(true);
    expect(evaluation.falseAlertCount).toBe(0);
  });

  it('counts alerts started away from every outage in the scored period as false, and ignores the first week', () => {
    const outageStarts = series.outages.map((outage) => outage.startMs);
    const quietMs = series.timestampsMs.find(
      (timestampMs) =>
        timestampMs > series.scoredFromMs &&
        outageStarts.every((startMs) => Math.abs(timestampMs - startMs) > 12 * 60 * MINUTE_MS),
    ) as number;
    const evaluation = evaluateOutageDetection({
      series,
      alertPhases: phasesWith([
        { atMs: series.timestampsMs[10], phase: 'started' },
        { atMs: quietMs, phase: 'started' },
      ]),
    });
    expect(evaluation.falseAlertCount).toBe(1);
    expect(evaluation.scoredWeeks).toBeCloseTo(3, 2);
  });
});

describe('createSeededRandom', () => {
  it('draws Poisson counts with the requested mean, at low and high means', () => {
    const random = createSeededRandom(11);
    for (const mean of [0.3, 4, 200]) {
      let sum = 0;
      for (let draw = 0; draw < 4000; draw += 1) sum += random.nextPoisson(mean);
      expect(sum / 4000).toBeCloseTo(mean, mean < 1 ? 1 : 0);
    }
  });
});
