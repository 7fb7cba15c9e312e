#!/usr/bin/env node
// `npm run bench:console`: the agent console with a big inbox, measured in chromium on the built stack.
//  1. seeds N open conversations (default 100,000; BENCH_CONVERSATIONS) with one customer message each,
//     straight into PostgreSQL (a dedicated database on TEST_DATABASE_URL's server, default
//     postgres://postgres@127.0.0.1:5432/postgres, dropped at the end);
//  2. starts the built fake X and API on it, signs an agent in, then RUNS times (default 5):
//     navigation to /inbox → first conversation rows painted; click on a row → its thread painted;
//     scrolling 2,000 rows down (pages fetched with the cursor as the list needs them) → rows painted;
//     a filter applied (intent "question", 1 conversation in 10) → the filtered rows painted; a full-text search
//     applied ("facture", 1 in 10; then a handle, `client_42`, whose prefix matches 11 customers in 1,000) → the
//     matching rows painted;
//  3. reports the JS bundle size (raw and gzip) of dist/apps/console.
// Needs a build first (`npx nx run-many -t build -p api,console,fake-x`), /usr/bin/chromium and PostgreSQL.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { createBenchDatabase } from './support/postgres.mjs';

const root = join(import.meta.dirname, '../..');
const conversationCount = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const runs = Number(process.env.RUNS ?? 5);
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const password = 'bench-password';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const format = (ms) => `${Math.round(ms)} ms`;

function startProcess({ script, env, readyWhen }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let isReady = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} not ready after 120 s:\n${output.slice(-2000)}`));
    }, 120_000);
    const onData = (chunk) => {
      // Keep reading after ready (a full pipe would block the process), but stop keeping the text.
      if (isReady) return;
      output += chunk;
      for (const line of output.split('\n')) {
        let url;
        try {
          url = readyWhen(line.trim());
        } catch {
          url = undefined;
        }
        if (url) {
          clearTimeout(timer);
          isReady = true;
          resolve({
            url,
            stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))),
          });
          return;
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}):\n${output.slice(-2000)}`)));
  });
}

function createDatabase() {
  return createBenchDatabase(adminUrl, 'vigie_bench_console');
}

/**
 * One set-based INSERT per table: 1,000 customers, N conversations spread over the last 30 days, one message each;
 * one in ten is a question about a wrong bill ("facture"), the others an outage (complaint).
 */
async function seed(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  const {
    rows: [{ brand_id: brandId, id: accountId }],
  } = await client.query(`SELECT brand_id, id FROM channel_account ORDER BY created_at LIMIT 1`);
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO contact (display_name, language)
     SELECT 'Client ' || n, 'fr' FROM generate_series(1, 1000) AS n`,
  );
  await client.query(
    `INSERT INTO contact_identity (contact_id, channel, external_user_id, handle, display_name, followers_count)
     SELECT id, 'x', 'bench' || row_number() OVER (), 'client_' || row_number() OVER (), display_name, 120
     FROM contact WHERE display_name LIKE 'Client %'`,
  );
  await client.query(
    `WITH customers AS (SELECT id, row_number() OVER (ORDER BY id) AS position FROM contact WHERE display_name LIKE 'Client %')
     INSERT INTO conversation (brand_id, channel_account_id, channel, kind, thread_key, contact_id, status,
       waiting_since, last_activity_at, last_message_preview, message_count, needs_reply)
     SELECT $1::uuid, $2::uuid, 'x', 'public_thread', 'x:bench:' || n, customers.id, 'open',
       now() - (n || ' seconds')::interval * 25, now() - (n || ' seconds')::interval * 25,
       CASE WHEN n % 10 = 3 THEN '@VigieTelecom pourquoi ma facture a doublé ce mois-ci ? #' || n
         ELSE '@VigieTelecom plus de réseau depuis ce matin #' || n END, 1, true
     FROM generate_series(1, $3::int) AS n JOIN customers ON customers.position = 1 + n % 1000`,
    [brandId, accountId, conversationCount],
  );
  await client.query(
    `INSERT INTO message (channel, external_id, channel_account_id, conversation_id, direction, author_kind, kind,
       author_contact_id, text, language, delivery_status, sent_at, received_at, raw, intent, sentiment, needs_reply)
     SELECT 'x', 'bench-' || conversation.id, $1::uuid, conversation.id, 'inbound', 'customer', 'mention',
       conversation.contact_id, conversation.last_message_preview, 'fr', 'received',
       conversation.last_activity_at, conversation.last_activity_at, '{}'::jsonb,
       CASE WHEN conversation.last_message_preview LIKE '%facture%' THEN 'question' ELSE 'complaint' END,
       'negative', true
     FROM conversation WHERE thread_key LIKE 'x:bench:%'`,
    [accountId],
  );
  await client.query('COMMIT');
  await client.query('ANALYZE');
  await client.end();
  return performance.now() - started;
}

/** KiB of JavaScript, raw and gzipped: the entry chunk (loaded first) and all chunks. */
function bundleSize() {
  const assets = join(root, 'dist/apps/console/assets');
  const sizes = { initial: { raw: 0, gzip: 0 }, total: { raw: 0, gzip: 0 } };
  for (const file of readdirSync(assets).filter((name) => name.endsWith('.js'))) {
    const content = readFileSync(join(assets, file));
    const parts = file.startsWith('index-') ? [sizes.initial, sizes.total] : [sizes.total];
    for (const part of parts) {
      part.raw += content.length / 1024;
      part.gzip += gzipSync(content).length / 1024;
    }
  }
  return sizes;
}

/** Milliseconds since navigation start, once the next frame after `selector` showed has been painted. */
async function paintedAt(page, selector) {
  await page.waitForSelector(selector);
  return page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))),
  );
}

async function measure(browser, apiUrl) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1360, height: 860 } });
  const login = await context.request.post(`${apiUrl}/api/auth/login`, {
    data: { email: 'camille@vigie.demo', password },
  });
  if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
  const page = await context.newPage();
  await page.goto(`${apiUrl}/inbox`);
  const firstRowsMs = await paintedAt(page, '[data-testid="conversation-row"]');
  // Where the time went: the first page's request as the browser saw it (server time plus transfer).
  const firstPageRequestMs = await page.evaluate(
    () =>
      performance
        .getEntriesByType('resource')
        .find((entry) => entry.name.includes('/api/inbox/conversations?'))?.duration ?? Number.NaN,
  );
  const filterMs = await timeListChange(page, { key: 'intent=question', select: ['intent', 'question'] });
  const searchMs = await timeListChange(page, { key: 'q=facture', search: 'facture' });
  const rareSearchMs = await timeListChange(page, { key: 'q=client_42', search: 'client_42' });
  await page.getByTestId('inbox-filters-clear').click();
  await page.waitForSelector(
    '[data-testid="conversation-list"][data-list="view=all"] [data-testid="conversation-row"]',
  );

  // Clicked and timed inside the page: Playwright's own click adds its actionability checks to the figure.
  const threadMs = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const started = performance.now();
        const done = () =>
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started)));
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="message-text"]')) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        document.querySelectorAll('[data-testid="conversation-row"]')[2].click();
      }),
  );
  const threadRequestMs = await page.evaluate(
    () =>
      performance
        .getEntriesByType('resource')
        .find((entry) => /\/api\/conversations\/[0-9a-f-]{36}$/.test(entry.name))?.duration ?? Number.NaN,
  );

  const scrollStarted = await page.evaluate(() => performance.now());
  const targetRow = 2_000;
  // Scroll in screenfuls, as a person holding Page Down would; the list fetches pages as it nears the end.
  await page.waitForFunction(
    (target) => {
      const list = document.querySelector('[data-testid="conversation-list"]');
      if (!list) return false;
      list.scrollTop += list.clientHeight * 3;
      // Rows are 84 px high: the list can only scroll this far once that many rows are loaded.
      return list.scrollTop / 84 >= target;
    },
    targetRow,
    { polling: 16, timeout: 60_000 },
  );
  const scrollMs = (await page.evaluate(() => performance.now())) - scrollStarted;
  const rowsInDom = await page.getByTestId('conversation-row').count();
  await context.close();
  return {
    firstRowsMs,
    firstPageRequestMs,
    threadMs,
    threadRequestMs,
    scrollMs,
    rowsInDom,
    filterMs,
    searchMs,
    rareSearchMs,
  };
}

/**
 * Milliseconds from a filter or search applied (a select changed, or a search submitted with Enter) to the next
 * frame after the list named `key` shows its rows, timed inside the page.
 */
async function timeListChange(page, { key, select, search }) {
  await page.waitForSelector('[data-testid="inbox-filter-intent"] option[value="question"]', {
    state: 'attached',
  });
  return page.evaluate(
    ({ key, select, search }) =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const timer = setTimeout(() => {
          observer.disconnect();
          const list = document.querySelector('[data-testid="conversation-list"]');
          reject(new Error(`list "${key}" not shown after 30 s; the list shows "${list?.dataset.list}"`));
        }, 30_000);
        const isShown = () =>
          document.querySelector(
            `[data-testid="conversation-list"][data-list*="${key}"] [data-testid="conversation-row"]`,
          );
        const observer = new MutationObserver(() => {
          if (!isShown()) return;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started)));
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        if (search) {
          const input = document.querySelector('[data-testid="inbox-search"]');
          // React follows the native value setter, not a plain assignment.
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, search);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.form.requestSubmit();
        } else {
          const [name, value] = select;
          const element = document.querySelector(`[data-testid="inbox-filter-${name}"]`);
          element.value = value;
          element.dispatchEvent(new Event('change', { bubbles: true }));
        }
      }),
    { key, select, search },
  );
}

const database = await createDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-console-'));
let fakeX;
let api;
let browser;
try {
  fakeX = await startProcess({
    script: 'dist/apps/fake-x/main.js',
    env: { FAKE_X_PORT: '0', FAKE_X_SCENARIO: 'none' },
    readyWhen: (line) => line.match(/^fake-x listening on (\S+)/)?.[1],
  });
  const apiEnv = {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    VIGIE_DATA_DIR: dataDir,
    VIGIE_DEMO: 'true',
    VIGIE_DEMO_PASSWORD: password,
    X_API_BASE_URL: fakeX.url,
    VIGIE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    PUBLIC_URL: 'http://127.0.0.1',
  };
  const readyWhen = (line) => {
    const entry = JSON.parse(line);
    return entry.msg === 'Vigie API ready' ? entry.url : undefined;
  };
  // First start migrates and creates the demo brand; seed, then restart so nothing is cached.
  api = await startProcess({
    script: 'dist/apps/api/main.js',
    env: { ...apiEnv, LOG_LEVEL: 'info' },
    readyWhen,
  });
  await api.stop();
  console.log(`Seeding ${conversationCount.toLocaleString('en')} open conversations…`);
  const seedMs = await seed(database.url);
  console.log(`  seeded in ${format(seedMs)}`);
  api = await startProcess({
    script: 'dist/apps/api/main.js',
    env: { ...apiEnv, LOG_LEVEL: 'info' },
    readyWhen,
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  await measure(browser, api.url); // warm-up: the API's first queries, chromium's first compile
  const results = [];
  for (let run = 0; run < runs; run++) results.push(await measure(browser, api.url));
  const bundle = bundleSize();
  console.log(
    `\nconsole with ${conversationCount.toLocaleString('en')} open conversations, median of ${runs} runs:`,
  );
  console.log(
    `  navigation → first rows painted:      ${format(median(results.map((r) => r.firstRowsMs)))} (target 1 s)`,
  );
  console.log(
    `    of which GET /api/inbox/conversations: ${format(median(results.map((r) => r.firstPageRequestMs)))}`,
  );
  console.log(`  click → thread painted:               ${format(median(results.map((r) => r.threadMs)))}`);
  console.log(
    `    of which GET /api/conversations/:id: ${format(median(results.map((r) => r.threadRequestMs)))}`,
  );
  console.log(`  scroll 2,000 rows down (paged):       ${format(median(results.map((r) => r.scrollMs)))}`);
  console.log(`  rows in the DOM (virtualized):        ${median(results.map((r) => r.rowsInDom))}`);
  const kib = ({ raw, gzip }) => `${Math.round(raw)} KiB (${Math.round(gzip)} KiB gzip)`;
  console.log(`  JS loaded first:                      ${kib(bundle.initial)}`);
  console.log(`  JS in all chunks:                     ${kib(bundle.total)}`);
  console.log(
    `  filter applied (intent, 1 in 10):     ${format(median(results.map((r) => r.filterMs)))} (target 200 ms)`,
  );
  console.log(
    `  search applied ("facture", 1 in 10):  ${format(median(results.map((r) => r.searchMs)))} (target 200 ms)`,
  );
  console.log(
    `  search applied (handle prefix, ~1%):  ${format(median(results.map((r) => r.rareSearchMs)))}`,
  );
} finally {
  await browser?.close();
  await api?.stop();
  await fakeX?.stop();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
