#!/usr/bin/env node
// `npm run bench:ingest`: mentions per second through the WHOLE inbound path, and emit-to-socket latency.
//
// For each database (PostgreSQL, then embedded PGlite), on built processes like production:
//   fake X (dist/apps/fake-x) ──filtered stream──▶ Vigie API (dist/apps/api, twitter-api-v2) ──▶ dedup,
//   thread, contact upsert, store ──▶ message.received ──socket.io──▶ this process, logged in as an agent.
// 1. an offered rate (default 500/s for 20 s): p50/p99 latency from the fake's emit to socket receipt;
// 2. the maximum rate (the fake mints posts as fast as it can): sustained mentions per second;
// 3. the ceiling: the same rows (contacts, conversations, messages with their raw JSON) inserted straight
//    into the same tables by batched multi-row INSERTs, no API in between.
//
// Options (flags or env): --rate 500 (BENCH_RATE), --seconds 20 (BENCH_SECONDS), --max-count 20000
// (BENCH_MAX_COUNT), --authors 2000 (BENCH_AUTHORS: distinct customers), --databases postgres,pglite
// (BENCH_DATABASES), --no-build, --api-log <file> (the API's output), --breakdown (API at LOG_LEVEL=debug: a
// table of where each mention's time goes, from the recorder's per-batch timings; slower, for diagnosis),
// --cpu-prof <dir> (a V8 CPU profile of the API). PostgreSQL: a dedicated database is created on
// TEST_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres) and dropped at the end.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { io } from 'socket.io-client';
import { createBenchDatabase } from '../support/postgres.mjs';

const root = join(import.meta.dirname, '../../..');
const { values: flags } = parseArgs({
  options: {
    rate: { type: 'string', default: process.env.BENCH_RATE ?? '500' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '20' },
    'max-count': { type: 'string', default: process.env.BENCH_MAX_COUNT ?? '20000' },
    /** Distinct customers writing (each mention opens its own thread): an outage brings thousands. */
    authors: { type: 'string', default: process.env.BENCH_AUTHORS ?? '2000' },
    databases: { type: 'string', default: process.env.BENCH_DATABASES ?? 'postgres,pglite' },
    'no-build': { type: 'boolean', default: false },
    /** Runs the API with LOG_LEVEL=debug and sums the recorder's per-batch timings (slower: a diagnosis). */
    breakdown: { type: 'boolean', default: false },
    /** Appends the API's output to this file (to see what it logged during the run). */
    'api-log': { type: 'string' },
    /** Writes a V8 CPU profile of the API to this folder when it stops (open it in Chrome DevTools). */
    'cpu-prof': { type: 'string' },
  },
});
const offeredRate = Number(flags.rate);
const offeredCount = Math.round(offeredRate * Number(flags.seconds));
const maxCount = Number(flags['max-count']);
const databases = flags.databases.split(',').map((name) => name.trim());
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const demoPassword = 'bench-password';
const authorCount = Number(flags.authors);
const ceilingBatch = 500;

const nowEpochMs = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Progress: one line rewritten in place on a terminal, a line every 2 s otherwise (CI logs, pipes).
let lastProgressAt = 0;
function progress(line) {
  if (process.stdout.isTTY) return void process.stdout.write(`\r${line.padEnd(100)}`);
  if (nowEpochMs() - lastProgressAt < 2_000) return;
  lastProgressAt = nowEpochMs();
  console.log(line);
}
function endProgress() {
  if (process.stdout.isTTY) process.stdout.write(`\r${' '.repeat(100)}\r`);
  lastProgressAt = 0;
}

function percentile(sorted, fraction) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** Starts a built app and resolves with its URL once `readyWhen` finds it in a stdout line. */
function startProcess({ script, env, readyWhen, logFile, onLine, nodeArgs = [] }) {
  const child = spawn(process.execPath, [...nodeArgs, join(root, script)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} not ready after 90 s:\n${output.slice(-3000)}`));
    }, 90_000);
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      output = (output + chunk).slice(-20_000);
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        onLine?.(line.trim());
        const url = readyWhen(line.trim());
        if (url) {
          clearTimeout(timer);
          resolve({
            url,
            output: () => output,
            stop: () =>
              new Promise((done) => {
                if (child.exitCode !== null) return done();
                const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
                child.once('exit', () => {
                  clearTimeout(killer);
                  done();
                });
                child.kill('SIGTERM');
              }),
          });
        }
      }
    });
    child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
    if (logFile) {
      child.stdout.on('data', (chunk) => appendFileSync(logFile, chunk));
      child.stderr.on('data', (chunk) => appendFileSync(logFile, chunk));
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready:\n${output.slice(-3000)}`));
    });
  });
}

/** Sums the recorder's per-batch debug lines ("Inbound batch recorded"): where a mention's time goes. */
function batchBreakdown() {
  const totals = {
    batches: 0,
    items: 0,
    totalMs: 0,
    inboxMs: 0,
    contactsMs: 0,
    participantsMs: 0,
    publishMs: 0,
  };
  return {
    onLine(line) {
      if (!line.includes('Inbound batch recorded')) return;
      try {
        const entry = JSON.parse(line);
        totals.batches += 1;
        for (const key of ['items', 'totalMs', 'inboxMs', 'contactsMs', 'participantsMs', 'publishMs'])
          totals[key] += entry[key] ?? 0;
      } catch {
        // not a JSON log line
      }
    },
    /** The totals since the last take, and a fresh start. */
    take() {
      const taken = { ...totals };
      for (const key of Object.keys(totals)) totals[key] = 0;
      return taken;
    },
  };
}

const apiReady = (line) => {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line);
    return entry.msg === 'Vigie API ready' ? entry.url : undefined;
  } catch {
    return undefined;
  }
};

/** A dedicated database per run: created on the PostgreSQL server, or a fresh PGlite data folder. */
async function openDatabase(kind) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-ingest-'));
  if (kind === 'pglite') {
    return {
      env: { VIGIE_DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const database = await createBenchDatabase(adminUrl, 'vigie_bench_ingest');
  return {
    url: database.url,
    env: { DATABASE_URL: database.url, VIGIE_DATA_DIR: dataDir },
    drop: async () => {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function json(url, init) {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** Logs in as an agent and connects a socket.io client that timestamps every `message.received`. */
async function connectAgent(apiUrl) {
  const login = await json(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: 'lea@vigie.demo', password: demoPassword }),
  });
  if (login.status !== 200) throw new Error(`agent login failed: ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const socket = io(apiUrl, {
    path: '/api/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie },
  });
  const receivedAt = new Map();
  socket.on('message.received', (event) => {
    const at = nowEpochMs();
    if (!receivedAt.has(event.message.externalId)) receivedAt.set(event.message.externalId, at);
  });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, receivedAt };
}

/** One burst from the fake X, waited for until every post reached the socket (or nothing moves for 2 min). */
async function runBurst({ label, fakeXUrl, agent, count, ratePerSecond }) {
  const started = await json(`${fakeXUrl}/control/burst`, {
    method: 'POST',
    body: JSON.stringify({ count, ratePerSecond, authorCount }),
  });
  if (started.status !== 202) throw new Error(`burst refused: ${JSON.stringify(started.body)}`);
  const startedAt = nowEpochMs();
  let burst;
  let lastCount = -1;
  let lastMoveAt = nowEpochMs();
  for (;;) {
    burst = (await json(`${fakeXUrl}/control/burst`)).body.data;
    const seconds = (nowEpochMs() - startedAt) / 1000;
    const received = [...agent.receivedAt.keys()].length;
    progress(
      `  ${label}: ${seconds.toFixed(1)} s, emitted ${burst.emitted}/${count}, received ${received - agent.baseline}`,
    );
    if (!burst.isRunning) {
      const ids = burst.emits.map((emit) => emit.id);
      const missing = ids.filter((id) => !agent.receivedAt.has(id)).length;
      if (missing === 0) break;
      if (missing !== lastCount) {
        lastCount = missing;
        lastMoveAt = nowEpochMs();
      } else if (nowEpochMs() - lastMoveAt > 120_000) {
        throw new Error(`${label}: ${missing} posts never reached the socket`);
      }
    }
    await sleep(250);
  }
  endProgress();
  agent.baseline = agent.receivedAt.size;
  const latencies = burst.emits
    .map((emit) => agent.receivedAt.get(emit.id) - emit.emittedAtMs)
    .sort((left, right) => left - right);
  const firstEmit = burst.emits[0].emittedAtMs;
  const lastReceipt = Math.max(...burst.emits.map((emit) => agent.receivedAt.get(emit.id)));
  return {
    count,
    offered: ratePerSecond === 0 ? 'max' : `${ratePerSecond}/s`,
    emitSeconds: (burst.finishedAtMs - burst.startedAtMs) / 1000,
    perSecond: count / ((lastReceipt - firstEmit) / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1],
  };
}

/** Rows shaped like the path's: one contact per author, then per mention a conversation and a message. */
function ceilingRows(count) {
  const raw = (index) =>
    JSON.stringify({
      data: {
        id: String(9_000_000_000_000_000_000n + BigInt(index)),
        text: `@VigieTelecom plus de réseau depuis ce matin, vous faites quoi ? #${index}`,
        author_id: String(5_000_000 + (index % authorCount)),
        created_at: new Date().toISOString(),
        conversation_id: String(9_000_000_000_000_000_000n + BigInt(index)),
        lang: 'fr',
        entities: { mentions: [{ start: 0, end: 13, username: 'VigieTelecom', id: '1111111111' }] },
      },
      includes: {
        users: [
          { id: String(5_000_000 + (index % authorCount)), username: `ceiling_${index % authorCount}` },
        ],
      },
      matching_rules: [{ id: '1', tag: 'vigie:account' }],
    });
  return Array.from({ length: count }, (_, index) => ({ index, raw: raw(index) }));
}

/**
 * The ceiling: batched multi-row INSERTs of the same rows into the same tables, one transaction per batch
 * of {@link ceilingBatch} mentions (conversations first, then their messages), through `query(sql, params)`.
 */
async function measureCeiling({ query, count }) {
  const [{ brand_id: brandId, id: accountId }] = await query(
    `SELECT brand_id, id FROM channel_account ORDER BY created_at LIMIT 1`,
  );
  const contactIds = [];
  for (let author = 0; author < authorCount; author++) {
    const [{ id }] = await query(
      `INSERT INTO contact (display_name, language) VALUES ($1, 'fr') RETURNING id`,
      [`Ceiling ${author}`],
    );
    await query(
      `INSERT INTO contact_identity (contact_id, channel, external_user_id, handle, display_name, followers_count)
       VALUES ($1, 'x', $2, $3, $4, 120)`,
      [id, `c${5_000_000 + author}`, `ceiling_${author}`, `Ceiling ${author}`],
    );
    contactIds.push(id);
  }
  const rows = ceilingRows(count);
  const started = nowEpochMs();
  for (let offset = 0; offset < rows.length; offset += ceilingBatch) {
    const batch = rows.slice(offset, offset + ceilingBatch);
    const now = new Date();
    await query('BEGIN');
    // Parameters: brand and account first, then three per row (thread key, contact, time).
    const conversationParams = batch.flatMap((row) => [
      `x:thread:c${row.index}:${row.index % authorCount}`,
      contactIds[row.index % authorCount],
      now,
    ]);
    const conversationSql = `INSERT INTO conversation (brand_id, channel_account_id, channel, kind, thread_key, contact_id,
        status, waiting_since, last_activity_at, last_message_preview, message_count, needs_reply)
      VALUES ${batch
        .map((_, position) => {
          const base = 2 + position * 3;
          return `($1::uuid, $2::uuid, 'x', 'public_thread', $${base + 1}, $${base + 2}::uuid, 'open', $${base + 3}::timestamptz, $${base + 3}::timestamptz, 'preview', 1, true)`;
        })
        .join(', ')}
      RETURNING id`;
    const conversations = await query(conversationSql, [brandId, accountId, ...conversationParams]);
    const messageParams = [accountId, now];
    const messageValues = batch.map((row, position) => {
      const base = 2 + position * 5;
      messageParams.push(
        `c${row.index}`,
        conversations[position].id,
        contactIds[row.index % authorCount],
        `@VigieTelecom plus de réseau depuis ce matin, vous faites quoi ? #${row.index}`,
        row.raw,
      );
      return `('x', $${base + 1}, $1::uuid, $${base + 2}::uuid, 'inbound', 'customer', 'mention', $${base + 3}::uuid, $${base + 4}, 'fr', 'received', $2::timestamptz, $2::timestamptz, $${base + 5}::jsonb, 'complaint', 'negative', true, '["reply: complaint"]'::jsonb)`;
    });
    await query(
      `INSERT INTO message (channel, external_id, channel_account_id, conversation_id, direction, author_kind, kind,
         author_contact_id, text, language, delivery_status, sent_at, received_at, raw, intent, sentiment, needs_reply,
         triage_reasons)
       VALUES ${messageValues.join(', ')}
       ON CONFLICT (channel, external_id) DO NOTHING`,
      messageParams,
    );
    await query('COMMIT');
    progress(`  ceiling: ${Math.min(offset + ceilingBatch, count)}/${count} rows`);
  }
  endProgress();
  return count / ((nowEpochMs() - started) / 1000);
}

async function benchDatabase(kind) {
  console.log(
    `\n${kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'}: starting the fake X and the API…`,
  );
  const database = await openDatabase(kind);
  const fakeX = await startProcess({
    script: 'dist/apps/fake-x/main.js',
    env: { FAKE_X_PORT: '0', FAKE_X_KEEPALIVE_MS: '1000', FAKE_X_SCENARIO: 'none' },
    readyWhen: (line) => line.match(/^fake-x listening on (\S+)/)?.[1],
  });
  let api;
  const results = { kind };
  const breakdown = batchBreakdown();
  try {
    api = await startProcess({
      script: 'dist/apps/api/main.js',
      env: {
        ...database.env,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: flags.breakdown ? 'debug' : 'info',
        VIGIE_DEMO: 'true',
        VIGIE_DEMO_PASSWORD: demoPassword,
        X_API_BASE_URL: fakeX.url,
        VIGIE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
        X_DM_POLL_INTERVAL_MS: '600000',
        X_STREAM_STALL_TIMEOUT_MS: '30000',
      },
      readyWhen: apiReady,
      logFile: flags['api-log'],
      onLine: breakdown.onLine,
      nodeArgs: flags['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${flags['cpu-prof']}`] : [],
    });
    for (let waited = 0; !(await json(`${fakeX.url}/control/stream`)).body.data.isConnected; waited++) {
      if (waited > 200) throw new Error('the API never connected to the stream');
      await sleep(100);
    }
    const agent = { ...(await connectAgent(api.url)), baseline: 0 };
    await runBurst({ label: 'warm-up', fakeXUrl: fakeX.url, agent, count: 500, ratePerSecond: 250 });
    breakdown.take();
    results.offered = await runBurst({
      label: `${offeredRate}/s for ${flags.seconds} s`,
      fakeXUrl: fakeX.url,
      agent,
      count: offeredCount,
      ratePerSecond: offeredRate,
    });
    results.offered.breakdown = breakdown.take();
    results.max = await runBurst({
      label: 'maximum rate',
      fakeXUrl: fakeX.url,
      agent,
      count: maxCount,
      ratePerSecond: 0,
    });
    results.max.breakdown = breakdown.take();
    agent.socket.disconnect();
    const expected = 500 + offeredCount + maxCount;
    await api.stop();
    api = undefined;
    if (kind === 'postgres') {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const query = async (sql, params) => (await client.query(sql, params)).rows;
      results.stored = Number((await query(`SELECT count(*) FROM message WHERE kind = 'mention'`))[0].count);
      results.expected = expected;
      results.ceiling = await measureCeiling({ query, count: maxCount });
      await client.end();
    } else {
      const { PGlite } = await import('@electric-sql/pglite');
      const lite = await PGlite.create({ dataDir: join(database.env.VIGIE_DATA_DIR, 'pgdata') });
      const query = async (sql, params) => (await lite.query(sql, params)).rows;
      results.stored = Number((await query(`SELECT count(*) FROM message WHERE kind = 'mention'`))[0].count);
      results.expected = expected;
      results.ceiling = await measureCeiling({ query, count: maxCount });
      await lite.close();
    }
  } finally {
    await api?.stop();
    await fakeX.stop();
    await database.drop();
  }
  return results;
}

if (!flags['no-build']) {
  console.log('Building the API and the fake X (cached when up to date)…');
  const build = spawnSync(
    join(root, 'node_modules/.bin/nx'),
    ['run-many', '-t', 'build', '-p', 'api', 'fake-x'],
    {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      stdio: 'ignore',
    },
  );
  if (build.status !== 0) throw new Error('the build failed: run `npx nx run-many -t build -p api fake-x`');
}
const loadBefore = loadavg();
console.log(
  `Offered rate ${offeredRate}/s for ${flags.seconds} s (${offeredCount} mentions), then ${maxCount} at the maximum rate; ` +
    `load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')}`,
);
const all = [];
for (const kind of databases) all.push(await benchDatabase(kind));
const loadAfter = loadavg();

const format = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
console.log(
  '\n| database | offered | mentions/s through the path | p50 ms | p99 ms | max ms | stored / expected | raw INSERT ceiling (mentions/s) |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const result of all) {
  const name = result.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  for (const run of [result.offered, result.max]) {
    console.log(
      `| ${name} | ${run.offered} (${run.count}) | ${format(run.perSecond)} | ${format(run.p50, 1)} | ${format(run.p99, 1)} | ${format(run.max, 0)} | ${run === result.max ? `${result.stored} / ${result.expected}` : ''} | ${run === result.max ? format(result.ceiling) : ''} |`,
    );
  }
}
if (flags.breakdown) {
  console.log("\nWhere the time goes (the recorder's per-batch timings, milliseconds per mention):\n");
  console.log(
    '| database | offered | batches | mentions per batch | inbox (gate, threads, writes) | CRM contacts | participants (SLA, routing, …) | publish after commit |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const result of all) {
    const name = result.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
    for (const run of [result.offered, result.max]) {
      const { batches, items, inboxMs, contactsMs, participantsMs, publishMs } = run.breakdown;
      const per = (value) => format(value / items, 2);
      console.log(
        `| ${name} | ${run.offered} | ${batches} | ${format(items / batches, 0)} | ${per(inboxMs)} | ${per(contactsMs)} | ${per(participantsMs)} | ${per(publishMs)} |`,
      );
    }
  }
}
console.log(
  `\nload average before ${loadBefore.map((value) => value.toFixed(2)).join(' ')}, after ${loadAfter
    .map((value) => value.toFixed(2))
    .join(' ')} (1, 5, 15 min; 2 cores)`,
);
