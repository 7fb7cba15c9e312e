import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import {
  demoPassword,
  type RunningProcess,
  startApi,
  startProcess,
  tempDir,
  workspaceRoot,
} from './processes';

/** The console's browser tests' stack: the built fake X, the built API talking to it, and chromium. */
export type ConsoleStack = {
  fakeX: RunningProcess;
  api: RunningProcess;
  browser: Browser;
  /** Drives fake X (`/control/...`): GET without a body, POST with one; answers the JSON. */
  control: <T>(path: string, body?: unknown) => Promise<T>;
  stop: () => Promise<void>;
};

/**
 * `clockStart` (ISO): the API's clock starts at that instant (`VIGIE_CLOCK_START`, then runs on in real time) and
 * fake X's clock is set to the same instant, so a test's scenario never depends on today's date or hour.
 * `apiEnv`: more of the API's variables (e.g. `VIGIE_DEMO_SPIKE_HISTORY_HOURS`).
 */
export async function startConsoleStack(
  name: string,
  options: { clockStart?: string; apiEnv?: Record<string, string> } = {},
): Promise<ConsoleStack> {
  const dataDir = tempDir(name);
  const fakeX = await startProcess({
    script: join(workspaceRoot, 'dist/apps/fake-x/main.js'),
    env: { FAKE_X_PORT: '0', FAKE_X_KEEPALIVE_MS: '250', FAKE_X_SCENARIO: 'none' },
    readyWhen: (line) => line.match(/^fake-x listening on (\S+)/)?.[1],
    timeoutMs: 20_000,
  });
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${fakeX.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as T;
  };
  // Set just before the API starts, whose clock starts with the process: they agree within its boot.
  if (options.clockStart)
    await control('/control/clock', { offsetMs: Date.parse(options.clockStart) - Date.now() });
  const [api, browser] = await Promise.all([
    startApi({
      VIGIE_DATA_DIR: dataDir,
      X_API_BASE_URL: fakeX.url,
      VIGIE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      X_DM_POLL_INTERVAL_MS: '600000',
      ...(options.clockStart ? { VIGIE_CLOCK_START: options.clockStart } : {}),
      ...options.apiEnv,
    }),
    launchChromium(),
  ]);
  const stop = async () => {
    await browser.close();
    await api.stop();
    await fakeX.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { fakeX, api, browser, control, stop };
}

/**
 * A new browser context on the stack's console, signed in as `email` (demo password), once its socket is connected.
 * `clockAtMs`: the browser's clock starts at that instant (the API's, when it was shifted) and runs on.
 */
export async function signInConsole(
  stack: ConsoleStack,
  params: {
    email: string;
    locale?: string;
    viewport?: { width: number; height: number };
    clockAtMs?: number;
  },
): Promise<Page> {
  const context = await stack.browser.newContext({
    locale: params.locale ?? 'fr-FR',
    viewport: params.viewport ?? { width: 1440, height: 900 },
  });
  if (params.clockAtMs !== undefined) await context.clock.install({ time: params.clockAtMs });
  const page = await context.newPage();
  await page.goto(`${stack.api.url}/`);
  await page.getByTestId('login-email').fill(params.email);
  await page.getByTestId('login-password').fill(demoPassword);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
  return page;
}
