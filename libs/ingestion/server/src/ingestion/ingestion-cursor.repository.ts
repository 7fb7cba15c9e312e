import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Per account and source, the newest external id whose items are committed. */
@Injectable()
export class IngestionCursorRepository {
  constructor(private readonly dataSource: DataSource) {}

  async read(params: { channelAccountId: string; source: string }): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT last_external_id FROM ingestion_cursor WHERE channel_account_id = $1 AND source = $2`,
      [params.channelAccountId, params.source],
    )) as { last_external_id: string }[];
    return rows[0]?.last_external_id ?? null;
  }

  /** Moves forward only (snowflakes compare by length, then text). */
  async advance(params: { channelAccountId: string; source: string; externalId: string }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ingestion_cursor (channel_account_id, source, last_external_id) VALUES ($1, $2, $3)
       ON CONFLICT (channel_account_id, source) DO UPDATE SET last_external_id = excluded.last_external_id, updated_at = now()
       WHERE (length(excluded.last_external_id), excluded.last_external_id) > (length(ingestion_cursor.last_external_id), ingestion_cursor.last_external_id)`,
      [params.channelAccountId, params.source, params.externalId],
    );
  }
}
