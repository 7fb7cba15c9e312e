import { DateTime } from 'luxon';
import { ALL_MENTIONS_TOPIC, createSeededRandom } from '@vigie/spikes-core';

const MINUTE_MS = 60_000;

/**
 * The fake X demo feed's ordinary volume (apps/fake-x, `FAKE_X_SCENARIO=demo`): 0.07 posts a second on average,
 * shaped by its Paris daily rhythm (`apps/fake-x/src/scenario/daily-rhythm.ts`, mean ≈ 1), of which about 8 %
 * match the outage topic (measured on 60,000 generated posts, three seeds: 6.8 to 9.2 %). The simulated past must
 * look like the simulated present, or the detector would alert on the ordinary demo feed.
 */
export const demoFeed = {
  mentionsPerMinute: 0.07 * 60,
  timeZone: 'Europe/Paris',
  hourlyFactors: [
    0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 0.9, 1.0, 1.0, 1.1, 1.3, 1.2, 1.0, 1.0, 1.1, 1.3, 1.6, 1.8,
    1.9, 1.7, 1.2, 0.6,
  ],
  topicShares: { [ALL_MENTIONS_TOPIC]: 1, outage: 0.08 } as Readonly<Record<string, number>>,
} as const;

/**
 * Per-minute mention counts of the demo feed over [fromMs, toMs) for one series (minutes with no mention are
 * left out, as the counting table leaves them out). Poisson counts seeded by the series and the minute, so any
 * process, at any time, lays the same count in the same minute.
 */
export function demoSpikeHistory(params: {
  fromMs: number;
  toMs: number;
  topic: string;
}): { bucketAtMs: number; count: number }[] {
  const share = demoFeed.topicShares[params.topic];
  if (share === undefined) return [];
  const topicSeed = [...params.topic].reduce((hash, character) => hash * 31 + character.charCodeAt(0), 7);
  const buckets: { bucketAtMs: number; count: number }[] = [];
  const firstMs = Math.ceil(params.fromMs / MINUTE_MS) * MINUTE_MS;
  for (let bucketAtMs = firstMs; bucketAtMs < params.toMs; bucketAtMs += MINUTE_MS) {
    const hour = DateTime.fromMillis(bucketAtMs, { zone: demoFeed.timeZone }).hour;
    const mean = demoFeed.mentionsPerMinute * demoFeed.hourlyFactors[hour] * share;
    const random = createSeededRandom((topicSeed ^ (bucketAtMs / MINUTE_MS)) >>> 0);
    const count = random.nextPoisson(mean);
    if (count > 0) buckets.push({ bucketAtMs, count });
  }
  return buckets;
}
