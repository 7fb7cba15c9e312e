import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReplyMode } from '@vigie/inbox-core';
import { reserveSendSlot, type SendSlotVerdict } from './send-budget';

/**
 * SQL of `channel_send_budget`: per channel account and mode, the recent sends and a block after a 429. A
 * reservation locks the row for its short transaction, so processes sharing an account share its budget.
 */
@Injectable()
export class SendBudgetRepository {
  constructor(private readonly dataSource: DataSource) {}

  async reserve(params: {
    channelAccountId: string;
    mode: ReplyMode;
    isBulk: boolean;
    now: Date;
    limit: number;
    windowMs: number;
  }): Promise<SendSlotVerdict> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO channel_send_budget (channel_account_id, mode) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [params.channelAccountId, params.mode],
      );
      // Read as JSON: ISO strings whatever the driver does with timestamp arrays.
      const rows: { recent_sends: string[]; recent_bulk_sends: string[]; blocked_until: Date | null }[] =
        await manager.query(
          `SELECT to_json(recent_sends) AS recent_sends, to_json(recent_bulk_sends) AS recent_bulk_sends,
             blocked_until FROM channel_send_budget
         WHERE channel_account_id = $1 AND mode = $2 FOR UPDATE`,
          [params.channelAccountId, params.mode],
        );
      const row = rows[0];
      const verdict = reserveSendSlot({
        state: {
          recentSends: (row?.recent_sends ?? []).map((sentAt) => new Date(sentAt)),
          recentBulkSends: (row?.recent_bulk_sends ?? []).map((sentAt) => new Date(sentAt)),
          blockedUntil: row?.blocked_until ? new Date(row.blocked_until) : null,
        },
        now: params.now,
        limit: params.limit,
        windowMs: params.windowMs,
        isBulk: params.isBulk,
      });
      if (verdict.isGranted)
        await manager.query(
          `UPDATE channel_send_budget SET recent_sends = $3::timestamptz[], recent_bulk_sends = $4::timestamptz[]
           WHERE channel_account_id = $1 AND mode = $2`,
          [
            params.channelAccountId,
            params.mode,
            verdict.recentSends.map((sentAt) => sentAt.toISOString()),
            verdict.recentBulkSends.map((sentAt) => sentAt.toISOString()),
          ],
        );
      return verdict;
    });
  }

  /** The channel answered 429: nothing more of this kind goes from the account before `until`. */
  async block(params: { channelAccountId: string; mode: ReplyMode; until: Date }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO channel_send_budget (channel_account_id, mode, blocked_until) VALUES ($1, $2, $3)
       ON CONFLICT (channel_account_id, mode) DO UPDATE
         SET blocked_until = greatest(channel_send_budget.blocked_until, EXCLUDED.blocked_until)`,
      [params.channelAccountId, params.mode, params.until],
    );
  }
}
