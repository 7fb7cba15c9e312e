import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export type EmbeddedPostgres = {
  host: string;
  port: number;
  /** Absolute data directory, or `memory://` for a throw-away database. */
  dataDir: string;
  stop(): Promise<void>;
};

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One PGlite data directory must never be opened by two processes at once (it is a single
 * in-process PostgreSQL): a lock file holding the owner's pid refuses the second one, and a
 * lock left by a crashed process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dataDir, 'vigie.lock');
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(lockPath, 'utf8'));
    if (Number.isInteger(owner) && isProcessAlive(owner)) {
      throw new Error(
        `The embedded database in ${dataDir} is already used by process ${owner}. ` +
          'Stop that Vigie first, or set VIGIE_DATA_DIR to another folder, or DATABASE_URL to a PostgreSQL.',
      );
    }
    writeFileSync(lockPath, String(process.pid));
  }
  return () => rmSync(lockPath, { force: true });
}

/**
 * Starts PGlite (PostgreSQL compiled to WASM) in this process and serves it on a loopback
 * port through pglite-socket, so TypeORM reaches it with the same `postgres` driver and the
 * same migrations as a real PostgreSQL (docs/adr/0003-embedded-database.md).
 */
export async function startEmbeddedPostgres(params: { dataDir: string }): Promise<EmbeddedPostgres> {
  const isMemory = params.dataDir.includes('://');
  const dataDir = isMemory ? params.dataDir : resolve(params.dataDir);
  let unlock = () => undefined as void;
  if (!isMemory) {
    // PGlite does not create parent folders itself.
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const database = await PGlite.create(isMemory ? dataDir : join(dataDir, 'pgdata'));
  const server = new PGLiteSocketServer({ db: database, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    host: '127.0.0.1',
    port,
    dataDir,
    async stop() {
      await server.stop();
      await database.close();
      unlock();
    },
  };
}
