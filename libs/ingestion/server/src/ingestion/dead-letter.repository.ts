import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type DeadLetterRow = {
  channel: string;
  channelAccountId: string | null;
  source: string;
  reason: string;
  raw: string;
  receivedAt: Date;
};

/** Malformed payloads, kept with their reason and raw text for a human to look at. */
@Injectable()
export class DeadLetterRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertMany(rows: DeadLetterRow[]): Promise<void> {
    for (const row of rows) {
      await this.dataSource.query(
        `INSERT INTO dead_letter (channel, channel_account_id, source, reason, raw, received_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [row.channel, row.channelAccountId, row.source, row.reason, row.raw, row.receivedAt],
      );
    }
  }
}
