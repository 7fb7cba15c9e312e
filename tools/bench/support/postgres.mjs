// A throwaway PostgreSQL database for one benchmark run, on the server of `adminUrl`.
import pg from 'pg';

/** Creates `<prefix>_<pid>` (dropping a leftover of the same name first); `drop()` removes it, sessions or not. */
export async function createBenchDatabase(adminUrl, prefix) {
  const name = `${prefix}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
