import { type SpikeParameters } from './spike-detector.types';

/**
 * The one parameter set used for every series (brand totals, topics, 1-minute or 5-minute buckets).
 * Values are wall-clock durations and dimensionless statistics, so nothing depends on the bucket size
 * or on the volume of a series. See README.md for how each value was chosen.
 */
export const DEFAULT_SPIKE_PARAMETERS: SpikeParameters = {
  levelMemoryHours: 24,
  hourProfileMemoryDays: 7,
  dayProfileMemoryWeeks: 4,
  noiseMemoryHours: 72,
  initialDispersion: 0.05,
  minimumDispersion: 0.0025,
  windowMinutes: [5, 10, 15, 30, 60, 120, 240],
  startZ: 6,
  typicalPeakMultiplier: 3,
  typicalPeakMinutesPerDay: 30,
  sustainedWindowMinutes: 60,
  sustainedPeakMultiplier: 2.5,
  halfWindowZRatio: 0.5,
  endZ: 1.5,
  calmMinutes: 240,
  minimumAlertMinutes: 120,
  learningClipZ: 3,
  learningShrinkPower: 3,
  minimumExcessPerHour: 6,
  minimumIncreaseRatio: 1.5,
  majorIncreaseRatio: 3,
  criticalIncreaseRatio: 6,
  warmupHours: 24,
  alertAcceptanceHours: 12,
  bandZ: 3,
};
