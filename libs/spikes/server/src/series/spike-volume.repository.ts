import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SpikeSeriesCatalog, SpikeVolumeAlert } from '@vigie/contracts';
import type { SpikeDetectorState } from '@vigie/spikes-core';

/** Most alerts drawn on one chart (a week of a noisy series has far fewer). */
const maximumAlerts = 100;

/** SQL the volume chart reads: the series, its detector state, and the detector's incidents over a range. */
@Injectable()
export class SpikeVolumeRepository {
  /** Brands with at least one series, each with its topics (`''` first). */
  async catalog(manager: EntityManager): Promise<SpikeSeriesCatalog['brands']> {
    const rows: { brand_id: string; brand_name: string; topics: string[] }[] = await manager.query(
      `SELECT s.brand_id, b.name AS brand_name, array_agg(s.topic ORDER BY s.topic) AS topics
       FROM spike_series s JOIN brand b ON b.id = s.brand_id
       GROUP BY s.brand_id, b.name ORDER BY b.name, s.brand_id`,
    );
    return rows.map((row) => ({ brandId: row.brand_id, brandName: row.brand_name, topics: row.topics }));
  }

  async brandName(manager: EntityManager, brandId: string): Promise<string | null> {
    const rows: { name: string }[] = await manager.query(`SELECT name FROM brand WHERE id = $1`, [brandId]);
    return rows[0]?.name ?? null;
  }

  /** The series' detector state and the first minute it has not read; null when the series does not exist. */
  async series(
    manager: EntityManager,
    params: { brandId: string; topic: string },
  ): Promise<{ detectorState: SpikeDetectorState | null; nextBucketAt: Date } | null> {
    const rows: { detector_state: SpikeDetectorState | null; next_bucket_at: Date }[] = await manager.query(
      `SELECT detector_state, next_bucket_at FROM spike_series WHERE brand_id = $1 AND topic = $2`,
      [params.brandId, params.topic],
    );
    const row = rows[0];
    return row ? { detectorState: row.detector_state, nextBucketAt: new Date(row.next_bucket_at) } : null;
  }

  /** The detector's incidents of the series that overlap [from, to) (split ones are ops' work, not alerts). */
  async alerts(
    manager: EntityManager,
    params: { brandId: string; topic: string; from: Date; to: Date },
  ): Promise<SpikeVolumeAlert[]> {
    const rows: {
      id: string;
      severity: SpikeVolumeAlert['severity'];
      status: SpikeVolumeAlert['status'];
      closure: SpikeVolumeAlert['closure'];
      started_at: Date;
      ended_at: Date | null;
    }[] = await manager.query(
      `SELECT id, severity, status, closure, started_at, ended_at FROM spike_incident
       WHERE brand_id = $1 AND topic = $2 AND split_from_id IS NULL AND started_at < $4
         AND (ended_at IS NULL OR ended_at >= $3)
       ORDER BY started_at LIMIT ${maximumAlerts}`,
      [params.brandId, params.topic, params.from, params.to],
    );
    return rows.map((row) => ({
      incidentId: row.id,
      severity: row.severity,
      status: row.status,
      closure: row.closure,
      startedAt: new Date(row.started_at).toISOString(),
      endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
    }));
  }
}
