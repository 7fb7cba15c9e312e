import { io, type Socket } from 'socket.io-client';
import { type ClientToServerEvents, type ServerToClientEvents, socketPath } from '@vigie/contracts';
import { loadConfig } from '@vigie/server';
import { createTestDatabase, FakeClock, HttpTestClient, type TestDatabase } from '@vigie/testing';
import { createVigieApp, type VigieApp } from '../create-vigie-app';

export const demoPassword = 'demo-password-for-tests';

export type ApiTestContext = {
  vigie: VigieApp;
  database: TestDatabase;
  clock: FakeClock;
  url: string;
  close(): Promise<void>;
};

/** A real Vigie on a private database, listening on a free port, with the demo crew and a FakeClock. */
export async function startApiForTest(env: Record<string, string> = {}): Promise<ApiTestContext> {
  const database = await createTestDatabase();
  const clock = new FakeClock(new Date());
  const config = loadConfig(
    {
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SHUTDOWN_DRAIN_DELAY_MS: '0',
      VIGIE_DEMO: 'true',
      VIGIE_DEMO_PASSWORD: demoPassword,
      ...env,
    },
    { nodeName: 'medium-test' },
  );
  const vigie = await createVigieApp({ config, connection: database.connection, clock });
  return {
    vigie,
    database,
    clock,
    url: vigie.url,
    async close() {
      await vigie.close();
      await database.destroy();
    },
  };
}

/** An HTTP client for the test API that signs in with the demo password unless told otherwise. */
export class ApiClient extends HttpTestClient {
  constructor(baseUrl: string, headers: Record<string, string> = {}) {
    super(baseUrl, { defaultPassword: demoPassword, headers });
  }
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client as the console opens it, with the given cookie (or none). */
export function connectSocket(
  url: string,
  cookie: string | undefined,
  headers: Record<string, string> = {},
): TestSocket {
  return io(url, {
    path: socketPath,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { ...(cookie ? { cookie } : {}), ...headers },
  });
}

export function waitForConnect(socket: TestSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}
