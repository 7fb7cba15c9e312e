import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';

/** Deadlock and serialisation failures: the whole transaction is retried (real PostgreSQL only). */
const retryableCodes = new Set(['40P01', '40001']);
const maxAttempts = 5;

/** Runs `work` in a transaction, retrying it whole on a deadlock or serialisation failure. */
export async function inRoutingTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      const code =
        error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
      if (!code || !retryableCodes.has(code) || attempt >= maxAttempts) throw error;
    }
  }
}
