import { DomainError } from '@vigie/kernel';
import { calendarPosition, hourSlotWeights, type CalendarPosition } from './calendar-position';
import { anscombeZ, countAtZ, scoreFromZ } from './count-statistics';
import { DEFAULT_SPIKE_PARAMETERS } from './spike-parameters';
import {
  type DecayedRatio,
  type SpikeAlertPhase,
  type SpikeBucket,
  type SpikeBucketResult,
  type SpikeDetectorState,
  type SpikeParameters,
  type SpikeSeriesSetup,
  type SpikeSeverity,
} from './spike-detector.types';

const HOURS_PER_DAY = 24;
const DAYS_PER_WEEK = 7;
/** Median of |Z| for a standard normal Z. */
const NORMAL_MEDIAN_ABSOLUTE_DEVIATION = 0.6745;
/** log-steps of the dispersion tracker per noise memory: it can move by e^4 in one memory. */
const DISPERSION_STEPS_PER_MEMORY = 4;
/** Sanity cap (a coefficient of variation of 300%): beyond it counts carry no usable signal. */
const MAXIMUM_DISPERSION = 9;
/** z units the typical-peak tracker can move per noise memory. */
const TYPICAL_PEAK_STEP_Z = 1;
const DAY_FACTOR_PRIOR_HOURS = 6;
const SEVERITY_RANK: Record<SpikeSeverity, number> = { minor: 0, major: 1, critical: 2 };

/** What the multi-scale scan found in the recent windows of one bucket. */
type WindowScan = {
  /**
   * `startZ` plus the largest margin of a window's durable z over that window's own start threshold (a window
   * without the minimum volume is capped just under its threshold), so the anomaly score is 0.5 exactly at it.
   */
  readonly scoreZ: number;
  /** Largest durable z, ungated (what the typical-peak tracker learns from). */
  readonly rawZ: number;
  /** Largest observed / expected ratio among windows that would start an alert, or null if none. */
  readonly triggerRatio: number | null;
  /** Plain z of the whole calm window (the last `calmMinutes`) against its baseline: an alert ends below `endZ`. */
  readonly calmWindowZ: number;
};

/** The z at which a window starts an alert: short windows catch bursts, long ones sustained rises. */
type StartThresholds = { readonly burstZ: number; readonly sustainedZ: number };

/**
 * Streaming spike detector for one count series (a brand, or a topic of a brand).
 *
 * Baseline: a multiplicative level × hour-of-day × day-of-week model, each factor a forgetting
 * ratio of sums so it starts from the first bucket and tracks growth. It learns from clipped counts and
 * not at all during an alert, so past spikes do not inflate it. Evidence: the observed counts of seven
 * recent windows (5 minutes to 4 hours) against the expected counts, on a variance-stabilised scale
 * with a learned over-dispersion per window length; a window counts only if both of its halves are
 * also high, so one outlier bucket never alerts. Short windows must beat a bar raised by the series'
 * ordinary bursts; windows of an hour or more a lower one. Memory and time per bucket are bounded by the
 * longest window, independent of the stream length.
 */
export class SpikeDetector {
  private readonly bucketMs: number;
  private readonly windowLengths: readonly number[];
  /** Per window length: whether it is long enough to be judged against the sustained threshold. */
  private readonly isSustainedWindow: readonly boolean[];
  private readonly dispersionLengths: readonly number[];
  private readonly ringCapacity: number;
  private readonly calmLength: number;
  private readonly recentObservedSums: Float64Array;
  private readonly recentExpectedSums: Float64Array;

  private constructor(
    private readonly state: SpikeDetectorState,
    private readonly parameters: SpikeParameters,
  ) {
    this.bucketMs = state.setup.bucketSeconds * 1000;
    this.windowLengths = windowLengthsInBuckets({
      windowMinutes: parameters.windowMinutes,
      bucketSeconds: state.setup.bucketSeconds,
    });
    const sustainedLength = lengthInBuckets({
      minutes: parameters.sustainedWindowMinutes,
      bucketSeconds: state.setup.bucketSeconds,
    });
    this.isSustainedWindow = this.windowLengths.map((length) => length >= sustainedLength);
    this.calmLength = lengthInBuckets({
      minutes: parameters.calmMinutes,
      bucketSeconds: state.setup.bucketSeconds,
    });
    this.dispersionLengths = dispersionLengthsFor([...this.windowLengths, this.calmLength]);
    this.ringCapacity = ringCapacityFor({ parameters, bucketSeconds: state.setup.bucketSeconds });
    this.recentObservedSums = new Float64Array(this.ringCapacity);
    this.recentExpectedSums = new Float64Array(this.ringCapacity);
  }

  /** A detector with no history for a series with the given bucket size and time zone. */
  static create(params: { setup: SpikeSeriesSetup; parameters?: SpikeParameters }): SpikeDetector {
    const parameters = params.parameters ?? DEFAULT_SPIKE_PARAMETERS;
    assertValidSetup(params.setup);
    const capacity = ringCapacityFor({ parameters, bucketSeconds: params.setup.bucketSeconds });
    const state: SpikeDetectorState = {
      version: 1,
      setup: { bucketSeconds: params.setup.bucketSeconds, timeZone: params.setup.timeZone },
      observedBuckets: 0,
      lastBucketStartMs: null,
      level: emptyRatio(),
      hourFactors: Array.from({ length: HOURS_PER_DAY }, emptyRatio),
      dayFactors: Array.from({ length: DAYS_PER_WEEK }, emptyRatio),
      dispersions: {},
      recentCounts: new Array<number>(capacity).fill(0),
      recentExpected: new Array<number>(capacity).fill(0),
      ringStart: 0,
      ringLength: 0,
      alert: { isActive: false, startedAtMs: null, severity: null },
    };
    return new SpikeDetector(state, parameters);
  }

  /** A detector that continues exactly where `toState()` left off (the state is copied, not shared). */
  static restore(params: { state: SpikeDetectorState; parameters?: SpikeParameters }): SpikeDetector {
    const parameters = params.parameters ?? DEFAULT_SPIKE_PARAMETERS;
    const state = structuredClone(params.state);
    if (state.version !== 1) {
      throw new DomainError({
        code: 'invalid',
        message: `Unsupported spike detector state version ${String(state.version)}`,
      });
    }
    assertValidSetup(state.setup);
    const capacity = ringCapacityFor({ parameters, bucketSeconds: state.setup.bucketSeconds });
    if (state.recentCounts.length !== capacity || state.recentExpected.length !== capacity) {
      throw new DomainError({
        code: 'invalid',
        message: 'Spike detector state was saved with different window parameters',
      });
    }
    const detector = new SpikeDetector(state, parameters);
    detector.fillMissingDispersions();
    return detector;
  }

  /** A plain-JSON copy of the whole state. */
  toState(): SpikeDetectorState {
    return structuredClone(this.state);
  }

  /**
   * Feeds the next bucket (buckets must come in increasing time; send zero counts explicitly).
   * A gap longer than one bucket clears the recent windows but keeps the learned baseline.
   */
  observe(bucket: SpikeBucket): SpikeBucketResult {
    const { state, parameters } = this;
    if (!Number.isFinite(bucket.count) || bucket.count < 0) {
      throw new DomainError({
        code: 'invalid',
        message: `Bucket count must be a finite non-negative number, got ${bucket.count}`,
      });
    }
    if (state.lastBucketStartMs !== null) {
      const stepMs = bucket.bucketStartMs - state.lastBucketStartMs;
      if (!(stepMs > 0)) {
        throw new DomainError({
          code: 'invalid',
          message: 'Buckets must be observed in increasing time order',
        });
      }
      if (stepMs > this.bucketMs * 1.5) state.ringLength = 0;
    }

    const { position, hourFactor, dayFactor, levelCount, expected } = this.modelAt(bucket.bucketStartMs);
    const isWarmingUp = this.isWarmingUp();
    const bucketDispersion = this.dispersionFor(1);

    this.pushRecent(bucket.count, expected);
    const thresholds = this.startThresholds();
    const scan = this.scanWindows(thresholds);

    const phase = this.advanceAlert({ bucketStartMs: bucket.bucketStartMs, scan, isWarmingUp });
    const alert = state.alert;
    const isLearningPaused =
      (phase === 'started' || phase === 'ongoing') &&
      alert.startedAtMs !== null &&
      bucket.bucketStartMs - alert.startedAtMs < parameters.alertAcceptanceHours * 3_600_000;

    if (!isLearningPaused) {
      // Before the model has seen a day, clipping against an unconverged baseline would stop it learning.
      const learnedCount = isWarmingUp
        ? bucket.count
        : Math.min(
            Math.max(
              bucket.count,
              countAtZ({ expected, dispersion: bucketDispersion, z: -parameters.learningClipZ }),
            ),
            countAtZ({ expected, dispersion: bucketDispersion, z: parameters.learningClipZ }),
          );
      // At sparse counts the per-bucket clip never bites (3 mentions against 0.1 expected is only z 2.3),
      // so an unalerted gradual outage used to teach the hour profile its own shape within the hour. A
      // window durably above the clip z therefore also shrinks the excess learned from this bucket. It
      // still learns a little, so a durable shift that never alerts is absorbed eventually (growth).
      const shrunkCount =
        !isWarmingUp && scan.rawZ > parameters.learningClipZ && learnedCount > expected
          ? expected +
            (learnedCount - expected) *
              Math.pow(parameters.learningClipZ / scan.rawZ, parameters.learningShrinkPower)
          : learnedCount;
      this.learnBaseline({ count: shrunkCount, position, levelCount, hourFactor, dayFactor });
      // The noise and the typical peak learn only from buckets that are not themselves candidate
      // spikes; otherwise a slow, unalerted rise would raise its own bar as it grows.
      if (scan.rawZ < thresholds.burstZ) this.learnDispersions();
      // Censored at the base threshold: the typical peak describes ordinary days, never a spike.
      if (scan.rawZ < parameters.startZ) this.learnTypicalPeak(scan.rawZ);
    }

    state.observedBuckets += 1;
    state.lastBucketStartMs = bucket.bucketStartMs;

    const isAlertVisible = phase !== 'none';
    return {
      bucketStartMs: bucket.bucketStartMs,
      count: bucket.count,
      anomalyScore: scoreFromZ({ z: scan.scoreZ, thresholdZ: parameters.startZ }),
      baselineCount: expected,
      bandLowerCount: countAtZ({ expected, dispersion: bucketDispersion, z: -parameters.bandZ }),
      bandUpperCount: countAtZ({ expected, dispersion: bucketDispersion, z: parameters.bandZ }),
      alertPhase: phase,
      severity: isAlertVisible ? alert.severity : null,
      alertStartedAtMs: isAlertVisible ? alert.startedAtMs : null,
      isWarmingUp,
    };
  }

  /**
   * What the baseline expects for the bucket starting at `bucketStartMs`, as the model stands now: the value
   * `observe` would report as `baselineCount` if that bucket came next. Learns nothing (for charts).
   */
  expectedCountAt(bucketStartMs: number): number {
    return this.modelAt(bucketStartMs).expected;
  }

  /**
   * The expected counts of the recent buckets (at most the longest window), oldest first, exactly as the
   * detector computed them when it observed each bucket.
   */
  recentBaseline(): { bucketStartMs: number; expectedCount: number }[] {
    const { state } = this;
    if (state.lastBucketStartMs === null) return [];
    const lastMs = state.lastBucketStartMs;
    return Array.from({ length: state.ringLength }, (_unused, offset) => ({
      bucketStartMs: lastMs - (state.ringLength - 1 - offset) * this.bucketMs,
      expectedCount: state.recentExpected[(state.ringStart + offset) % this.ringCapacity],
    }));
  }

  /**
   * The band drawn around an expected count summed over `bucketCount` consecutive buckets: ±`bandZ` with the
   * over-dispersion learned for the longest window length not above `bucketCount`.
   */
  bandAround(params: { expectedCount: number; bucketCount: number }): {
    lowerCount: number;
    upperCount: number;
  } {
    const length = Math.max(1, Math.floor(params.bucketCount));
    const learnedLength = Object.keys(this.state.dispersions)
      .map(Number)
      .filter((candidate) => candidate <= length)
      .reduce((best, candidate) => Math.max(best, candidate), 1);
    const dispersion = this.dispersionFor(learnedLength);
    const { bandZ } = this.parameters;
    return {
      lowerCount: countAtZ({ expected: params.expectedCount, dispersion, z: -bandZ }),
      upperCount: countAtZ({ expected: params.expectedCount, dispersion, z: bandZ }),
    };
  }

  /** No alert before the series has `warmupHours` of history. */
  isWarmingUp(): boolean {
    const { state } = this;
    return state.observedBuckets * state.setup.bucketSeconds < this.parameters.warmupHours * 3600;
  }

  /** The baseline model at a bucket: level × hour-of-day × day-of-week, at the bucket's middle. */
  private modelAt(bucketStartMs: number): {
    position: CalendarPosition;
    hourFactor: number;
    dayFactor: number;
    levelCount: number;
    expected: number;
  } {
    const { state } = this;
    const position = calendarPosition({
      instantMs: bucketStartMs + this.bucketMs / 2,
      timeZone: state.setup.timeZone,
    });
    const hourFactor = this.hourFactorAt(position);
    const dayFactor = ratioValue(state.dayFactors[position.dayOfWeek], 1);
    const levelCount = ratioValue(state.level, 0);
    return { position, hourFactor, dayFactor, levelCount, expected: levelCount * hourFactor * dayFactor };
  }

  private advanceAlert(params: {
    bucketStartMs: number;
    scan: WindowScan;
    isWarmingUp: boolean;
  }): SpikeAlertPhase {
    const { bucketStartMs, scan, isWarmingUp } = params;
    const { parameters } = this;
    const alert = this.state.alert;
    if (!alert.isActive) {
      if (isWarmingUp || scan.triggerRatio === null) return 'none';
      alert.isActive = true;
      alert.startedAtMs = bucketStartMs;
      alert.severity = this.severityOf(scan.triggerRatio);
      return 'started';
    }
    if (scan.triggerRatio !== null) {
      const severity = this.severityOf(scan.triggerRatio);
      // Severity only escalates within one alert, so a consumer never sees it flap down and up.
      if (alert.severity === null || SEVERITY_RANK[severity] > SEVERITY_RANK[alert.severity])
        alert.severity = severity;
    }
    // The calm test is one statistic over the whole calm window, not "every bucket below endZ for that
    // long": under the null a bucket exceeds z 1.5 about 7% of the time, so requiring a clean run of 48
    // (5-min) or 240 (1-min) buckets kept alerts open for days on noisy series and hid the next spike.
    if (scan.calmWindowZ >= parameters.endZ) return 'ongoing';
    // A minimum duration as well: where the learned 4-hour dispersion is large, the calm window alone calls a
    // one-bucket burst over at the next bucket, and the next wave of the same event would open a new alert.
    if (
      alert.startedAtMs !== null &&
      bucketStartMs - alert.startedAtMs < parameters.minimumAlertMinutes * 60_000
    )
      return 'ongoing';
    alert.isActive = false;
    return 'ended';
  }

  private severityOf(ratio: number): SpikeSeverity {
    if (ratio >= this.parameters.criticalIncreaseRatio) return 'critical';
    if (ratio >= this.parameters.majorIncreaseRatio) return 'major';
    return 'minor';
  }

  private hourFactorAt(position: CalendarPosition): number {
    const [lowerSlot, upperSlot, upperWeight] = hourSlotWeights(position.hourOfDay);
    const hourFactors = this.state.hourFactors;
    return (
      (1 - upperWeight) * ratioValue(hourFactors[lowerSlot], 1) +
      upperWeight * ratioValue(hourFactors[upperSlot], 1)
    );
  }

  private dispersionFor(lengthInBuckets: number): number {
    return this.state.dispersions[String(lengthInBuckets)] ?? this.parameters.initialDispersion;
  }

  /**
   * A state saved before a window length was added lacks that length's noise. Starting it from
   * `initialDispersion` could misjudge that window for days after an upgrade, so it starts between its
   * learned neighbours instead (log-log interpolation). Only lengths shorter than a learned one are filled:
   * the detector learns every length up to the ring's length at once, so a current state never lacks them
   * and a restore stays exact.
   */
  private fillMissingDispersions(): void {
    const dispersions = this.state.dispersions;
    const learned = Object.keys(dispersions)
      .map(Number)
      .filter(
        (length) => Number.isInteger(length) && length > 0 && Number.isFinite(dispersions[String(length)]),
      )
      .sort((left, right) => left - right);
    for (const length of this.dispersionLengths) {
      if (String(length) in dispersions) continue;
      const upper = learned.find((candidate) => candidate > length);
      if (upper === undefined) continue;
      const lower = [...learned].reverse().find((candidate) => candidate < length) ?? upper;
      const upperLog = Math.log(dispersions[String(upper)]);
      const lowerLog = Math.log(dispersions[String(lower)]);
      const weight = lower === upper ? 0 : Math.log(length / lower) / Math.log(upper / lower);
      dispersions[String(length)] = Math.exp(lowerLog + weight * (upperLog - lowerLog));
    }
  }

  private pushRecent(count: number, expected: number): void {
    const state = this.state;
    const capacity = this.ringCapacity;
    if (state.ringLength < capacity) {
      const index = (state.ringStart + state.ringLength) % capacity;
      state.recentCounts[index] = count;
      state.recentExpected[index] = expected;
      state.ringLength += 1;
    } else {
      state.recentCounts[state.ringStart] = count;
      state.recentExpected[state.ringStart] = expected;
      state.ringStart = (state.ringStart + 1) % capacity;
    }
    // Cumulative sums from the newest bucket backwards: the sum of the last k buckets is entry k - 1.
    let observedSum = 0;
    let expectedSum = 0;
    for (let back = 0; back < state.ringLength; back += 1) {
      const index = (state.ringStart + state.ringLength - 1 - back) % capacity;
      observedSum += state.recentCounts[index];
      expectedSum += state.recentExpected[index];
      this.recentObservedSums[back] = observedSum;
      this.recentExpectedSums[back] = expectedSum;
    }
  }

  /**
   * The start thresholds: `startZ`, raised on series whose ordinary daily peaks are already high. The
   * peak level is the z exceeded `typicalPeakMinutesPerDay` per day, so a naturally bursty series (a
   * brand always in the news) needs a proportionally larger burst: the same idea as NAB's anomaly
   * likelihood, which judges a score against the series' own score history. Those ordinary peaks are
   * short bursts, so a sustained window (an hour or more) is held to a smaller multiple of them.
   */
  private startThresholds(): StartThresholds {
    const { parameters } = this;
    const typicalPeakZ = this.state.typicalPeakZ ?? 0;
    return {
      burstZ: Math.max(parameters.startZ, parameters.typicalPeakMultiplier * typicalPeakZ),
      sustainedZ: Math.max(parameters.startZ, parameters.sustainedPeakMultiplier * typicalPeakZ),
    };
  }

  private learnTypicalPeak(scoreZ: number): void {
    const { state, parameters } = this;
    const exceedShare = parameters.typicalPeakMinutesPerDay / 1440;
    const bucketShare = state.setup.bucketSeconds / (parameters.noiseMemoryHours * 3600);
    const current = state.typicalPeakZ ?? 0;
    // Quantile tracker: a large step up when exceeded, a small step down otherwise, in the ratio that
    // balances exactly when the level is exceeded for `exceedShare` of the time.
    const step =
      TYPICAL_PEAK_STEP_Z * bucketShare * (scoreZ > current ? (1 - exceedShare) / exceedShare : -1);
    state.typicalPeakZ = Math.max(0, current + step);
  }

  private calmWindowZ(): number {
    const length = Math.min(this.calmLength, this.state.ringLength);
    if (length <= 0) return 0;
    return anscombeZ({
      observed: this.recentObservedSums[length - 1],
      expected: this.recentExpectedSums[length - 1],
      dispersion: this.dispersionFor(this.calmLength),
    });
  }

  private scanWindows(thresholds: StartThresholds): WindowScan {
    const { parameters } = this;
    const available = this.state.ringLength;
    // The largest margin of a window over its own start threshold (0 exactly at the threshold).
    let scoreMargin = Number.NEGATIVE_INFINITY;
    let rawZ = Number.NEGATIVE_INFINITY;
    let triggerRatio: number | null = null;
    this.windowLengths.forEach((length, windowIndex) => {
      if (length > available) return;
      const startZ = this.isSustainedWindow[windowIndex] ? thresholds.sustainedZ : thresholds.burstZ;
      const observed = this.recentObservedSums[length - 1];
      const expected = this.recentExpectedSums[length - 1];
      const windowZ = anscombeZ({ observed, expected, dispersion: this.dispersionFor(length) });
      let durableZ = windowZ;
      if (length >= 2) {
        const olderLength = Math.floor(length / 2);
        const newerLength = length - olderLength;
        const newerObserved = this.recentObservedSums[newerLength - 1];
        const newerExpected = this.recentExpectedSums[newerLength - 1];
        const newerZ = anscombeZ({
          observed: newerObserved,
          expected: newerExpected,
          dispersion: this.dispersionFor(newerLength),
        });
        const olderZ = anscombeZ({
          observed: observed - newerObserved,
          expected: expected - newerExpected,
          dispersion: this.dispersionFor(olderLength),
        });
        durableZ = Math.min(
          windowZ,
          newerZ / parameters.halfWindowZRatio,
          olderZ / parameters.halfWindowZRatio,
        );
      }
      const windowHours = (length * this.state.setup.bucketSeconds) / 3600;
      const hasVolume =
        observed - expected >= parameters.minimumExcessPerHour * windowHours &&
        observed >= parameters.minimumIncreaseRatio * expected;
      // Without enough volume a window may raise the score towards, but never past, the alert threshold.
      const gatedZ = hasVolume ? durableZ : Math.min(durableZ, startZ - 0.5);
      scoreMargin = Math.max(scoreMargin, gatedZ - startZ);
      rawZ = Math.max(rawZ, durableZ);
      if (hasVolume && durableZ >= startZ) {
        const ratio = expected > 0 ? observed / expected : Number.POSITIVE_INFINITY;
        triggerRatio = Math.max(triggerRatio ?? 0, ratio);
      }
    });
    return {
      scoreZ: Number.isFinite(scoreMargin) ? scoreMargin + parameters.startZ : 0,
      rawZ: Number.isFinite(rawZ) ? rawZ : 0,
      triggerRatio,
      calmWindowZ: this.calmWindowZ(),
    };
  }

  private learnBaseline(params: {
    count: number;
    position: CalendarPosition;
    levelCount: number;
    hourFactor: number;
    dayFactor: number;
  }): void {
    const { count, position, levelCount, hourFactor, dayFactor } = params;
    const { state, parameters } = this;
    const bucketSeconds = state.setup.bucketSeconds;

    // Each factor is (decayed sum of counts) / (decayed sum of what the other factors predicted): an
    // exponentially weighted ratio estimator. It is exact from the first bucket (no 0-initialisation
    // bias) and stays stable on zero-volume nights, unlike averaging count / prediction.
    decayAdd(
      state.level,
      Math.exp(-bucketSeconds / (parameters.levelMemoryHours * 3600)),
      count,
      hourFactor * dayFactor,
    );

    const hourForgetting = Math.exp(-bucketSeconds / (parameters.hourProfileMemoryDays * 3600));
    const [lowerSlot, upperSlot, upperWeight] = hourSlotWeights(position.hourOfDay);
    for (const [slot, weight] of [
      [lowerSlot, 1 - upperWeight],
      [upperSlot, upperWeight],
    ] as const) {
      if (weight <= 0) continue;
      const factor = state.hourFactors[slot];
      const forgetting = Math.pow(hourForgetting, weight);
      factor.numerator = forgetting * factor.numerator + weight * count;
      factor.denominator = forgetting * factor.denominator + weight * levelCount * dayFactor;
    }

    const dayForgetting = Math.exp(-bucketSeconds / (parameters.dayProfileMemoryWeeks * 7 * 86_400));
    const daySlot = state.dayFactors[position.dayOfWeek];
    if (daySlot.denominator <= 0 && levelCount > 0) {
      // A weekday seen for the first time starts at 1 with the weight of six hours at the current level;
      // otherwise its first (quiet) night hours alone would set it near 0 and the morning would alert.
      const priorCount = (levelCount * DAY_FACTOR_PRIOR_HOURS * 3600) / bucketSeconds;
      daySlot.numerator = priorCount;
      daySlot.denominator = priorCount;
    }
    decayAdd(daySlot, dayForgetting, count, levelCount * hourFactor);

    normaliseFactors(state.hourFactors, state.level);
    normaliseFactors(state.dayFactors, state.level);
  }

  private learnDispersions(): void {
    const { state, parameters } = this;
    // A sign-driven quantile tracker: the dispersion moves up when a residual is beyond the median
    // absolute deviation it implies, down otherwise. Only the sign counts, so a burst (however large)
    // moves it no more than an ordinary bucket: past spikes cannot inflate the noise and hide the next.
    const step =
      (DISPERSION_STEPS_PER_MEMORY * state.setup.bucketSeconds) / (parameters.noiseMemoryHours * 3600);
    for (const length of this.dispersionLengths) {
      if (length > state.ringLength) continue;
      const observed = this.recentObservedSums[length - 1];
      const expected = this.recentExpectedSums[length - 1];
      const key = String(length);
      const dispersion = state.dispersions[key] ?? parameters.initialDispersion;
      const residual = Math.abs(anscombeZ({ observed, expected, dispersion }));
      const direction = residual > NORMAL_MEDIAN_ABSOLUTE_DEVIATION ? 1 : -1;
      const updated = dispersion * Math.exp(direction * step);
      state.dispersions[key] = Math.min(MAXIMUM_DISPERSION, Math.max(parameters.minimumDispersion, updated));
    }
  }
}

function emptyRatio(): DecayedRatio {
  return { numerator: 0, denominator: 0 };
}

function ratioValue(ratio: DecayedRatio, fallback: number): number {
  return ratio.denominator > 0 ? ratio.numerator / ratio.denominator : fallback;
}

function decayAdd(ratio: DecayedRatio, forgetting: number, numerator: number, denominator: number): void {
  ratio.numerator = forgetting * ratio.numerator + numerator;
  ratio.denominator = forgetting * ratio.denominator + denominator;
}

/** Rescales seasonal factors to mean 1 and moves the scale into the level, leaving predictions unchanged. */
function normaliseFactors(factors: DecayedRatio[], level: DecayedRatio): void {
  // Until every slot has data, unseen slots sit at 1 and cannot be rescaled: normalising then would
  // shrink the level on every bucket (e.g. a first day that starts with silent night hours).
  if (factors.some((factor) => factor.denominator <= 0)) return;
  let sum = 0;
  for (const factor of factors) sum += ratioValue(factor, 1);
  const mean = sum / factors.length;
  if (!(mean > 0) || Math.abs(mean - 1) < 1e-12) return;
  for (const factor of factors) {
    if (factor.denominator > 0) factor.numerator /= mean;
  }
  level.numerator *= mean;
}

function lengthInBuckets(params: { minutes: number; bucketSeconds: number }): number {
  return Math.max(1, Math.round((params.minutes * 60) / params.bucketSeconds));
}

/** The ring holds the longest scan window and the calm window. */
function ringCapacityFor(params: { parameters: SpikeParameters; bucketSeconds: number }): number {
  const { parameters, bucketSeconds } = params;
  const lengths = windowLengthsInBuckets({ windowMinutes: parameters.windowMinutes, bucketSeconds });
  return Math.max(...lengths, lengthInBuckets({ minutes: parameters.calmMinutes, bucketSeconds }));
}

function windowLengthsInBuckets(params: {
  windowMinutes: readonly number[];
  bucketSeconds: number;
}): number[] {
  const lengths = params.windowMinutes.map((minutes) =>
    lengthInBuckets({ minutes, bucketSeconds: params.bucketSeconds }),
  );
  return [...new Set(lengths)].sort((left, right) => left - right);
}

function dispersionLengthsFor(windowLengths: readonly number[]): number[] {
  const lengths = new Set<number>([1]);
  for (const length of windowLengths) {
    lengths.add(length);
    if (length >= 2) {
      lengths.add(Math.floor(length / 2));
      lengths.add(length - Math.floor(length / 2));
    }
  }
  return [...lengths].sort((left, right) => left - right);
}

function assertValidSetup(setup: SpikeSeriesSetup): void {
  if (!(setup.bucketSeconds > 0) || !Number.isFinite(setup.bucketSeconds)) {
    throw new DomainError({
      code: 'invalid',
      message: `bucketSeconds must be a positive number, got ${setup.bucketSeconds}`,
    });
  }
  if (setup.timeZone.length === 0)
    throw new DomainError({ code: 'invalid', message: 'timeZone must not be empty' });
}
