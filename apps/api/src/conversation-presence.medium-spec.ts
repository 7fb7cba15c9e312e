import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type {
  AgentPresenceSnapshot,
  ConversationViewersChanged,
  ConversationViewingAck,
} from '@vigie/contracts';
import { loadConfig } from '@vigie/server';
import { createTestDatabase, FakeClock, type TestDatabase } from '@vigie/testing';
import { createVigieApp, type VigieApp } from './create-vigie-app';
import {
  type ApiTestContext,
  ApiClient,
  connectSocket,
  demoPassword,
  startApiForTest,
  type TestSocket,
  waitForConnect,
} from './testing/api-test-context';

/**
 * Collision and presence over real socket.io clients: the presence snapshot of a new console, who is
 * viewing and typing in a conversation, on one node and across two nodes joined by a private Redis.
 */
describe('conversation viewers and presence snapshot (real sockets)', () => {
  let context: ApiTestContext;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    context = await startApiForTest();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => context.close());

  const connectAs = (email: string) => signedInSocket({ url: context.url, email, sockets });

  it('gives a newly connected supervisor the agents already online, and an agent only their teammates', async () => {
    await connectAs('camille@vigie.demo');
    await connectAs('sam@vigie.demo');
    const client = new ApiClient(context.url);
    await client.login('hugo@vigie.demo');
    const supervisor = connectSocket(context.url, client.cookie);
    sockets.push(supervisor);
    const snapshot = await new Promise<AgentPresenceSnapshot>((resolve) =>
      supervisor.once('agent.presence.snapshot', resolve),
    );
    expect(snapshot.agents.map((agent) => agent.displayName).sort()).toEqual([
      'Camille Martin',
      'Sam Taylor',
    ]);
    expect(snapshot.agents.every((agent) => agent.status === 'online')).toBe(true);

    // Camille (Care FR) does not share a team with Sam (Care EN): she sees Hugo, not Sam.
    const camilleClient = new ApiClient(context.url);
    await camilleClient.login('camille@vigie.demo');
    const camilleAgain = connectSocket(context.url, camilleClient.cookie);
    sockets.push(camilleAgain);
    const camilleSnapshot = await new Promise<AgentPresenceSnapshot>((resolve) =>
      camilleAgain.once('agent.presence.snapshot', resolve),
    );
    expect(camilleSnapshot.agents.map((agent) => agent.displayName)).toEqual(['Hugo Petit']);
  });

  it('tells each viewer who else views the conversation and who types, and forgets a viewer who leaves', async () => {
    const conversationId = randomUUID();
    const camille = await connectAs('camille@vigie.demo');
    const lea = await connectAs('lea@vigie.demo');
    const seenByCamille: ConversationViewersChanged[] = [];
    camille.on('conversation.viewers.changed', (event) => seenByCamille.push(event));

    expect(await command(camille, 'conversation.viewing', { conversationId })).toEqual({
      ok: true,
      viewers: [{ userId: expect.any(String), displayName: 'Camille Martin', isTyping: false }],
    });
    const leaJoined = await command(lea, 'conversation.viewing', { conversationId });
    expect(leaJoined.ok && leaJoined.viewers.map((viewer) => viewer.displayName)).toEqual([
      'Camille Martin',
      'Léa Bernard',
    ]);

    await command(lea, 'conversation.typing', { conversationId, isTyping: true });
    await waitUntil(() =>
      seenByCamille.some((event) =>
        event.viewers.some((viewer) => viewer.displayName === 'Léa Bernard' && viewer.isTyping),
      ),
    );

    await command(lea, 'conversation.viewing', { conversationId: null });
    await waitUntil(() => lastViewers(seenByCamille) === 'Camille Martin');
    expect(seenByCamille.every((event) => event.conversationId === conversationId)).toBe(true);
  });

  it('drops a viewer whose socket disconnects, and counts one user with two tabs once', async () => {
    const conversationId = randomUUID();
    const camille = await connectAs('camille@vigie.demo');
    const leaTab1 = await connectAs('lea@vigie.demo');
    const leaTab2 = await connectAs('lea@vigie.demo');
    const seen: ConversationViewersChanged[] = [];
    camille.on('conversation.viewers.changed', (event) => seen.push(event));
    await command(camille, 'conversation.viewing', { conversationId });
    await command(leaTab1, 'conversation.viewing', { conversationId });
    const both = await command(leaTab2, 'conversation.viewing', { conversationId });
    expect(both.ok && both.viewers).toHaveLength(2);

    leaTab1.disconnect();
    leaTab2.disconnect();
    await waitUntil(() => lastViewers(seen) === 'Camille Martin');
  });

  it('refuses typing in a conversation the socket is not viewing, a malformed id, and roles outside the inbox', async () => {
    const camille = await connectAs('camille@vigie.demo');
    expect(
      await command(camille, 'conversation.typing', { conversationId: randomUUID(), isTyping: true }),
    ).toEqual({
      ok: false,
      code: 'forbidden',
    });
    expect(await command(camille, 'conversation.viewing', { conversationId: 'conversation:../x' })).toEqual({
      ok: false,
      code: 'invalid',
    });
    const ops = await connectAs('ines@vigie.demo');
    expect(await command(ops, 'conversation.viewing', { conversationId: randomUUID() })).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });
});

describe('conversation viewers across two API processes sharing a private Redis', () => {
  let database: TestDatabase;
  let redis: ChildProcess;
  let nodeA: VigieApp;
  let nodeB: VigieApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    // A private redis-server: the adapter's channel is shared by every Vigie on a Redis, and other test
    // runs may use the machine's.
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], {
      stdio: 'ignore',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    database = await createTestDatabase();
    const clock = new FakeClock(new Date());
    // No ingestion workers: on embedded PGlite two processes share one serialised session, keep it quiet.
    const start = (nodeName: string) =>
      createVigieApp({
        config: loadConfig(
          {
            HOST: '127.0.0.1',
            PORT: '0',
            LOG_LEVEL: 'silent',
            SHUTDOWN_DRAIN_DELAY_MS: '0',
            VIGIE_DEMO: 'true',
            VIGIE_DEMO_PASSWORD: demoPassword,
            INGESTION_ENABLED: 'false',
            REDIS_URL: `redis://127.0.0.1:${port}`,
          },
          { nodeName },
        ),
        connection: database.connection,
        clock,
      });
    nodeA = await start('node-a');
    nodeB = await start('node-b');
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    // Let both nodes handle those departures (they ask each other through Redis) before closing them.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await nodeA?.close();
    await nodeB?.close();
    await database?.destroy();
    redis?.kill('SIGTERM');
  });

  const connectAs = (email: string, url: string) => signedInSocket({ url, email, sockets });

  it('shows a viewer on node A to a viewer on node B, with typing, and drops them when they leave', async () => {
    const conversationId = randomUUID();
    const onA = await connectAs('camille@vigie.demo', nodeA.url);
    const onB = await connectAs('lea@vigie.demo', nodeB.url);
    const seenOnB: ConversationViewersChanged[] = [];
    onB.on('conversation.viewers.changed', (event) => seenOnB.push(event));
    await command(onB, 'conversation.viewing', { conversationId });
    await command(onA, 'conversation.viewing', { conversationId });
    await command(onA, 'conversation.typing', { conversationId, isTyping: true });
    await waitUntil(() =>
      seenOnB.some((event) =>
        event.viewers.some((viewer) => viewer.displayName === 'Camille Martin' && viewer.isTyping),
      ),
    );
    onA.disconnect();
    await waitUntil(() => lastViewers(seenOnB) === 'Léa Bernard');
  });

  it('includes agents connected to the other node in a new console snapshot', async () => {
    await connectAs('sam@vigie.demo', nodeA.url);
    const client = new ApiClient(nodeB.url);
    await client.login('hugo@vigie.demo');
    const supervisor = connectSocket(nodeB.url, client.cookie);
    sockets.push(supervisor);
    const snapshot = await new Promise<AgentPresenceSnapshot>((resolve) =>
      supervisor.once('agent.presence.snapshot', resolve),
    );
    expect(snapshot.agents.map((agent) => agent.displayName)).toContain('Sam Taylor');
  });
});

async function signedInSocket(params: {
  url: string;
  email: string;
  sockets: TestSocket[];
}): Promise<TestSocket> {
  const client = new ApiClient(params.url);
  expect((await client.login(params.email)).status).toBe(200);
  const socket = connectSocket(params.url, client.cookie);
  params.sockets.push(socket);
  await waitForConnect(socket);
  return socket;
}

function command(
  socket: TestSocket,
  event: 'conversation.viewing' | 'conversation.typing',
  payload: { conversationId: string | null; isTyping?: boolean },
): Promise<ConversationViewingAck> {
  return new Promise((resolve) => {
    if (event === 'conversation.viewing')
      socket.emit(event, { conversationId: payload.conversationId }, resolve);
    else
      socket.emit(
        event,
        { conversationId: payload.conversationId ?? '', isTyping: payload.isTyping ?? false },
        resolve,
      );
  });
}

/** The names in the latest viewers list, joined, for compact assertions. */
function lastViewers(events: readonly ConversationViewersChanged[]): string {
  return (events[events.length - 1]?.viewers ?? []).map((viewer) => viewer.displayName).join(', ');
}

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
