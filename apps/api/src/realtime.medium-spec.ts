import type { AgentPresenceChanged, SessionEnded, WhoAmIAck } from '@vigie/contracts';
import {
  type ApiTestContext,
  ApiClient,
  connectSocket,
  startApiForTest,
  type TestSocket,
  waitForConnect,
} from './testing/api-test-context';

describe('the socket.io gateway (real database, real socket.io clients)', () => {
  let context: ApiTestContext;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    context = await startApiForTest();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => context.close());

  async function signedInSocket(
    email: string,
  ): Promise<{ socket: TestSocket; client: ApiClient; userId: string }> {
    const client = new ApiClient(context.url);
    const login = await client.login(email);
    const socket = connectSocket(context.url, client.cookie);
    sockets.push(socket);
    await waitForConnect(socket);
    return { socket, client, userId: (login.body as { user: { id: string } }).user.id };
  }

  it('refuses a socket without a session', async () => {
    const socket = connectSocket(context.url, undefined);
    sockets.push(socket);
    await expect(waitForConnect(socket)).rejects.toThrow('unauthenticated');
  });

  it('refuses a socket with a forged session cookie', async () => {
    const socket = connectSocket(context.url, 'vigie_session=forged-token-value');
    sockets.push(socket);
    await expect(waitForConnect(socket)).rejects.toThrow('unauthenticated');
  });

  it('refuses a browser handshake from another origin', async () => {
    const client = new ApiClient(context.url);
    await client.login('camille@vigie.demo');
    const socket = connectSocket(context.url, client.cookie, { origin: 'https://evil.example' });
    sockets.push(socket);
    await expect(waitForConnect(socket)).rejects.toThrow();
  });

  it('joins the agent, role and team rooms of the signed-in user', async () => {
    const { socket, userId } = await signedInSocket('lea@vigie.demo');
    const ack = await new Promise<WhoAmIAck>((resolve) => socket.emit('session.whoami', resolve));
    expect(ack.userId).toBe(userId);
    expect(ack.rooms).toEqual(expect.arrayContaining([`agent:${userId}`, 'role:agent']));
    expect(ack.rooms.filter((room) => room.startsWith('team:'))).toHaveLength(2);
  });

  it('tells supervisors when an agent comes online and goes offline', async () => {
    const { socket: supervisor } = await signedInSocket('hugo@vigie.demo');
    const seen: AgentPresenceChanged[] = [];
    supervisor.on('agent.presence.changed', (event) => seen.push(event));
    const { socket: agent, userId } = await signedInSocket('sam@vigie.demo');
    await waitUntil(() => seen.some((event) => event.userId === userId && event.status === 'online'));
    agent.disconnect();
    await waitUntil(() => seen.some((event) => event.userId === userId && event.status === 'offline'));
    expect(seen.find((event) => event.userId === userId)).toMatchObject({
      displayName: 'Sam Taylor',
      role: 'agent',
    });
  });

  it('ends the sockets of a session at logout', async () => {
    const { socket, client } = await signedInSocket('camille@vigie.demo');
    const ended = new Promise<SessionEnded>((resolve) => socket.on('session.ended', resolve));
    const disconnected = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
    expect((await client.request('POST', '/api/auth/logout')).status).toBe(204);
    await expect(ended).resolves.toEqual({ reason: 'logout' });
    await disconnected;
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
