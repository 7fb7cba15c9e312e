import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { buildDataSourceOptions, runMigrations } from '@vigie/database';
import { createPostgresDatabase, dropPostgresDatabase } from './database-servers';

/**
 * What the medium tier's global setup prepared, passed to test files through environment
 * variables (Jest workers are separate processes).
 *  - real PostgreSQL (`TEST_DATABASE_URL` set): a migrated template database that each test
 *    file clones with `CREATE DATABASE … TEMPLATE` (milliseconds, no shared rows);
 *  - embedded PGlite (unset): a dump of a migrated database that each test file loads into its
 *    own PGlite process (PGlite ignores the database name, so one server per file).
 */
export type PreparedTemplate =
  | { kind: 'postgres'; adminUrl: string; templateName: string }
  | { kind: 'pglite'; dumpPath: string; folder: string };

export async function prepareTemplate(): Promise<PreparedTemplate> {
  const adminUrl = process.env['TEST_DATABASE_URL'];
  if (adminUrl) {
    const templateName = `vigie_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
    const database = await createPostgresDatabase({ adminUrl, name: templateName });
    const connection = { kind: 'url' as const, url: database.url };
    await runMigrations({ options: buildDataSourceOptions({ connection, entities: [] }), lock: 'none' });
    process.env['VIGIE_TEST_TEMPLATE'] = JSON.stringify({ kind: 'postgres', adminUrl, templateName });
    return { kind: 'postgres', adminUrl, templateName };
  }
  const database = await PGlite.create();
  const server = new PGLiteSocketServer({ db: database, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  try {
    await runMigrations({
      options: buildDataSourceOptions({
        connection: { kind: 'embedded', host: '127.0.0.1', port },
        entities: [],
      }),
      lock: 'none',
    });
  } finally {
    await server.stop();
  }
  const dump = await database.dumpDataDir('none');
  await database.close();
  const folder = mkdtempSync(join(tmpdir(), 'vigie-medium-'));
  const dumpPath = join(folder, 'template.tar');
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  process.env['VIGIE_TEST_TEMPLATE'] = JSON.stringify({ kind: 'pglite', dumpPath, folder });
  return { kind: 'pglite', dumpPath, folder };
}

export async function dropTemplate(template: PreparedTemplate): Promise<void> {
  if (template.kind === 'pglite') {
    rmSync(template.folder, { recursive: true, force: true });
    return;
  }
  await dropPostgresDatabase({ adminUrl: template.adminUrl, name: template.templateName });
}
