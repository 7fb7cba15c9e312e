#!/usr/bin/env node
// `npm run bench:startup`: how long Vigie takes from process start to ready.
//  - the built API on a fresh embedded database (first boot: PGlite init, migrations, demo crew);
//  - the same API restarted on that data (the everyday case);
//  - the API on real PostgreSQL (when TEST_DATABASE_URL or DATABASE_URL is set), fresh database;
//  - the whole `npm start` (build cache warm) to its "Vigie is up" line.
// Prints the median of RUNS runs (default 3) and the API's resident memory once ready.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const runs = Number(process.env.RUNS ?? 3);
const pgUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(status.match(/VmRSS:\s+(\d+)/)[1]) / 1024);
}

/** Starts a command, resolves when `readyPattern` shows on stdout, returns ms and RSS, then stops it. */
function timeUntilReady({ command, args, env, readyPattern }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const timer = setTimeout(() => {
      process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`not ready after 120 s:\n${output.slice(-2000)}`));
    }, 120_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (readyPattern.test(output)) {
        clearTimeout(timer);
        const elapsedMs = performance.now() - started;
        let rss;
        try {
          rss = rssMb(child.pid);
        } catch {
          rss = undefined;
        }
        child.once('exit', () => resolve({ elapsedMs, rss }));
        process.kill(-child.pid, 'SIGTERM');
        readyPattern = /$^/;
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
  });
}

const apiEnv = (extra) => ({
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'info',
  VIGIE_DEMO: 'true',
  VIGIE_DEMO_PASSWORD: 'bench-password',
  ...extra,
});
const apiReady = /"msg":"Vigie API ready"/;

async function measure(label, makeRun) {
  const samples = [];
  for (let index = 0; index < runs; index += 1) {
    process.stdout.write(`  ${label}: run ${index + 1}/${runs}…\r`);
    samples.push(await makeRun(index));
  }
  process.stdout.write(' '.repeat(70) + '\r');
  return {
    label,
    ms: Math.round(median(samples.map((sample) => sample.elapsedMs))),
    rss: median(samples.map((sample) => sample.rss ?? 0)),
  };
}

const results = [];
console.log(`Building (cached when up to date)…`);
spawnSync(join(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '-p', 'api', 'console', 'fake-x'], {
  cwd: root,
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  stdio: 'ignore',
});
console.log(`Measuring ${runs} runs each (median)…`);

const restartDir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
results.push(
  await measure('API, fresh embedded database (first boot)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
    const sample = await timeUntilReady({
      command: process.execPath,
      args: ['dist/apps/api/main.js'],
      env: apiEnv({ VIGIE_DATA_DIR: dir }),
      readyPattern: apiReady,
    });
    rmSync(dir, { recursive: true, force: true });
    return sample;
  }),
);
await timeUntilReady({
  command: process.execPath,
  args: ['dist/apps/api/main.js'],
  env: apiEnv({ VIGIE_DATA_DIR: restartDir }),
  readyPattern: apiReady,
});
results.push(
  await measure('API, restart on existing embedded data', () =>
    timeUntilReady({
      command: process.execPath,
      args: ['dist/apps/api/main.js'],
      env: apiEnv({ VIGIE_DATA_DIR: restartDir }),
      readyPattern: apiReady,
    }),
  ),
);
rmSync(restartDir, { recursive: true, force: true });

if (pgUrl) {
  const { default: pg } = await import('pg');
  results.push(
    await measure('API, fresh PostgreSQL database', async (index) => {
      const name = `vigie_bench_${process.pid}_${index}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      const sample = await timeUntilReady({
        command: process.execPath,
        args: ['dist/apps/api/main.js'],
        env: apiEnv({ DATABASE_URL: url.toString() }),
        readyPattern: apiReady,
      });
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
      return sample;
    }),
  );
}

results.push(
  await measure('npm start to "Vigie is up" (fresh data, warm build cache)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
    const sample = await timeUntilReady({
      command: 'node',
      args: ['tools/start.mjs'],
      env: { VIGIE_DATA_DIR: dir, PORT: '0' },
      readyPattern: /Vigie is up/,
    });
    rmSync(dir, { recursive: true, force: true });
    return { ...sample, rss: undefined };
  }),
);

console.log('\n| start | median to ready | API RSS when ready |');
console.log('|---|---|---|');
for (const result of results)
  console.log(
    `| ${result.label} | ${(result.ms / 1000).toFixed(2)} s | ${result.rss ? `${result.rss} MB` : '—'} |`,
  );
