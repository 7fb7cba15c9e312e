import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { HttpTestClient } from '@vigie/testing';
import { demoPassword, runApiExpectingFailure, startApi, tempDir } from './support/processes';

describe('the built API process', () => {
  const dataDir = tempDir('data');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its data in the embedded database across a clean stop and a restart', async () => {
    const first = await startApi({ VIGIE_DATA_DIR: dataDir });
    const admin = new HttpTestClient(first.url);
    expect((await admin.login('admin@vigie.demo', demoPassword)).status).toBe(200);
    const created = await admin.request('POST', '/api/teams', { name: 'Équipe persistante' });
    expect(created.status).toBe(201);
    const before = await admin.request('GET', '/api/users');

    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('Shutdown complete');

    const second = await startApi({ VIGIE_DATA_DIR: dataDir });
    try {
      const again = new HttpTestClient(second.url);
      expect((await again.login('admin@vigie.demo', demoPassword)).status).toBe(200);
      const teams = (await again.request('GET', '/api/teams')).body as { name: string }[];
      expect(teams.map((team) => team.name)).toContain('Équipe persistante');
      // The demo crew is created once, not again at each start.
      const users = (await again.request('GET', '/api/users')).body as unknown[];
      expect(users).toHaveLength((before.body as unknown[]).length);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('drains in-flight requests on SIGTERM: every request the server took gets its answer', async () => {
    const api = await startApi({ VIGIE_DATA_DIR: tempDir('drain') });
    // Logins are slow on purpose (argon2id, ~30 ms of CPU each): a burst of 24 keeps the server
    // busy while SIGTERM lands. A connection the kernel queued but Node had not yet taken may be
    // reset (clients retry those); what must never happen is a request the server started being
    // cut off. Each request carries an id, and the server logs every response it sends.
    const requests = Array.from({ length: 24 }, (_, index) =>
      sendLogin({
        baseUrl: api.url,
        email: index % 2 ? 'camille@vigie.demo' : `nobody-${index}@vigie.demo`,
        requestId: `drain-test-${String(index).padStart(4, '0')}`,
      }),
    );
    await Promise.all(requests.map((request) => request.written));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const signalledAt = Date.now();
    const exitCode = api.stop();
    // While it drains, readiness turns away new traffic but requests are still served.
    const readiness = await new HttpTestClient(api.url).request('GET', '/api/ready');
    expect(readiness).toMatchObject({ status: 503, body: { status: 'draining' } });
    const outcomes = await Promise.all(requests.map((request) => request.outcome));
    expect(await exitCode).toBe(0);
    expect(api.output()).toContain('Shutdown complete');

    const loggedIds = new Set(
      [...api.output().matchAll(/"id":"(drain-test-\d{4})"/g)].map((match) => match[1]),
    );
    for (const outcome of outcomes) {
      if (loggedIds.has(outcome.requestId)) expect(outcome).toMatchObject({ status: expect.any(Number) });
      if (outcome.status !== undefined) expect([200, 401]).toContain(outcome.status);
    }
    // The drain is real: answers kept coming after the signal, and most requests were served.
    expect(outcomes.some((outcome) => (outcome.answeredAt ?? 0) > signalledAt)).toBe(true);
    expect(outcomes.filter((outcome) => outcome.status !== undefined).length).toBeGreaterThanOrEqual(20);
  });

  it('refuses to open an embedded database another Vigie is using', async () => {
    const owner = await startApi({ VIGIE_DATA_DIR: dataDir });
    try {
      const intruder = await runApiExpectingFailure({ VIGIE_DATA_DIR: dataDir });
      expect(intruder.code).toBe(1);
      expect(intruder.output).toMatch(/already used by process \d+/);
    } finally {
      await owner.stop();
    }
  });

  it('stops at start-up with one message naming every bad variable', async () => {
    const result = await runApiExpectingFailure({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db',
      VIGIE_ADMIN_EMAIL: 'root@example.com',
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain('Invalid configuration:');
    expect(result.output).toMatch(/PORT: .*"eighty"/);
    expect(result.output).toMatch(/DATABASE_URL: must start with postgres/);
    expect(result.output).toMatch(/VIGIE_ADMIN_PASSWORD: .*go together/);
  });

  it('creates the first admin from VIGIE_ADMIN_EMAIL and VIGIE_ADMIN_PASSWORD, and logs no secret', async () => {
    const freshDir = tempDir('admin');
    const api = await startApi({
      VIGIE_DATA_DIR: freshDir,
      VIGIE_DEMO: 'false',
      VIGIE_ADMIN_EMAIL: 'Boss@Brand.example',
      VIGIE_ADMIN_PASSWORD: 'correct-horse-battery-staple',
    });
    try {
      const boss = new HttpTestClient(api.url);
      const login = await boss.login('boss@brand.example', 'correct-horse-battery-staple');
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({ user: { role: 'admin' } });
      await boss.request('GET', '/api/auth/me');
      expect((await new HttpTestClient(api.url).login('camille@vigie.demo', demoPassword)).status).toBe(401);
    } finally {
      await api.stop();
      rmSync(freshDir, { recursive: true, force: true });
    }
    const logs = api.output();
    expect(logs).toContain('Created the first admin');
    expect(logs).not.toContain('correct-horse-battery-staple');
    expect(logs).not.toMatch(/vigie_session=[A-Za-z0-9_-]{20,}/);
  });
});

type LoginOutcome = { requestId: string; status?: number; answeredAt?: number; error?: string };

/** A login over a fresh connection, with a promise for "fully written" and one for its outcome. */
function sendLogin(params: { baseUrl: string; email: string; requestId: string }): {
  written: Promise<void>;
  outcome: Promise<LoginOutcome>;
} {
  const body = JSON.stringify({ email: params.email, password: demoPassword });
  let markWritten: () => void = () => undefined;
  const written = new Promise<void>((resolve) => (markWritten = resolve));
  const outcome = new Promise<LoginOutcome>((resolve) => {
    const request = httpRequest(`${params.baseUrl}/api/auth/login`, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-request-id': params.requestId,
      },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ requestId: params.requestId, status: response.statusCode ?? 0, answeredAt: Date.now() }),
      );
    });
    request.on('error', (error) => resolve({ requestId: params.requestId, error: error.message }));
    request.on('finish', () => markWritten());
    request.end(body);
  });
  return { written, outcome };
}
