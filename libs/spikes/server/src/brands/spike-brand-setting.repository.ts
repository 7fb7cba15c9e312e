import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** SQL of `spike_brand_setting`: a brand's incident settings (absent: the defaults). */
@Injectable()
export class SpikeBrandSettingRepository {
  /** The brand's first-update minutes: null when it uses the default, undefined when there is no such brand. */
  async firstUpdateMinutes(manager: EntityManager, brandId: string): Promise<number | null | undefined> {
    const rows: { first_update_minutes: number | null }[] = await manager.query(
      `SELECT s.first_update_minutes FROM brand b
       LEFT JOIN spike_brand_setting s ON s.brand_id = b.id WHERE b.id = $1`,
      [brandId],
    );
    return rows[0] ? rows[0].first_update_minutes : undefined;
  }

  async save(
    manager: EntityManager,
    params: { brandId: string; firstUpdateMinutes: number; userId: string; at: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO spike_brand_setting (brand_id, first_update_minutes, updated_by_user_id, updated_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (brand_id) DO UPDATE SET first_update_minutes = EXCLUDED.first_update_minutes,
         updated_by_user_id = EXCLUDED.updated_by_user_id, updated_at = EXCLUDED.updated_at`,
      [params.brandId, params.firstUpdateMinutes, params.userId, params.at],
    );
  }
}
