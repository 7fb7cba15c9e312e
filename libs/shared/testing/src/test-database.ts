import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseConnection } from '@vigie/database';
import { databaseUrlWithName, type PreparedTemplate } from './test-database-template';

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
    const name = `vigie_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: template.adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.templateName}`);
    } finally {
      await admin.end();
    }
    return {
      kind: 'postgres',
      connection: { kind: 'url', url: databaseUrlWithName(template.adminUrl, name) },
      async destroy() {
        const dropper = new Client({ connectionString: template.adminUrl });
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      },
    };
  }
  const child = fork(join(__dirname, '../jest/pglite-server.mjs'), [template.dumpPath], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`PGlite test server exited early (code ${code})`)));
  });
  return {
    kind: 'pglite',
    connection: { kind: 'embedded', host: '127.0.0.1', port },
    async destroy() {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
