/**
 * Statistics on counts. Counts are modelled as negative binomial: variance = mean + dispersion × mean².
 * The Poisson term dominates at low volume and the multiplicative term at high volume, so one
 * threshold works from 5 to 5,000 mentions per hour without per-series tuning.
 */

const ANSCOMBE_OFFSET = 3 / 8;

/**
 * Standardised excess of an observed count over an expected one, on the Anscombe square-root scale.
 * Under Poisson, `2·√(x + 3/8)` has variance ≈ 1 whatever the mean; under the negative binomial it has
 * variance ≈ 1 + dispersion × mean, hence the divisor.
 */
export function anscombeZ(params: { observed: number; expected: number; dispersion: number }): number {
  const { observed, expected, dispersion } = params;
  const spread = Math.sqrt(1 + dispersion * Math.max(expected, 0));
  return (
    (2 *
      (Math.sqrt(Math.max(observed, 0) + ANSCOMBE_OFFSET) -
        Math.sqrt(Math.max(expected, 0) + ANSCOMBE_OFFSET))) /
    spread
  );
}

/** The count whose `anscombeZ` against `expected` equals `z` (never below zero). */
export function countAtZ(params: { expected: number; dispersion: number; z: number }): number {
  const { expected, dispersion, z } = params;
  const spread = Math.sqrt(1 + dispersion * Math.max(expected, 0));
  const root = Math.sqrt(Math.max(expected, 0) + ANSCOMBE_OFFSET) + (z * spread) / 2;
  if (root <= 0) return 0;
  return Math.max(0, root * root - ANSCOMBE_OFFSET);
}

/** Maps a z-score to 0..1 with 0.5 exactly at `thresholdZ`. */
export function scoreFromZ(params: { z: number; thresholdZ: number }): number {
  return 1 / (1 + Math.exp(-(params.z - params.thresholdZ)));
}
