import { type SpikeAlertPhase } from '../detector/spike-detector.types';
import { createSeededRandom, type RandomSource } from './seeded-random';

export type OutageShape = 'sudden' | 'gradual';

export type InjectedOutage = {
  readonly startMs: number;
  readonly endMs: number;
  /** Extra volume at the plateau as a ratio of the baseline: 1 is +100%, 10 is +1,000%. */
  readonly increaseRatio: number;
  readonly durationMinutes: number;
  readonly shape: OutageShape;
};

export type SyntheticSeries = {
  readonly name: string;
  readonly bucketSeconds: number;
  readonly mentionsPerHour: number;
  readonly timestampsMs: readonly number[];
  readonly counts: readonly number[];
  readonly outages: readonly InjectedOutage[];
  /** Start of the scored period (the first week is left clean for the baseline to learn). */
  readonly scoredFromMs: number;
};

export const SYNTHETIC_VOLUMES_PER_HOUR: readonly number[] = [5, 20, 100, 500, 2000, 5000];
export const SYNTHETIC_INCREASE_RATIOS: readonly number[] = [1, 3, 10];
export const SYNTHETIC_DURATIONS_MINUTES: readonly number[] = [10, 30, 120, 360];
export const SYNTHETIC_SHAPES: readonly OutageShape[] = ['sudden', 'gradual'];

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Monday 2024-01-01 00:00 UTC: a fixed origin keeps the suite identical from run to run. */
const ORIGIN_MS = Date.UTC(2024, 0, 1);

/**
 * A seeded suite of mention-count series: a realistic daily rhythm (quiet nights, lunch and evening
 * peaks), quieter weekends, slow organic drift, Poisson noise, and every outage shape of the catalogue
 * (+100% to +1,000%, 10 minutes to 6 hours, sudden or gradual) injected at random times after a clean
 * first week. The same seed always yields the same suite.
 */
export function generateOutageSuite(params: {
  seed: number;
  replicas?: number;
  weeks?: number;
  bucketSeconds?: number;
}): SyntheticSeries[] {
  const { seed, replicas = 2, weeks = 4, bucketSeconds = 60 } = params;
  const suite: SyntheticSeries[] = [];
  for (let replica = 0; replica < replicas; replica += 1) {
    for (const mentionsPerHour of SYNTHETIC_VOLUMES_PER_HOUR) {
      const random = createSeededRandom(seed * 7919 + replica * 104_729 + mentionsPerHour);
      suite.push(
        generateSeries({
          random,
          mentionsPerHour,
          weeks,
          bucketSeconds,
          name: `synthetic_${String(mentionsPerHour).padStart(4, '0')}ph_r${replica + 1}`,
        }),
      );
    }
  }
  return suite;
}

function generateSeries(params: {
  random: RandomSource;
  mentionsPerHour: number;
  weeks: number;
  bucketSeconds: number;
  name: string;
}): SyntheticSeries {
  const { random, mentionsPerHour, weeks, bucketSeconds, name } = params;
  const bucketMs = bucketSeconds * 1000;
  const bucketCount = Math.floor((weeks * 7 * DAY_MS) / bucketMs);
  const scoredFromMs = ORIGIN_MS + 7 * DAY_MS;
  const outages = placeOutages({ random, scoredFromMs, endMs: ORIGIN_MS + bucketCount * bucketMs });

  // Organic drift: an AR(1) process on the log rate with a two-hour memory and 15% spread.
  const persistence = Math.exp(-bucketMs / (2 * HOUR_MS));
  const innovation = 0.15 * Math.sqrt(1 - persistence * persistence);
  let drift = 0;
  const timestampsMs: number[] = [];
  const counts: number[] = [];
  for (let index = 0; index < bucketCount; index += 1) {
    const bucketStartMs = ORIGIN_MS + index * bucketMs;
    drift = persistence * drift + innovation * random.nextGaussian();
    const growth = 1 + (0.1 * index) / bucketCount;
    const baselineRate =
      mentionsPerHour * dailyRhythm(bucketStartMs) * weeklyRhythm(bucketStartMs) * growth * Math.exp(drift);
    const rate = baselineRate * (1 + outageIncrease(outages, bucketStartMs));
    timestampsMs.push(bucketStartMs);
    counts.push(random.nextPoisson((rate * bucketSeconds) / 3600));
  }
  return { name, bucketSeconds, mentionsPerHour, timestampsMs, counts, outages, scoredFromMs };
}

function placeOutages(params: {
  random: RandomSource;
  scoredFromMs: number;
  endMs: number;
}): InjectedOutage[] {
  const { random, scoredFromMs, endMs } = params;
  const catalogue: { increaseRatio: number; durationMinutes: number; shape: OutageShape }[] = [];
  for (const increaseRatio of SYNTHETIC_INCREASE_RATIOS) {
    for (const durationMinutes of SYNTHETIC_DURATIONS_MINUTES) {
      for (const shape of SYNTHETIC_SHAPES) catalogue.push({ increaseRatio, durationMinutes, shape });
    }
  }
  // Fisher-Yates, so each series sees the shapes in a different order and at different hours.
  for (let index = catalogue.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random.next() * (index + 1));
    [catalogue[index], catalogue[other]] = [catalogue[other], catalogue[index]];
  }
  const slotMs = Math.floor((endMs - scoredFromMs) / catalogue.length);
  return catalogue.map((entry, slot) => {
    // Leave at least six quiet hours at the end of each slot so consecutive outages never touch.
    const latestStartOffsetMs = Math.max(0, slotMs - entry.durationMinutes * MINUTE_MS - 6 * HOUR_MS);
    const startMs =
      scoredFromMs +
      slot * slotMs +
      Math.floor((random.next() * latestStartOffsetMs) / MINUTE_MS) * MINUTE_MS;
    return { ...entry, startMs, endMs: startMs + entry.durationMinutes * MINUTE_MS };
  });
}

/** Mean-one daily profile: quiet nights (about 15% of the mean), a lunch peak and an evening peak. */
function dailyRhythm(instantMs: number): number {
  const hour = ((instantMs % DAY_MS) / HOUR_MS + 24) % 24;
  const shape = 0.12 + Math.exp(-(((hour - 12.5) / 3.5) ** 2)) + 0.8 * Math.exp(-(((hour - 20) / 2.5) ** 2));
  return shape / 0.5244;
}

function weeklyRhythm(instantMs: number): number {
  const dayOfWeek = Math.floor((instantMs - ORIGIN_MS) / DAY_MS) % 7;
  const factors = [1.05, 1.05, 1.05, 1.05, 1.05, 0.85, 0.9];
  return factors[dayOfWeek];
}

function outageIncrease(outages: readonly InjectedOutage[], instantMs: number): number {
  for (const outage of outages) {
    if (instantMs < outage.startMs || instantMs >= outage.endMs) continue;
    if (outage.shape === 'sudden') return outage.increaseRatio;
    // Gradual: a linear ramp over the first half, then the plateau.
    const progress = (instantMs - outage.startMs) / ((outage.endMs - outage.startMs) / 2);
    return outage.increaseRatio * Math.min(1, progress);
  }
  return 0;
}

export type OutageOutcome = {
  readonly outage: InjectedOutage;
  /** Minutes from the outage start to the first bucket under alert; null if never alerted. */
  readonly delayMinutes: number | null;
};

export type OutageEvaluation = {
  readonly outcomes: readonly OutageOutcome[];
  readonly falseAlertCount: number;
  readonly scoredWeeks: number;
};

/** Grace after an outage ends during which a new alert is still attributed to it. */
const ATTRIBUTION_GRACE_MS = 30 * MINUTE_MS;

/**
 * Matches alerts to injected outages: an outage is detected when any bucket between its start and its
 * end (plus 30 minutes) is under alert; an alert started elsewhere in the scored period is false.
 */
export function evaluateOutageDetection(params: {
  series: SyntheticSeries;
  alertPhases: readonly SpikeAlertPhase[];
}): OutageEvaluation {
  const { series, alertPhases } = params;
  const outcomes = series.outages.map((outage) => {
    for (let index = 0; index < series.timestampsMs.length; index += 1) {
      const timestampMs = series.timestampsMs[index];
      if (timestampMs < outage.startMs || timestampMs > outage.endMs + ATTRIBUTION_GRACE_MS) continue;
      const phase = alertPhases[index];
      if (phase === 'started' || phase === 'ongoing')
        return { outage, delayMinutes: (timestampMs - outage.startMs) / MINUTE_MS };
    }
    return { outage, delayMinutes: null };
  });
  let falseAlertCount = 0;
  series.timestampsMs.forEach((timestampMs, index) => {
    if (alertPhases[index] !== 'started' || timestampMs < series.scoredFromMs) return;
    const isAttributed = series.outages.some(
      (outage) => timestampMs >= outage.startMs && timestampMs <= outage.endMs + ATTRIBUTION_GRACE_MS,
    );
    if (!isAttributed) falseAlertCount += 1;
  });
  const lastMs = series.timestampsMs.at(-1) ?? series.scoredFromMs;
  return { outcomes, falseAlertCount, scoredWeeks: Math.max(0, lastMs - series.scoredFromMs) / (7 * DAY_MS) };
}
