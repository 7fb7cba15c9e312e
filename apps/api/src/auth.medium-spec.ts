import { SessionJanitorService } from '@vigie/identity-server';
import { type ApiTestContext, ApiClient, startApiForTest } from './testing/api-test-context';

describe('authentication and roles over HTTP (real database)', () => {
  let context: ApiTestContext;

  beforeAll(async () => {
    context = await startApiForTest({
      LOGIN_MAX_FAILURES: '3',
      LOGIN_BLOCK_SECONDS: '30',
      SESSION_IDLE_MINUTES: '120',
    });
  });
  afterAll(() => context.close());

  const client = () => new ApiClient(context.url);

  it('is alive and ready once migrations are applied', async () => {
    expect((await client().request('GET', '/api/health')).body).toEqual({ status: 'ok' });
    const ready = await client().request('GET', '/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', database: 'up', migrations: { pending: 0 } });
  });

  it('signs in with an httpOnly SameSite=Strict cookie and returns the user with teams', async () => {
    const agent = client();
    const login = await agent.login('camille@vigie.demo');
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/vigie_session=[^;]+; .*HttpOnly/i);
    expect(login.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
    expect(login.body).toMatchObject({
      user: { email: 'camille@vigie.demo', role: 'agent', teams: [{ name: 'Care FR' }] },
    });
    const me = await agent.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ displayName: 'Camille Martin' });
  });

  it('answers a wrong password and an unknown email alike, with 401', async () => {
    const wrong = await client().login('lea@vigie.demo', 'not-the-password');
    const unknown = await client().login('nobody@vigie.demo', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'invalid_credentials', message: 'Wrong email or password.' });
    expect((unknown.body as { message: string }).message).toBe((wrong.body as { message: string }).message);
  });

  it('slows down repeated failures: 429 with Retry-After, even for the right password, until the block ends', async () => {
    const attacker = client();
    expect((await attacker.login('sam@vigie.demo', 'guess-1')).status).toBe(401);
    expect((await attacker.login('sam@vigie.demo', 'guess-2')).status).toBe(401);
    const third = await attacker.login('sam@vigie.demo', 'guess-3');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
    const rightPassword = await attacker.login('sam@vigie.demo');
    expect(rightPassword.status).toBe(429);
    expect(rightPassword.body).toMatchObject({ code: 'rate_limited' });
  });

  it.each([
    ['GET', '/api/auth/me'],
    ['POST', '/api/auth/logout'],
    ['GET', '/api/users'],
    ['POST', '/api/users'],
    ['GET', '/api/teams'],
    ['GET', '/api/docs'],
  ])('refuses %s %s without a session (401)', async (method, path) => {
    const answer = await client().request(method, path);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses an agent on admin endpoints (403) and lets an admin in', async () => {
    const agent = client();
    await agent.login('camille@vigie.demo');
    const forbidden = await agent.request('POST', '/api/users', {
      email: 'new@vigie.demo',
      displayName: 'New',
      password: 'long-enough-password',
      role: 'agent',
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ code: 'forbidden' });
    expect((await agent.request('GET', '/api/users')).status).toBe(403);

    const admin = client();
    await admin.login('admin@vigie.demo');
    expect((await admin.request('GET', '/api/users')).status).toBe(200);
  });

  it('answers malformed JSON and invalid DTOs with 400 and a message, never 500', async () => {
    const admin = client();
    await admin.login('admin@vigie.demo');
    const malformed = await admin.request('POST', '/api/users', '{"email": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'malformed_json' });

    const invalid = await admin.request('POST', '/api/users', {
      email: 'not-an-email',
      displayName: '',
      password: 'short',
      role: 'king',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: 'validation_failed' });
    const details = (invalid.body as { details: string[] }).details.join('\n');
    expect(details).toMatch(/email must be an email address/);
    expect(details).toMatch(/password must be at least 12 characters/);
    expect(details).toMatch(/role must be one of: agent, supervisor, ops, admin/);

    const extra = await admin.request('POST', '/api/teams', { name: 'Care DE', isAdmin: true });
    expect(extra.status).toBe(400);
    expect((extra.body as { message: string }).message).toMatch(/property isAdmin should not exist/);

    const badId = await admin.request('PATCH', '/api/users/not-a-uuid', { displayName: 'X' });
    expect(badId.status).toBe(400);
  });

  it('lets an admin create teams and users, and refuses duplicates with 409', async () => {
    const admin = client();
    await admin.login('admin@vigie.demo');
    const team = await admin.request('POST', '/api/teams', { name: 'Care Pro' });
    expect(team.status).toBe(201);
    const teamId = (team.body as { id: string }).id;
    const created = await admin.request('POST', '/api/users', {
      email: 'Nadia@Vigie.demo',
      displayName: 'Nadia Haddad',
      password: 'a-long-enough-password',
      role: 'agent',
      languages: ['fr', 'en'],
      skills: ['billing'],
      teamIds: [teamId],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'nadia@vigie.demo',
      teams: [{ name: 'Care Pro' }],
      isActive: true,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/password/i);
    const duplicate = await admin.request('POST', '/api/users', {
      email: 'nadia@vigie.demo',
      displayName: 'Again',
      password: 'a-long-enough-password',
      role: 'agent',
    });
    expect(duplicate.status).toBe(409);
    expect((await client().login('nadia@vigie.demo', 'a-long-enough-password')).status).toBe(200);
  });

  it('ends the session at logout: the same cookie is refused afterwards', async () => {
    const agent = client();
    await agent.login('lea@vigie.demo');
    const cookie = agent.cookie as string;
    expect((await agent.request('POST', '/api/auth/logout')).status).toBe(204);
    const replay = await new ApiClient(context.url, { cookie }).request('GET', '/api/auth/me');
    expect(replay.status).toBe(401);
  });

  it('expires a session left idle longer than SESSION_IDLE_MINUTES', async () => {
    const agent = client();
    await agent.login('hugo@vigie.demo');
    context.clock.advance({ minutes: 100 });
    expect((await agent.request('GET', '/api/auth/me')).status).toBe(200);
    context.clock.advance({ minutes: 121 });
    expect((await agent.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('deletes the rows of expired sessions, and only those', async () => {
    const agent = client();
    await agent.login('camille@vigie.demo');
    const janitor = context.vigie.app.get(SessionJanitorService);
    expect(await janitor.purge()).toBe(0);
    context.clock.advance({ hours: 13 });
    expect(await janitor.purge()).toBeGreaterThanOrEqual(1);
    expect((await agent.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('signs a deactivated user out everywhere', async () => {
    const admin = client();
    await admin.login('admin@vigie.demo');
    const ops = client();
    const login = await ops.login('ines@vigie.demo');
    const opsId = (login.body as { user: { id: string } }).user.id;
    expect((await admin.request('PATCH', `/api/users/${opsId}`, { isActive: false })).status).toBe(200);
    expect((await ops.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await client().login('ines@vigie.demo')).status).toBe(401);
  });

  it('refuses state-changing requests from another origin (CSRF defence in depth)', async () => {
    const answer = await client().request(
      'POST',
      '/api/auth/login',
      { email: 'camille@vigie.demo', password: 'x' },
      { origin: 'https://evil.example' },
    );
    expect(answer.status).toBe(403);
  });

  it('serves OpenAPI to signed-in users, with every non-public operation behind the session cookie or a signature', async () => {
    const agent = client();
    await agent.login('camille@vigie.demo');
    const spec = await agent.request('GET', '/api/docs/openapi.json');
    expect(spec.status).toBe(200);
    const paths = (spec.body as { paths: Record<string, Record<string, { security?: unknown[] }>> }).paths;
    const publicOperations = new Set(['get /api/health', 'get /api/ready', 'post /api/auth/login']);
    const operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ key: `${method} ${path}`, operation })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(9);
    // Machine-to-machine webhooks have no session: an HMAC of the body authenticates them instead.
    const signedOperations = new Map([['post /api/webhooks/crm/{connectorId}', 'crm_signature']]);
    for (const { key, operation } of operations) {
      if (publicOperations.has(key)) continue;
      const scheme = signedOperations.get(key) ?? 'vigie_session';
      expect({ key, security: operation.security }).toEqual({ key, security: [{ [scheme]: [] }] });
    }
  });
});
