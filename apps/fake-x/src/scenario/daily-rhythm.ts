import { DateTime } from 'luxon';

/** Relative traffic by local hour in Paris: quiet nights, a lunch bump, busy evenings (mean ≈ 1). */
const HOURLY_FACTORS = [
  0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 0.9, 1.0, 1.0, 1.1, 1.3, 1.2, 1.0, 1.0, 1.1, 1.3, 1.6, 1.8,
  1.9, 1.7, 1.2, 0.6,
];

export function rhythmFactor(epochMs: number, zone = 'Europe/Paris'): number {
  return HOURLY_FACTORS[DateTime.fromMillis(epochMs, { zone }).hour];
}
