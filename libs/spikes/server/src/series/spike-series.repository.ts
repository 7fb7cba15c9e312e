import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { jsonRows } from '@vigie/database';
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

/** Mentions to add to one minute bucket of one series (a brand, or one of its topics). */
export type SpikeBucketCount = { brandId: string; topic: string; bucketAt: Date; mentionCount: number };

const compareText = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);

/** SQL of `spike_series` and `spike_bucket` (docs/spikes.md). */
@Injectable()
export class SpikeSeriesRepository {
  /**
   * Adds mentions to minute buckets of series (creating each series at its first mention): two statements
   * whatever the number of buckets, upserts on the bucket's key, so concurrent writers add up and nothing is
   * scanned. Rows are written in key order: two transactions counting into the same buckets lock them in the
   * same order and cannot deadlock.
   */
  async countMentions(manager: EntityManager, counts: readonly SpikeBucketCount[]): Promise<void> {
    if (counts.length === 0) return;
    const rows = jsonRows(
      [...counts].sort(
        (left, right) =>
          compareText(left.brandId, right.brandId) ||
          compareText(left.topic, right.topic) ||
          left.bucketAt.getTime() - right.bucketAt.getTime(),
      ),
      (count) => ({
        brand_id: count.brandId,
        topic: count.topic,
        bucket_at: count.bucketAt,
        mention_count: count.mentionCount,
      }),
    );
    await manager.query(
      `INSERT INTO spike_series (brand_id, topic, next_bucket_at)
       SELECT brand_id, topic, min(bucket_at) FROM jsonb_to_recordset($1::jsonb)
         AS c (brand_id uuid, topic text, bucket_at timestamptz)
       GROUP BY brand_id, topic ORDER BY brand_id, topic
       ON CONFLICT (brand_id, topic) DO NOTHING`,
      [rows],
    );
    await manager.query(
      `INSERT INTO spike_bucket (brand_id, topic, bucket_at, mention_count)
       SELECT brand_id, topic, bucket_at, mention_count FROM jsonb_to_recordset($1::jsonb)
         AS c (brand_id uuid, topic text, bucket_at timestamptz, mention_count integer)
       ORDER BY brand_id, topic, bucket_at
       ON CONFLICT (brand_id, topic, bucket_at)
       DO UPDATE SET mention_count = spike_bucket.mention_count + EXCLUDED.mention_count`,
      [rows],
    );
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

  /**
   * The series, locked for this transaction (the scanner skips it meanwhile); created first, starting at
   * `nextBucketAt`, when it does not exist.
   */
  async lockOrCreate(
    manager: EntityManager,
    params: { brandId: string; topic: string; nextBucketAt: Date },
  ): Promise<StoredSpikeSeries> {
    await manager.query(
      `INSERT INTO spike_series (brand_id, topic, next_bucket_at) VALUES ($1, $2, $3)
       ON CONFLICT (brand_id, topic) DO NOTHING`,
      [params.brandId, params.topic, params.nextBucketAt],
    );
    const rows: RawSeries[] = await manager.query(
      `SELECT brand_id, topic, detector_state, next_bucket_at FROM spike_series
       WHERE brand_id = $1 AND topic = $2 FOR UPDATE`,
      [params.brandId, params.topic],
    );
    return {
      brandId: rows[0].brand_id,
      topic: rows[0].topic,
      detectorState: rows[0].detector_state,
      nextBucketAt: new Date(rows[0].next_bucket_at),
    };
  }

  /**
   * Writes bucket counts in one statement, keeping any count already there (real mentions win); returns how
   * many buckets it wrote.
   */
  async layBuckets(
    manager: EntityManager,
    params: { brandId: string; topic: string; buckets: readonly { bucketAtMs: number; count: number }[] },
  ): Promise<number> {
    if (params.buckets.length === 0) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO spike_bucket (brand_id, topic, bucket_at, mention_count)
       SELECT $1, $2, bucket.at, bucket.count
       FROM unnest($3::timestamptz[], $4::int[]) AS bucket (at, count)
       ON CONFLICT (brand_id, topic, bucket_at) DO NOTHING RETURNING 1`,
      [
        params.brandId,
        params.topic,
        params.buckets.map((bucket) => new Date(bucket.bucketAtMs)),
        params.buckets.map((bucket) => bucket.count),
      ],
    );
    return rows.length;
  }

  /**
   * Moves where the scanner reads next; with `isDetectorReset` the detector starts again from there (a new
   * detector, fed every minute from `nextBucketAt`).
   */
  async moveStart(
    manager: EntityManager,
    params: { brandId: string; topic: string; nextBucketAt: Date; isDetectorReset: boolean },
  ): Promise<void> {
    await manager.query(
      `UPDATE spike_series SET next_bucket_at = $3,
         detector_state = CASE WHEN $4 THEN NULL ELSE detector_state END
       WHERE brand_id = $1 AND topic = $2`,
      [params.brandId, params.topic, params.nextBucketAt, params.isDetectorReset],
    );
  }

  async brandIdNamed(manager: EntityManager, name: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM brand WHERE name = $1 ORDER BY created_at, id LIMIT 1`,
      [name],
    );
    return rows[0]?.id ?? null;
  }
}
