import { DataSource, type DataSourceOptions } from 'typeorm';
import { type MigrationSecrets, withMigrationSecrets } from './migration-secrets';

/** An arbitrary constant: every Vigie process takes this advisory lock while migrating. */
const migrationLockKey = 7_263_110_042;

export type MigrationReport = { applied: string[]; total: number };

/**
 * Runs pending migrations. On a shared PostgreSQL (`lock: 'advisory'`) it holds an advisory
 * lock on a dedicated connection, so that several Vigie processes starting at once migrate the
 * database exactly once. The embedded database is private to one process (its data folder is
 * locked), and its single connection could not hold a lock while migrating: `lock: 'none'`.
 * `secrets` lends the application's cipher to migrations that seal secrets at rest (migration-secrets.ts).
 */
export async function runMigrations(params: {
  options: DataSourceOptions;
  lock: 'advisory' | 'none';
  secrets?: MigrationSecrets;
}): Promise<MigrationReport> {
  const dataSource = new DataSource({ ...params.options, entities: [] } as DataSourceOptions);
  await dataSource.initialize();
  const migrate = () =>
    withMigrationSecrets(params.secrets, async () => {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return { applied: applied.map((migration) => migration.name), total: dataSource.migrations.length };
    });
  try {
    if (params.lock === 'none') return await migrate();
    const lockRunner = dataSource.createQueryRunner();
    await lockRunner.connect();
    try {
      await lockRunner.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
      return await migrate();
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
      await lockRunner.release();
    }
  } finally {
    await dataSource.destroy();
  }
}
