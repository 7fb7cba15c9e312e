import fc from 'fast-check';
import { compareIds, snowflakeToMs, SnowflakeGenerator, TWITTER_EPOCH_MS } from './snowflake';

describe('SnowflakeGenerator', () => {
  it('decodes the reference example id to its documented creation time', () => {
    expect(new Date(snowflakeToMs('1346889436626259968')).toISOString()).toBe('2021-01-06T18:40:40.344Z');
  });

  it('mints ids whose timestamp is the creation time: (id >> 22) + epoch', () => {
    fc.assert(
      fc.property(fc.integer({ min: TWITTER_EPOCH_MS, max: 4_000_000_000_000 }), (ms) => {
        const generator = new SnowflakeGenerator();
        const { id, createdAtMs } = generator.nextNow(ms);
        return createdAtMs === ms && Number((BigInt(id) >> 22n) + BigInt(TWITTER_EPOCH_MS)) === ms;
      }),
    );
  });

  it('stays strictly increasing within one millisecond and across sequence overflow', () => {
    const generator = new SnowflakeGenerator();
    const now = Date.UTC(2026, 0, 15, 10, 0, 0);
    let previous = '0';
    for (let index = 0; index < 10_000; index += 1) {
      const { id, createdAtMs } = generator.nextNow(now);
      expect(compareIds(id, previous)).toBeGreaterThan(0);
      expect(snowflakeToMs(id)).toBe(createdAtMs);
      previous = id;
    }
  });

  it('never goes backwards when the clock does', () => {
    const generator = new SnowflakeGenerator();
    const first = generator.nextNow(2_000_000_000_000);
    const second = generator.nextNow(1_999_999_999_000);
    expect(compareIds(second.id, first.id)).toBeGreaterThan(0);
  });

  it('follows a clock moved back on purpose, without minting an id twice', () => {
    const generator = new SnowflakeGenerator();
    const later = generator.nextNow(2_000_000_000_000);
    const early = generator.nextNow(1_999_999_000_000);
    generator.followClock();
    const followed = generator.nextNow(1_999_999_000_000);
    expect(followed.createdAtMs).toBe(1_999_999_000_000);
    expect(new Set([later.id, early.id, followed.id]).size).toBe(3);
    generator.followClock();
    expect(generator.nextNow(2_000_000_000_000).id).not.toBe(later.id);
  });

  it('mints unique back-dated ids for the same millisecond', () => {
    const generator = new SnowflakeGenerator();
    const ids = new Set(Array.from({ length: 50 }, () => generator.nextAt(1_700_000_000_000).id));
    expect(ids.size).toBe(50);
  });
});
