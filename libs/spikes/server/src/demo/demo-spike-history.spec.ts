import { demoFeed, demoSpikeHistory } from './demo-spike-history';

const MINUTE_MS = 60_000;
/** Tuesday 24 November 2026, midnight in Paris. */
const FROM_MS = Date.UTC(2026, 10, 23, 23, 0);
const DAY_MS = 86_400_000;

const total = (buckets: readonly { count: number }[]) =>
  buckets.reduce((sum, bucket) => sum + bucket.count, 0);

describe('the demo feed’s simulated past', () => {
  it('averages the demo feed’s volume over a day, about 8 % of it on the outage topic', () => {
    const brand = total(demoSpikeHistory({ fromMs: FROM_MS, toMs: FROM_MS + DAY_MS, topic: '' }));
    const outage = total(demoSpikeHistory({ fromMs: FROM_MS, toMs: FROM_MS + DAY_MS, topic: 'outage' }));
    const meanFactor = demoFeed.hourlyFactors.reduce((sum, factor) => sum + factor, 0) / 24;
    const expected = demoFeed.mentionsPerMinute * meanFactor * 1440;
    expect(brand).toBeGreaterThan(expected * 0.95);
    expect(brand).toBeLessThan(expected * 1.05);
    expect(outage / brand).toBeGreaterThan(0.06);
    expect(outage / brand).toBeLessThan(0.1);
  });

  it('follows the Paris evening peak and night lull', () => {
    const hourOf = (parisHour: number) =>
      total(
        demoSpikeHistory({
          fromMs: FROM_MS + parisHour * 3_600_000,
          toMs: FROM_MS + (parisHour + 1) * 3_600_000,
          topic: '',
        }),
      );
    expect(hourOf(20)).toBeGreaterThan(8 * hourOf(3));
  });

  it('lays the same count in the same minute whatever the range asked, leaving silent minutes out', () => {
    const whole = demoSpikeHistory({ fromMs: FROM_MS, toMs: FROM_MS + 120 * MINUTE_MS, topic: '' });
    const part = demoSpikeHistory({
      fromMs: FROM_MS + 60 * MINUTE_MS - 30_000,
      toMs: FROM_MS + 120 * MINUTE_MS,
      topic: '',
    });
    expect(part).toEqual(whole.filter((bucket) => bucket.bucketAtMs >= FROM_MS + 60 * MINUTE_MS));
    expect(whole.every((bucket) => bucket.count > 0 && bucket.bucketAtMs % MINUTE_MS === 0)).toBe(true);
  });

  it('lays nothing for a topic the demo feed does not simulate', () => {
    expect(demoSpikeHistory({ fromMs: FROM_MS, toMs: FROM_MS + DAY_MS, topic: 'billing' })).toEqual([]);
  });
});
