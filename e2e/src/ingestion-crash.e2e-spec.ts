import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ConversationPage } from '@vigie/contracts';
import { HttpTestClient } from '@vigie/testing';
import { freshPostgresDatabase } from './support/shared-services';
import { switchOutOfHoursAnswerOff } from './support/sla-policy';
import {
  demoPassword,
  type RunningProcess,
  startApi,
  startProcess,
  tempDir,
  workspaceRoot,
} from './support/processes';

/** Small in CI; raise it locally with VIGIE_CRASH_TEST_POSTS. */
const postCount = Number(process.env['VIGIE_CRASH_TEST_POSTS'] ?? 300);
const postsPerSecond = 15;
const kills = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The database: a fresh one on TEST_DATABASE_URL's server when set, else the embedded one in a data dir. */
async function crashDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const adminUrl = process.env['TEST_DATABASE_URL'];
  if (!adminUrl) {
    const dataDir = tempDir('crash');
    return {
      env: { VIGIE_DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const database = await freshPostgresDatabase(adminUrl, 'vigie_crash');
  return {
    env: { DATABASE_URL: database.url, VIGIE_DATA_DIR: tempDir('crash-key') },
    drop: () => database.stop(),
  };
}

describe('ingestion survives SIGKILL (built API process, built fake X)', () => {
  it(`stores exactly ${postCount} streamed mentions, none twice, though the API is killed ${kills} times`, async () => {
    const database = await crashDatabase();
    const fakeX = await startProcess({
      script: join(workspaceRoot, 'dist/apps/fake-x/main.js'),
      env: { FAKE_X_PORT: '0', FAKE_X_KEEPALIVE_MS: '250', FAKE_X_SCENARIO: 'none' },
      readyWhen: (line) => line.match(/^fake-x listening on (\S+)/)?.[1],
      timeoutMs: 20_000,
    });
    const apiEnv = {
      ...database.env,
      X_API_BASE_URL: fakeX.url,
      VIGIE_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'),
      X_STREAM_STALL_TIMEOUT_MS: '1500',
      X_RETRY_BASE_MS: '100',
      X_RETRY_MAX_MS: '2000',
      X_DM_POLL_INTERVAL_MS: '600000',
      INGESTION_LEASE_RETRY_MS: '200',
    };
    let api: RunningProcess = await startApi(apiEnv);
    await switchOutOfHoursAnswerOff(api.url);
    const control = async (path: string, body: unknown) => {
      const response = await fetch(`${fakeX.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { data: { id: string } };
    };
    try {
      for (let index = 0; index < 10; index++)
        await control('/control/users', { username: `crasher_${index}` });

      // fake X streams the mentions at a steady rate while the API is killed and restarted.
      const ids: string[] = [];
      const producer = (async () => {
        for (let index = 0; index < postCount; index++) {
          const post = await control('/control/posts', {
            author: `crasher_${index % 10}`,
            text: `@VigieTelecom panne n°${index}`,
          });
          ids.push(post.data.id);
          await sleep(1000 / postsPerSecond);
        }
      })();
      const killMoments: number[] = [];
      for (let kill = 0; kill < kills; kill++) {
        const waitMs = 1_000 + Math.floor(Math.random() * 3_000);
        await sleep(waitMs);
        killMoments.push(waitMs);
        api.child.kill('SIGKILL');
        await new Promise((resolve) => api.child.once('exit', resolve));
        api = await startApi(apiEnv);
      }
      await producer;

      const admin = new HttpTestClient(api.url);
      expect((await admin.login('admin@vigie.demo', demoPassword)).status).toBe(200);
      const storedCount = async () => {
        let total = 0;
        let conversations = 0;
        let cursor: string | null = null;
        do {
          const query: string = cursor ? `&cursor=${cursor}` : '';
          const page = (await admin.request('GET', `/api/conversations?limit=100${query}`))
            .body as ConversationPage;
          total += page.items.reduce((sum, item) => sum + item.messageCount, 0);
          conversations += page.items.length;
          cursor = page.nextCursor;
        } while (cursor);
        return { total, conversations };
      };
      const deadline = Date.now() + 20_000;
      let stored = await storedCount();
      while (stored.total < postCount && Date.now() < deadline) {
        await sleep(250);
        stored = await storedCount();
      }
      // Each mention is its own thread: N conversations of one message each, so no post is missing or doubled.
      expect({ ...stored, kills: killMoments.length }).toEqual({
        total: postCount,
        conversations: postCount,
        kills,
      });
      expect(new Set(ids).size).toBe(postCount);
    } finally {
      await api.stop();
      await fakeX.stop();
      await database.drop();
    }
  }, 120_000);
});
