import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SpikeDetectorState } from '@vigie/spikes-core';

/** One count series: a brand's whole volume (`topic = ''`) or one topic of it, with its detector state. */
export type StoredSpikeSeries = {
  brandId: string;
  topic: string;
  detectorState: SpikeDetectorState | null;
  /** The first bucket the detector has not seen yet. */
  nextBucketAt: Date;
};

type RawSeries = {
  brand_id: string;
  topic: string;
  detector_state: SpikeDetectorState | null;
  next_bucket_at: Date;
};

/** SQL of `spike_series` and `spike_bucket` (docs/spikes.md). */
@Injectable()
export class SpikeSeriesRepository {
  /**
   * Adds one mention to the minute bucket of each series (creating the series at its first mention). One
   * statement per series, an upsert on the bucket's key: concurrent writers add up, nothing is scanned.
   */
  async countMentions(
    manager: EntityManager,
    params: { brandId: string; topics: readonly string[]; bucketAt: Date; mentionCount: number },
  ): Promise<void> {
    for (const topic of params.topics) {
      await manager.query(
        `INSERT INTO spike_series (brand_id, topic, next_bucket_at) VALUES ($1, $2, $3)
         ON CONFLICT (brand_id, topic) DO NOTHING`,
        [params.brandId, topic, params.bucketAt],
      );
      await manager.query(
        `INSERT INTO spike_bucket (brand_id, topic, bucket_at, mention_count) VALUES ($1, $2, $3, $4)
         ON CONFLICT (brand_id, topic, bucket_at)
         DO UPDATE SET mention_count = spike_bucket.mention_count + EXCLUDED.mention_count`,
        [params.brandId, topic, params.bucketAt, params.mentionCount],
      );
    }
  }

  /** Series with closed buckets not yet seen, locked for this transaction (other processes skip them). */
  async takeDue(
    manager: EntityManager,
    params: { readyBefore: Date; limit: number },
  ): Promise<StoredSpikeSeries[]> {
    const rows: RawSeries[] = await manager.query(
      `SELECT brand_id, topic, detector_state, next_bucket_at FROM spike_series
       WHERE next_bucket_at < $1 ORDER BY next_bucket_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [params.readyBefore, params.limit],
    );
    return rows.map((row) => ({
      brandId: row.brand_id,
      topic: row.topic,
      detectorState: row.detector_state,
      nextBucketAt: new Date(row.next_bucket_at),
    }));
  }

  /** The non-zero buckets of a series in [from, to). */
  async bucketCounts(
    manager: EntityManager,
    params: { brandId: string; topic: string; from: Date; to: Date },
  ): Promise<Map<number, number>> {
    const rows: { bucket_at: Date; mention_count: number }[] = await manager.query(
      `SELECT bucket_at, mention_count FROM spike_bucket
       WHERE brand_id = $1 AND topic = $2 AND bucket_at >= $3 AND bucket_at < $4`,
      [params.brandId, params.topic, params.from, params.to],
    );
    return new Map(rows.map((row) => [new Date(row.bucket_at).getTime(), Number(row.mention_count)]));
  }

  /** Drops a series' buckets before `before` (the scanner never reads them again); uses the key's prefix. */
  async pruneBuckets(
    manager: EntityManager,
    params: { brandId: string; topic: string; before: Date },
  ): Promise<void> {
    await manager.query(`DELETE FROM spike_bucket WHERE brand_id = $1 AND topic = $2 AND bucket_at < $3`, [
      params.brandId,
      params.topic,
      params.before,
    ]);
  }

  async saveProgress(
    manager: EntityManager,
    params: {
      brandId: string;
      topic: string;
      detectorState: SpikeDetectorState;
      nextBucketAt: Date;
      now: Date;
    },
  ): Promise<void> {
    await manager.query(
      `UPDATE spike_series SET detector_state = $3, next_bucket_at = $4, updated_at = $5
       WHERE brand_id = $1 AND topic = $2`,
      [params.brandId, params.topic, JSON.stringify(params.detectorState), params.nextBucketAt, params.now],
    );
  }
}
