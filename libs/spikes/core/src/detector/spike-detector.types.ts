/**
 * Types of the streaming spike detector. Every state type is plain JSON (numbers, strings, arrays,
 * records) so a caller can persist it with `JSON.stringify` and restore it after a restart.
 */

/** Alert lifecycle reported for each bucket. */
export type SpikeAlertPhase = 'none' | 'started' | 'ongoing' | 'ended';

/** How far above its baseline the volume went, from the ratio observed / expected. */
export type SpikeSeverity = 'minor' | 'major' | 'critical';

/** One parameter set shared by every series; durations are in wall-clock units, never in buckets. */
export type SpikeParameters = {
  /** Memory of the de-seasonalised level (how fast growth is absorbed). */
  readonly levelMemoryHours: number;
  /** Memory of each hour-of-day factor, in days of data falling in that hour. */
  readonly hourProfileMemoryDays: number;
  /** Memory of each day-of-week factor, in weeks of data falling on that day. */
  readonly dayProfileMemoryWeeks: number;
  /** Memory of the over-dispersion (extra-Poisson noise) estimates. */
  readonly noiseMemoryHours: number;
  /** Over-dispersion assumed before any evidence (squared coefficient of variation). */
  readonly initialDispersion: number;
  /** Floor of the over-dispersion, so near-Poisson series are not judged on tiny relative moves. */
  readonly minimumDispersion: number;
  /** Lengths of the recent windows compared with the baseline (multi-scale scan). */
  readonly windowMinutes: readonly number[];
  /** Standardised excess (Anscombe z) a window must exceed to start an alert. */
  readonly startZ: number;
  /** A window shorter than `sustainedWindowMinutes` starts an alert at this multiple of the typical daily peak z. */
  readonly typicalPeakMultiplier: number;
  readonly typicalPeakMinutesPerDay: number;
  /** Windows at least this long measure a sustained rise rather than a burst. */
  readonly sustainedWindowMinutes: number;
  /**
   * A sustained window starts an alert at this (smaller) multiple of the typical daily peak z: the typical peak
   * measures a series' short bursts (news), which say little about how often it stays high for an hour.
   */
  readonly sustainedPeakMultiplier: number;
  /** Each half of a window must reach `startZ × halfWindowZRatio`: one outlier bucket is not durable. */
  readonly halfWindowZRatio: number;
  /** An alert ends once the last `calmMinutes`, taken as one window, are below this z. */
  readonly endZ: number;
  readonly calmMinutes: number;
  /** An alert lasts at least this long, so one burst in several waves stays one alert (no flapping). */
  readonly minimumAlertMinutes: number;
  /** Buckets beyond this z are clipped before the baseline learns from them. */
  readonly learningClipZ: number;
  /**
   * When a recent window is durably above `learningClipZ` (raw z), the excess the baseline learns from
   * the bucket is multiplied by (learningClipZ / z) to this power.
   */
  readonly learningShrinkPower: number;
  /** Minimum volume: mentions per hour above the baseline, over the alerting window. */
  readonly minimumExcessPerHour: number;
  /** Minimum relative rise: observed / expected over the alerting window. */
  readonly minimumIncreaseRatio: number;
  /** Observed / expected ratios at which an alert becomes major, then critical. */
  readonly majorIncreaseRatio: number;
  readonly criticalIncreaseRatio: number;
  /** No alert before this much history (the daily profile needs a day). */
  readonly warmupHours: number;
  /** After this long in one alert, the baseline learns again (a durable shift is growth, not a spike). */
  readonly alertAcceptanceHours: number;
  /** Half-width of the displayed band, in Anscombe z units. */
  readonly bandZ: number;
};

/** Fixed facts about a series: they are not tuning parameters. */
export type SpikeSeriesSetup = {
  readonly bucketSeconds: number;
  /** IANA zone used for the hour of day and the day of week (e.g. `Europe/Paris`). */
  readonly timeZone: string;
};

/** Ratio-of-sums estimate with exponential forgetting: value = numerator / denominator. */
export type DecayedRatio = { numerator: number; denominator: number };

export type SpikeDetectorState = {
  readonly version: 1;
  readonly setup: SpikeSeriesSetup;
  observedBuckets: number;
  lastBucketStartMs: number | null;
  level: DecayedRatio;
  hourFactors: DecayedRatio[];
  dayFactors: DecayedRatio[];
  /** Over-dispersion per window length in buckets (keys are the lengths). */
  dispersions: Record<string, number>;
  /** Ring of the most recent buckets: observed and expected counts, oldest first from `ringStart`. */
  recentCounts: number[];
  recentExpected: number[];
  ringStart: number;
  ringLength: number;
  alert: SpikeAlertState;
  /** The durable z exceeded `typicalPeakMinutesPerDay` per day (absent until the first scan). */
  typicalPeakZ?: number;
};

export type SpikeAlertState = {
  isActive: boolean;
  startedAtMs: number | null;
  severity: SpikeSeverity | null;
};

/** One bucket fed to the detector. */
export type SpikeBucket = {
  readonly bucketStartMs: number;
  readonly count: number;
};

/** What the detector says about one bucket. */
export type SpikeBucketResult = {
  readonly bucketStartMs: number;
  readonly count: number;
  /** 0..1; above 0.5 means at least one window is significantly and durably above the baseline. */
  readonly anomalyScore: number;
  /** Expected count for this bucket, and a band around it (same unit as `count`). */
  readonly baselineCount: number;
  readonly bandLowerCount: number;
  readonly bandUpperCount: number;
  readonly alertPhase: SpikeAlertPhase;
  readonly severity: SpikeSeverity | null;
  readonly alertStartedAtMs: number | null;
  readonly isWarmingUp: boolean;
};
