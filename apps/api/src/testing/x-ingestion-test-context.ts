import { DataSource } from 'typeorm';
import type { SlaPolicyBody } from '@vigie/contracts';
import { defaultSlaPolicySpec } from '@vigie/sla-core';
import { loadConfig } from '@vigie/server';
import { createVigieApp, type VigieApp } from '../create-vigie-app';
import { fakeXControl, type FakeX, type FakeXOptions, startFakeX } from '@vigie/fake-x-testing';
import type { MessageReceived } from '@vigie/contracts';
import {
  ApiClient,
  type ApiTestContext,
  connectSocket,
  demoPassword,
  startApiForTest,
  type TestSocket,
  waitForConnect,
} from './api-test-context';

export const testSecretKey = Buffer.alloc(32, 9).toString('base64');

export type IngestionTestContext = {
  fakeX: FakeX;
  api: ApiTestContext;
  dataSource: DataSource;
  admin: ApiClient;
  /** The demo brand and its X account (@VigieTelecom), connected to the fake in stream mode at start. */
  demo: { brandId: string; accountId: string };
  control<T = { data: Record<string, unknown> }>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  count(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
};

/**
 * A real Vigie on a private database, ingesting from an in-process fake X through the real twitter-api-v2
 * client, with fast timings: keep-alives every 100 ms, a stall noticed after 600 ms, polls every 100 ms.
 */
export async function startIngestionTest(
  options: {
    fakeX?: FakeXOptions;
    env?: Record<string, string>;
    /**
     * The demo brand answers out of hours on its own (docs/sla.md), which adds a brand post to conversations
     * depending on the time of day the tests run. Off unless a test is about it.
     */
    isOutOfHoursAnswerOn?: boolean;
  } = {},
): Promise<IngestionTestContext> {
  const fakeX = await startFakeX({
    log: () => undefined,
    keepAliveMs: 100,
    ...options.fakeX,
    // DM lookups are 15 per 15 minutes on X: raise it so 100 ms polling does not spend the window.
    rateLimits: {
      'dm-lookup': { user: 1_000_000 },
      mentions: { user: 1_000_000 },
      ...options.fakeX?.rateLimits,
    },
  });
  const api = await startApiForTest({
    X_API_BASE_URL: fakeX.url,
    VIGIE_SECRET_KEY: testSecretKey,
    X_STREAM_STALL_TIMEOUT_MS: '600',
    X_RETRY_BASE_MS: '50',
    X_RETRY_MAX_MS: '1000',
    X_POLL_INTERVAL_MS: '100',
    X_DM_POLL_INTERVAL_MS: '100',
    INGESTION_LEASE_RETRY_MS: '100',
    ...options.env,
  });
  const dataSource = api.vigie.app.get(DataSource);
  const admin = new ApiClient(api.url);
  await admin.login('admin@vigie.demo');
  const accounts = (await admin.request('GET', '/api/channel-accounts')).body as {
    id: string;
    brandId: string;
  }[];
  const demoAccount = accounts[0];
  if (!demoAccount) throw new Error('the demo X account was not connected');
  if (!options.isOutOfHoursAnswerOn) {
    const quiet: SlaPolicyBody = {
      ...defaultSlaPolicySpec,
      position: 1000,
      outOfHours: { ...defaultSlaPolicySpec.outOfHours, isEnabled: false },
    };
    const { status } = await admin.request(
      'PUT',
      `/api/brands/${demoAccount.brandId}/sla-policies/tests-without-out-of-hours-answer`,
      quiet,
    );
    if (status !== 200) throw new Error(`could not switch the out-of-hours answer off: ${status}`);
  }
  return {
    fakeX,
    api,
    dataSource,
    admin,
    demo: { brandId: demoAccount.brandId, accountId: demoAccount.id },
    control: fakeXControl(fakeX.url),
    count: async (sql, params = []) =>
      Number(((await dataSource.query(sql, params)) as { count: string }[])[0]?.count ?? 0),
    async close() {
      await api.close();
      await fakeX.close();
    },
  };
}

export async function waitUntil(
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function createCustomer(
  context: IngestionTestContext,
  username: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const { body } = await context.control<{ data: { id: string } }>('POST', '/control/users', {
    username,
    name: username,
    ...extra,
  });
  return body.data.id;
}

export async function injectPost(
  context: IngestionTestContext,
  input: Record<string, unknown>,
): Promise<{ id: string; conversation_id: string }> {
  const { status, body } = await context.control<{ data: { id: string; conversation_id: string } }>(
    'POST',
    '/control/posts',
    input,
  );
  if (status !== 201) throw new Error(`inject failed: ${status} ${JSON.stringify(body)}`);
  return body.data;
}

/** Waits until routing holds (queues or assigns) the conversation of this post; resolves with its id. */
export async function waitForRoutedConversation(
  context: IngestionTestContext,
  postId: string,
): Promise<string> {
  let conversationId: string | undefined;
  await waitUntil(async () => {
    const rows = (await context.dataSource.query(
      `SELECT rc.conversation_id FROM message m JOIN routing_conversation rc ON rc.conversation_id = m.conversation_id
       WHERE m.external_id = $1`,
      [postId],
    )) as { conversation_id: string }[];
    conversationId = rows[0]?.conversation_id;
    return conversationId !== undefined;
  });
  return conversationId as string;
}

export const messageCount = (context: IngestionTestContext, externalId: string) =>
  context.count(`SELECT count(*) FROM message WHERE channel = 'x' AND external_id = $1`, [externalId]);

/** Waits until the API holds the fake X's filtered stream. */
export async function waitForStream(context: IngestionTestContext): Promise<void> {
  await waitUntil(
    async () =>
      (await context.control<{ data: { isConnected: boolean } }>('GET', '/control/stream')).body.data
        .isConnected,
  );
}

/** A logged-in agent with a connected socket that keeps every `message.received` it hears. */
export async function connectAgent(
  context: IngestionTestContext,
  email = 'lea@vigie.demo',
): Promise<{ agent: ApiClient; socket: TestSocket; received: MessageReceived[] }> {
  const agent = new ApiClient(context.api.url);
  await agent.login(email);
  const socket = connectSocket(context.api.url, agent.cookie);
  const received: MessageReceived[] = [];
  socket.on('message.received', (event) => received.push(event));
  await waitForConnect(socket);
  return { agent, socket, received };
}

/**
 * A second Vigie process on the same database, X fake and clock (for multi-process tests); close it yourself.
 * `env` adds to the test settings (e.g. long sessions when the clock travels).
 */
export function startSecondNode(
  context: IngestionTestContext,
  params: { nodeName: string; env?: Record<string, string> },
): Promise<VigieApp> {
  return createVigieApp({
    config: loadConfig(
      {
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        SHUTDOWN_DRAIN_DELAY_MS: '0',
        VIGIE_DEMO: 'true',
        VIGIE_DEMO_PASSWORD: demoPassword,
        VIGIE_SECRET_KEY: testSecretKey,
        X_API_BASE_URL: context.fakeX.url,
        ...params.env,
      },
      { nodeName: params.nodeName },
    ),
    connection: context.api.database.connection,
    clock: context.api.clock,
  });
}
