import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Browserless } from './support/http';
import { demoPassword, runApiExpectingFailure, startApi, tempDir } from './support/processes';

describe('the built API process', () => {
  const dataDir = tempDir('data');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its data in the embedded database across a clean stop and a restart', async () => {
    const first = await startApi({ VIGIE_DATA_DIR: dataDir });
    const admin = new Browserless(first.url);
    expect((await admin.login('admin@vigie.demo', demoPassword)).status).toBe(200);
    const created = await admin.request('POST', '/api/teams', { name: 'Équipe persistante' });
    expect(created.status).toBe(201);
    const before = await admin.request('GET', '/api/users');

    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('Shutdown complete');

    const second = await startApi({ VIGIE_DATA_DIR: dataDir });
    try {
      const again = new Browserless(second.url);
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

  it('drains in-flight requests on SIGTERM: every request sent before it gets its answer', async () => {
    const api = await startApi({ VIGIE_DATA_DIR: tempDir('drain') });
    // Logins are slow on purpose (argon2id, ~30 ms of CPU each): a burst of 24 keeps the server
    // busy for a while. SIGTERM is sent once every request is fully written to its socket.
    const emails = Array.from({ length: 24 }, (_, index) =>
      index % 2 ? 'camille@vigie.demo' : `nobody-${index}@vigie.demo`,
    );
    const sent = emails.map((email) => sendLogin(api.url, email));
    await Promise.all(sent.map((request) => request.written));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exitCode = api.stop();
    const statuses = await Promise.all(sent.map((request) => request.status));
    expect(statuses.sort()).toEqual([...Array(12).fill(200), ...Array(12).fill(401)]);
    expect(await exitCode).toBe(0);
    expect(api.output()).toContain('Shutdown complete');
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
      const boss = new Browserless(api.url);
      const login = await boss.login('boss@brand.example', 'correct-horse-battery-staple');
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({ user: { role: 'admin' } });
      await boss.request('GET', '/api/auth/me');
      expect((await new Browserless(api.url).login('camille@vigie.demo', demoPassword)).status).toBe(401);
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

/** A login over a fresh connection, with a promise for "fully written" and one for the status. */
function sendLogin(baseUrl: string, email: string): { written: Promise<void>; status: Promise<number> } {
  const body = JSON.stringify({ email, password: demoPassword });
  let markWritten: () => void = () => undefined;
  const written = new Promise<void>((resolve) => (markWritten = resolve));
  const status = new Promise<number>((resolve, reject) => {
    const request = httpRequest(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.on('finish', () => markWritten());
    request.end(body);
  });
  return { written, status };
}
