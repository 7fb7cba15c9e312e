import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The detector's alerts of one series over a range, counted by how ops judged them. */
export type SeriesAlertCounts = {
  brandId: string;
  brandName: string;
  topic: string;
  alerts: number;
  /** Neither false alarms nor merged into another incident. */
  incidents: number;
  falseAlarms: number;
  merged: number;
};

/** SQL of the detector's figures: its incidents (not the ones split off by hand), per brand and series. */
@Injectable()
export class DetectorFiguresRepository {
  /**
   * Alerts that started in [from, to). A false alarm is an incident ops marked as one, or one merged into an
   * incident they marked as one (a duplicate of a false alarm is false too).
   */
  async alertCounts(
    manager: EntityManager,
    params: { from: Date; to: Date; brandId: string | null },
  ): Promise<SeriesAlertCounts[]> {
    const rows: {
      brand_id: string;
      brand_name: string;
      topic: string;
      alerts: number;
      incidents: number;
      false_alarms: number;
      merged: number;
    }[] = await manager.query(
      `SELECT i.brand_id, b.name AS brand_name, i.topic, count(*)::int AS alerts,
         count(*) FILTER (WHERE i.closure = 'false_alarm' OR target.closure = 'false_alarm')::int AS false_alarms,
         count(*) FILTER (WHERE i.closure = 'merged')::int AS merged,
         count(*) FILTER (WHERE i.closure IS DISTINCT FROM 'false_alarm' AND i.closure IS DISTINCT FROM 'merged')::int
           AS incidents
       FROM spike_incident i
       JOIN brand b ON b.id = i.brand_id
       LEFT JOIN spike_incident target ON target.id = i.merged_into_id
       WHERE i.split_from_id IS NULL AND i.started_at >= $1 AND i.started_at < $2
         AND ($3::uuid IS NULL OR i.brand_id = $3)
       GROUP BY i.brand_id, b.name, i.topic ORDER BY b.name, i.brand_id, i.topic`,
      [params.from, params.to, params.brandId],
    );
    return rows.map((row) => ({
      brandId: row.brand_id,
      brandName: row.brand_name,
      topic: row.topic,
      alerts: row.alerts,
      incidents: row.incidents,
      falseAlarms: row.false_alarms,
      merged: row.merged,
    }));
  }

  async brandName(manager: EntityManager, brandId: string): Promise<string | null> {
    const rows: { name: string }[] = await manager.query(`SELECT name FROM brand WHERE id = $1`, [brandId]);
    return rows[0]?.name ?? null;
  }
}
