import { randomBytes } from 'node:crypto';
import type { DatabaseConnection } from '@vigie/database';
import { createPostgresDatabase, FakeClock, startPgliteServerProcess } from '@vigie/testing';

export { FakeClock };

/**
 * A throw-away database for `bench:routing`: a fresh database on the PostgreSQL server of TEST_DATABASE_URL (or
 * DATABASE_URL) when set, dropped by `close()`, else an embedded PGlite in its own process.
 */
export async function openBenchDatabase(
  env: Record<string, string | undefined>,
): Promise<{ connection: DatabaseConnection; kind: string; close(): Promise<void> }> {
  const url = env['TEST_DATABASE_URL'] ?? env['DATABASE_URL'];
  if (url) {
    const database = await createPostgresDatabase({
      adminUrl: url,
      name: `vigie_bench_${randomBytes(4).toString('hex')}`,
    });
    return {
      connection: { kind: 'url', url: database.url },
      kind: 'PostgreSQL',
      close: () => database.drop(),
    };
  }
  const server = await startPgliteServerProcess();
  return {
    connection: { kind: 'embedded', host: '127.0.0.1', port: server.port },
    kind: 'PGlite',
    close: () => server.stop(),
  };
}
