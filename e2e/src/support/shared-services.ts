import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createPostgresDatabase, startPgliteServerProcess } from '@vigie/testing';
import { tempDir } from './processes';

export type SharedService = { url: string; stop(): Promise<void> };

/** A new, empty database on the server of `adminUrl`, dropped by `stop()`. */
export async function freshPostgresDatabase(adminUrl: string, prefix = 'vigie_e2e'): Promise<SharedService> {
  const database = await createPostgresDatabase({
    adminUrl,
    name: `${prefix}_${randomBytes(4).toString('hex')}`,
  });
  return { url: database.url, stop: () => database.drop() };
}

/**
 * The environment of one API process on a database of its own: a fresh database on TEST_DATABASE_URL's
 * server when it is set (CI), else the embedded PGlite in a new data dir. `drop()` removes it.
 */
export async function freshDatabaseEnv(
  prefix: string,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const adminUrl = process.env['TEST_DATABASE_URL'];
  const dataDir = tempDir(prefix);
  const removeDataDir = async () => rmSync(dataDir, { recursive: true, force: true });
  if (!adminUrl) return { env: { VIGIE_DATA_DIR: dataDir }, drop: removeDataDir };
  const database = await freshPostgresDatabase(adminUrl, `vigie_${prefix.replace(/\W/g, '_')}`);
  return {
    env: { DATABASE_URL: database.url, VIGIE_DATA_DIR: dataDir },
    drop: async () => {
      await database.stop();
      await removeDataDir();
    },
  };
}

/**
 * A PostgreSQL that several API processes can share: a fresh database on TEST_DATABASE_URL's
 * server when it is set (CI), else an embedded PGlite served in its own process.
 */
export async function sharedPostgres(): Promise<SharedService> {
  const adminUrl = process.env['TEST_DATABASE_URL'];
  if (adminUrl) return freshPostgresDatabase(adminUrl);
  const server = await startPgliteServerProcess();
  return { url: `postgres://postgres:postgres@127.0.0.1:${server.port}/postgres`, stop: () => server.stop() };
}

/** Whether a Redis can be had: REDIS_URL (CI always sets it) or a local redis-server binary. */
export function isRedisAvailable(): boolean {
  return Boolean(process.env['REDIS_URL']) || spawnSync('redis-server', ['--version']).status === 0;
}

/** REDIS_URL when set (CI); else a throw-away redis-server on a free port, when the binary exists. */
export async function sharedRedis(): Promise<SharedService | undefined> {
  const configured = process.env['REDIS_URL'];
  if (configured) return { url: configured, stop: async () => undefined };
  if (spawnSync('redis-server', ['--version']).status !== 0) return undefined;
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
