import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';

export type DisposableDatabase = { url: string; drop(): Promise<void> };

export function databaseUrlWithName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function runAdminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * Creates a database on the PostgreSQL server of `adminUrl` (a clone of `template` when given) and returns
 * its URL; `drop()` removes it, closing whatever still uses it.
 */
export async function createPostgresDatabase(params: {
  adminUrl: string;
  name: string;
  template?: string;
}): Promise<DisposableDatabase> {
  const template = params.template ? ` TEMPLATE ${params.template}` : '';
  await runAdminQuery(params.adminUrl, `CREATE DATABASE ${params.name}${template}`);
  return {
    url: databaseUrlWithName(params.adminUrl, params.name),
    drop: () => dropPostgresDatabase({ adminUrl: params.adminUrl, name: params.name }),
  };
}

export function dropPostgresDatabase(params: { adminUrl: string; name: string }): Promise<void> {
  return runAdminQuery(params.adminUrl, `DROP DATABASE IF EXISTS ${params.name} WITH (FORCE)`);
}

export type PgliteServerProcess = { port: number; stop(): Promise<void> };

/**
 * An embedded PostgreSQL in a process of its own (PGlite cannot run inside Jest's module VM), served on a
 * loopback port; loaded from a dump when given, else empty. It exits with its parent.
 */
export async function startPgliteServerProcess(dumpPath?: string): Promise<PgliteServerProcess> {
  const child = fork(join(__dirname, '../jest/pglite-server.mjs'), dumpPath ? [dumpPath] : [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`PGlite server process exited early (code ${code})`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
