import { randomBytes } from 'node:crypto';
import type { DatabaseConnection } from '@vigie/database';
import { createPostgresDatabase, startPgliteServerProcess } from './database-servers';
import type { PreparedTemplate } from './test-database-template';

export type TestDatabase = {
  connection: DatabaseConnection;
  /** `postgres` on real PostgreSQL, `pglite` on the embedded one. */
  kind: PreparedTemplate['kind'];
  destroy(): Promise<void>;
};

function readTemplate(): PreparedTemplate {
  const raw = process.env['VIGIE_TEST_TEMPLATE'];
  if (!raw) {
    throw new Error(
      'No test template: medium tests run through jest.medium.config.cjs (its globalSetup prepares it).',
    );
  }
  return JSON.parse(raw) as PreparedTemplate;
}

/**
 * A private, migrated database for one test file: cloned from the template on PostgreSQL, or a
 * PGlite process loaded from the template dump. Call `destroy()` in `afterAll`.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = readTemplate();
  if (template.kind === 'postgres') {
    const database = await createPostgresDatabase({
      adminUrl: template.adminUrl,
      name: `vigie_t_${process.pid}_${randomBytes(4).toString('hex')}`,
      template: template.templateName,
    });
    return {
      kind: 'postgres',
      connection: { kind: 'url', url: database.url },
      destroy: () => database.drop(),
    };
  }
  const server = await startPgliteServerProcess(template.dumpPath);
  return {
    kind: 'pglite',
    connection: { kind: 'embedded', host: '127.0.0.1', port: server.port },
    destroy: () => server.stop(),
  };
}
