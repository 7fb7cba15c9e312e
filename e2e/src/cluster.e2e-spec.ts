import type { Browser } from 'playwright-core';
import { io } from 'socket.io-client';
import { socketPath } from '@vigie/contracts';
import { launchChromium, saveScreenshot } from './support/browser';
import { HttpTestClient } from '@vigie/testing';
import { demoPassword, type RunningProcess, startApi } from './support/processes';
import { isRedisAvailable, sharedPostgres, sharedRedis, type SharedService } from './support/shared-services';

/**
 * Two Vigie processes share one PostgreSQL and one Redis: an event raised on process A reaches a
 * console (a real chromium page) connected to process B, through the socket.io Redis adapter.
 */
// CI always has Redis (REDIS_URL). A laptop without Redis skips this file, and says so.
const describeWithRedis = isRedisAvailable() ? describe : describe.skip;
if (!isRedisAvailable()) {
  console.warn('Skipping the two-process Redis test: set REDIS_URL or install redis-server.');
}

describeWithRedis('two API processes behind Redis', () => {
  let postgres: SharedService;
  let redis: SharedService | undefined;
  let nodeA: RunningProcess;
  let nodeB: RunningProcess;
  let browser: Browser;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([sharedPostgres(), sharedRedis()]);
    if (!redis)
      throw new Error(
        'This test needs Redis: set REDIS_URL, or install redis-server (apt-get install redis-server).',
      );
    const env = { DATABASE_URL: postgres.url, REDIS_URL: redis.url };
    // Both start at once: the migration advisory lock makes them migrate the database once.
    const [a, b, chromium] = await Promise.allSettled([
      startApi({ ...env, VIGIE_NODE_NAME: 'node-a' }),
      startApi({ ...env, VIGIE_NODE_NAME: 'node-b' }),
      launchChromium(),
    ]);
    // Keep whatever started, so afterAll stops it even when another part failed.
    if (a.status === 'fulfilled') nodeA = a.value;
    if (b.status === 'fulfilled') nodeB = b.value;
    if (chromium.status === 'fulfilled') browser = chromium.value;
    for (const result of [a, b, chromium]) if (result.status === 'rejected') throw result.reason;
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([nodeA?.stop(), nodeB?.stop()]);
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  it('shares sessions: a login on one node is valid on the other', async () => {
    const client = new HttpTestClient(nodeA.url);
    expect((await client.login('camille@vigie.demo', demoPassword)).status).toBe(200);
    const onB = new HttpTestClient(nodeB.url);
    onB.cookie = client.cookie;
    expect((await onB.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('delivers a presence event raised on node A to a supervisor console connected to node B', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${nodeB.url}/login`);
    await page.getByTestId('login-email').fill('hugo@vigie.demo');
    await page.getByTestId('login-password').fill(demoPassword);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();

    // Sam connects to node A only.
    const sam = new HttpTestClient(nodeA.url);
    await sam.login('sam@vigie.demo', demoPassword);
    const socket = io(nodeA.url, {
      path: socketPath,
      transports: ['websocket'],
      extraHeaders: { cookie: sam.cookie as string },
    });
    try {
      const whoami = await new Promise<{ node: string }>((resolve, reject) => {
        socket.once('connect_error', reject);
        socket.once('connect', () => socket.emit('session.whoami', resolve));
      });
      expect(whoami.node).toBe('node-a');
      await page.getByTestId('online-colleagues').getByText('Sam Taylor').waitFor({ timeout: 10_000 });
      await saveScreenshot(page, 'cluster-supervisor-sees-presence');
    } finally {
      socket.disconnect();
      await page.context().close();
    }
  });
});
