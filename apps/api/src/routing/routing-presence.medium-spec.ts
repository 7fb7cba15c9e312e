import type { RoutingAgentView } from '@vigie/contracts';
import { ApiClient, connectSocket, type TestSocket, waitForConnect } from '../testing/api-test-context';
import {
  type IngestionTestContext,
  startIngestionTest,
  waitUntil,
} from '../testing/x-ingestion-test-context';

/** An agent's own choice of status survives a console reload (the socket leaving and coming back). */
describe('routing status across console reconnections (real database, real socket.io clients)', () => {
  let context: IngestionTestContext;
  let lea: ApiClient;
  let supervisor: ApiClient;
  let leaId = '';
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    context = await startIngestionTest();
    lea = new ApiClient(context.api.url);
    leaId = ((await lea.login('lea@vigie.demo')).body as { user: { id: string } }).user.id;
    supervisor = new ApiClient(context.api.url);
    await supervisor.login('hugo@vigie.demo');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await context.close();
  });

  async function statusOfLea(): Promise<RoutingAgentView['status'] | undefined> {
    const agents = (await supervisor.request('GET', '/api/routing/agents')).body as RoutingAgentView[];
    return agents.find((agent) => agent.userId === leaId)?.status;
  }

  async function openConsole(): Promise<TestSocket> {
    const socket = connectSocket(context.api.url, lea.cookie);
    sockets.push(socket);
    await waitForConnect(socket);
    return socket;
  }

  /** A reload: the console's socket goes away (the agent turns offline), then a new one connects. */
  async function reload(socket: TestSocket): Promise<TestSocket> {
    socket.disconnect();
    await waitUntil(async () => (await statusOfLea()) === 'offline');
    const next = await openConsole();
    // Give the presence change time to reach routing before reading the status.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return next;
  }

  it('brings a returning agent back online by default, and keeps "away" or "offline" when they chose it', async () => {
    let socket = await openConsole();
    await waitUntil(async () => (await statusOfLea()) === 'online');

    socket = await reload(socket);
    expect(await statusOfLea()).toBe('online');

    expect((await lea.request('PUT', '/api/routing/me/status', { status: 'away' })).status).toBe(200);
    socket = await reload(socket);
    expect(await statusOfLea()).toBe('away');

    expect((await lea.request('PUT', '/api/routing/me/status', { status: 'offline' })).status).toBe(200);
    socket.disconnect();
    socket = await openConsole();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await statusOfLea()).toBe('offline');

    expect((await lea.request('PUT', '/api/routing/me/status', { status: 'online' })).status).toBe(200);
    socket = await reload(socket);
    expect(await statusOfLea()).toBe('online');
  });
});
