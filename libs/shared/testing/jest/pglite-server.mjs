// A private embedded PostgreSQL for one medium test file: loads the migrated template dump,
// serves it on a loopback port, reports the port to the parent, and exits with the parent.
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const dumpPath = process.argv[2];
const database = await PGlite.create(dumpPath ? { loadDataDir: new Blob([readFileSync(dumpPath)]) } : {});
const server = new PGLiteSocketServer({ db: database, host: '127.0.0.1', port: 0, maxConnections: 16 });
await server.start();
process.send({ port: Number(server.getServerConn().split(':').pop()) });
const stop = async () => {
  await server.stop().catch(() => undefined);
  await database.close().catch(() => undefined);
  process.exit(0);
};
process.on('disconnect', stop);
process.on('SIGTERM', stop);
