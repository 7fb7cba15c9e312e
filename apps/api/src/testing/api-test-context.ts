import { io, type Socket } from 'socket.io-client';
import { type ClientToServerEvents, type ServerToClientEvents, socketPath } from '@vigie/contracts';
import { loadConfig } from '@vigie/server';
import { createTestDatabase, FakeClock, type TestDatabase } from '@vigie/testing';
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

export type HttpAnswer = { status: number; body: unknown; headers: Headers };

/** A tiny cookie-keeping HTTP client: one per simulated browser. */
export class ApiClient {
  private cookie: string | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  get sessionCookie(): string | undefined {
    return this.cookie;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...this.defaultHeaders,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair?.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  async login(email: string, password = demoPassword): Promise<HttpAnswer> {
    return this.request('POST', '/api/auth/login', { email, password });
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
