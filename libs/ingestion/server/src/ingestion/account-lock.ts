import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type AccountLease = { release(): Promise<void> };

/**
 * One process runs an account's workers (docs/adr/0012): a session-level PostgreSQL advisory lock held on a
 * dedicated connection, released when the worker stops or, if the process dies, when its connection closes.
 * The embedded database is private to one process (its lock file), so there every lease is granted.
 */
@Injectable()
export class AccountLock {
  constructor(private readonly dataSource: DataSource) {}

  private get isShared(): boolean {
    return 'url' in this.dataSource.options && Boolean(this.dataSource.options.url);
  }

  async tryAcquire(accountId: string): Promise<AccountLease | null> {
    if (!this.isShared) return { release: async () => undefined };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const key = `vigie:ingestion:${accountId}`;
    try {
      const [row] = (await runner.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [
        key,
      ])) as { locked: boolean }[];
      if (!row?.locked) {
        await runner.release();
        return null;
      }
    } catch (error) {
      await runner.release();
      throw error;
    }
    return {
      release: async () => {
        try {
          await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]);
        } finally {
          await runner.release();
        }
      },
    };
  }
}
