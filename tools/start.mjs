#!/usr/bin/env node
// `npm start`: builds what is needed, then runs the fake X (with its demo scenario) and the Vigie
// API (which serves the console on the same port, on an embedded database unless DATABASE_URL is
// set), prints the URL and the demo logins, and stops everything cleanly on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const startedAt = Date.now();
const logDir = join(root, '.vigie/logs');
mkdirSync(logDir, { recursive: true });
const demoPassword = process.env.VIGIE_DEMO_PASSWORD ?? 'vigie-demo-2026';
const children = [];
let isStopping = false;

function say(line) {
  process.stdout.write(`${line}\n`);
}

function build() {
  say('Building Vigie (API, console, fake X)… the first build takes about half a minute.');
  const result = spawnSync(
    join(root, 'node_modules/.bin/nx'),
    ['run-many', '-t', 'build', '-p', 'api', 'console', 'fake-x', '--outputStyle=static'],
    {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (result.status !== 0) {
    say('The build failed: run `npx nx run-many -t build` to see why.');
    process.exit(1);
  }
}

/** Spawns a built app, copies its output to .vigie/logs/<name>.log, resolves with what `isReady` extracts. */
function run({ name, script, env, isReady }) {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [join(root, script)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let tail = '';
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      log.write(chunk);
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        tail = `${tail}${line}\n`.slice(-4000);
        const ready = isReady(line);
        if (ready) resolve(ready);
      }
    });
    child.stderr.on('data', (chunk) => {
      log.write(chunk);
      tail = `${tail}${chunk}`.slice(-4000);
    });
    child.once('exit', (code) => {
      if (!isStopping) reject(new Error(`${name} stopped (exit code ${code}). Last output:\n${tail}`));
    });
  });
}

function parseJson(line) {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

async function stopAll(code) {
  if (isStopping) return;
  isStopping = true;
  say('\nStopping Vigie…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  say('Stopped.');
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function main() {
  build();
  say('Starting the fake X and the API…');
  const fakeXUrl = await run({
    name: 'fake-x',
    script: 'dist/apps/fake-x/main.js',
    env: {
      FAKE_X_PORT: process.env.FAKE_X_PORT ?? '0',
      FAKE_X_SCENARIO: process.env.FAKE_X_SCENARIO ?? 'demo',
    },
    isReady: (line) => line.match(/^fake-x listening on (\S+)/)?.[1],
  });
  let demoLogins = [];
  const apiUrl = await run({
    name: 'api',
    script: 'dist/apps/api/main.js',
    // Demo mode connects the fake X's demo brand (@VigieTelecom) in stream mode, so the demo ingests.
    env: {
      VIGIE_DEMO: 'true',
      VIGIE_DEMO_PASSWORD: demoPassword,
      X_API_BASE_URL: process.env.X_API_BASE_URL ?? fakeXUrl,
      // Two days of the demo feed's ordinary volume, so the spike detector (a day of warm-up) can alert at once.
      VIGIE_DEMO_SPIKE_HISTORY_HOURS: process.env.VIGIE_DEMO_SPIKE_HISTORY_HOURS ?? '48',
    },
    isReady: (line) => {
      const entry = parseJson(line);
      if (entry?.demoLogins) demoLogins = entry.demoLogins;
      return entry?.msg === 'Vigie API ready' ? entry.url : undefined;
    },
  });
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  say('');
  say(`Vigie is up: ${apiUrl}   (ready in ${seconds} s)`);
  say('');
  say(`Demo logins (password: ${demoPassword}):`);
  for (const login of demoLogins) say(`  ${login.role.padEnd(11)} ${login.email}`);
  say('');
  say(
    `Fake X API: ${fakeXUrl}   Logs: .vigie/logs/   Data: ${process.env.DATABASE_URL ? 'DATABASE_URL' : '.vigie/data (embedded PostgreSQL)'}`,
  );
  say(
    `Outage demo: curl -X POST ${fakeXUrl}/control/scenario -d '{"mode":"outage"}'   then watch ${apiUrl}/ops (ops: ines@vigie.demo)`,
  );
  say('Press Ctrl-C to stop.');
}

main().catch((error) => {
  say(`\nVigie could not start: ${error.message}`);
  void stopAll(1);
});
