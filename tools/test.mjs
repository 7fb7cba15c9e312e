#!/usr/bin/env node
// `npm test`: every tier, in order — unit (no I/O), medium (real database: TEST_DATABASE_URL or
// embedded PGlite), then e2e (built processes, real HTTP and sockets, chromium). Prints one
// summary line from Jest's JSON results. Extra arguments go to every Nx command (e.g. --skip-nx-cache).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const resultsDir = join(root, 'tmp/test-results');
const extra = process.argv.slice(2);
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const steps = [
  ['unit and medium tiers', ['run-many', '-t', 'test', 'medium', '--outputStyle=stream', ...extra]],
  ['end-to-end tier', ['run', 'e2e:e2e', '--outputStyle=stream', ...extra]],
];
let failedStep;
for (const [name, args] of steps) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const result = spawnSync(join(root, 'node_modules/.bin/nx'), args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0, suites: 0 };
if (existsSync(resultsDir)) {
  for (const file of readdirSync(resultsDir).filter((name) => name.endsWith('.json'))) {
    const result = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
    totals.skipped += result.numPendingTests + result.numTodoTests;
    totals.suites += result.numTotalTestSuites;
  }
}
process.stdout.write(`\n${totals.suites} test files${failedStep ? `; stopped at the ${failedStep}` : ''}\n`);
process.stdout.write(`Total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failedStep || totals.failed > 0 || totals.passed === 0 ? 1 : 0);
