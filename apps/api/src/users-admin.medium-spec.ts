import type { SessionUser, TeamSummary, UserSummary } from '@vigie/contracts';
import { type ApiTestContext, ApiClient, startApiForTest } from './testing/api-test-context';

/** What the admin pages need of identity beyond create and list: team renames, and never losing the last admin. */
describe('users and teams administration over HTTP (real database)', () => {
  let context: ApiTestContext;

  beforeAll(async () => {
    context = await startApiForTest();
  });
  afterAll(() => context.close());

  async function signedIn(email: string): Promise<{ client: ApiClient; user: SessionUser }> {
    const client = new ApiClient(context.url);
    const login = await client.login(email);
    expect(login.status).toBe(200);
    return { client, user: (login.body as { user: SessionUser }).user };
  }

  async function createAdmin(admin: ApiClient, email: string): Promise<UserSummary> {
    const created = await admin.request('POST', '/api/users', {
      email,
      displayName: email.split('@')[0],
      password: 'a-long-enough-password',
      role: 'admin',
    });
    expect(created.status).toBe(201);
    return created.body as UserSummary;
  }

  it('renames a team, keeping its members; refuses a taken name, a blank one, an unknown team and non-admins', async () => {
    const { client: admin } = await signedIn('admin@vigie.demo');
    const teams = (await admin.request('GET', '/api/teams')).body as TeamSummary[];
    const careFr = teams.find((team) => team.name === 'Care FR') as TeamSummary;

    const renamed = await admin.request('PATCH', `/api/teams/${careFr.id}`, { name: '  Care France ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      id: careFr.id,
      name: 'Care France',
      memberCount: careFr.memberCount,
    });
    const users = (await admin.request('GET', '/api/users')).body as UserSummary[];
    expect(users.find((user) => user.email === 'camille@vigie.demo')?.teams).toEqual([
      { id: careFr.id, name: 'Care France' },
    ]);
    // Its own name in another case is no conflict.
    expect((await admin.request('PATCH', `/api/teams/${careFr.id}`, { name: 'CARE FRANCE' })).status).toBe(
      200,
    );

    const taken = await admin.request('PATCH', `/api/teams/${careFr.id}`, { name: 'care en' });
    expect(taken.status).toBe(409);
    expect((taken.body as { message: string }).message).toBe('A team named care en already exists.');
    expect((await admin.request('PATCH', `/api/teams/${careFr.id}`, { name: '   ' })).status).toBe(400);
    expect((await admin.request('PATCH', `/api/teams/${careFr.id}`, { name: 'x'.repeat(81) })).status).toBe(
      400,
    );
    expect(
      (await admin.request('PATCH', '/api/teams/00000000-0000-4000-8000-000000000000', { name: 'Nobody' }))
        .status,
    ).toBe(404);

    const { client: supervisor } = await signedIn('hugo@vigie.demo');
    expect((await supervisor.request('PATCH', `/api/teams/${careFr.id}`, { name: 'Hijack' })).status).toBe(
      403,
    );
    expect(
      (await new ApiClient(context.url).request('PATCH', `/api/teams/${careFr.id}`, { name: 'X' })).status,
    ).toBe(401);
  });

  it('keeps one active admin: the last one can be neither demoted nor deactivated, another one can', async () => {
    const { client: admin, user } = await signedIn('admin@vigie.demo');
    for (const change of [{ role: 'supervisor' }, { isActive: false }]) {
      const refused = await admin.request('PATCH', `/api/users/${user.id}`, change);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'last_admin' });
    }
    // Other changes to the last admin are fine.
    expect(
      (await admin.request('PATCH', `/api/users/${user.id}`, { displayName: 'Admin Vigie' })).status,
    ).toBe(200);
    expect(
      (await admin.request('PATCH', `/api/users/${user.id}`, { role: 'admin', isActive: true })).status,
    ).toBe(200);

    const second = await createAdmin(admin, 'second-admin@vigie.demo');
    const demoted = await admin.request('PATCH', `/api/users/${second.id}`, { role: 'ops' });
    expect(demoted.status).toBe(200);
    expect(demoted.body).toMatchObject({ role: 'ops', isActive: true });
    // Still the last one.
    expect((await admin.request('PATCH', `/api/users/${user.id}`, { isActive: false })).status).toBe(409);
    expect((await admin.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('decides two admins demoting each other at once one after the other: one stays admin', async () => {
    const { client: admin } = await signedIn('admin@vigie.demo');
    const first = await createAdmin(admin, 'race-one@vigie.demo');
    const second = await createAdmin(admin, 'race-two@vigie.demo');
    // Leave exactly these two as active admins.
    const demo = ((await admin.request('GET', '/api/users')).body as UserSummary[]).find(
      (user) => user.email === 'admin@vigie.demo',
    ) as UserSummary;
    const one = new ApiClient(context.url);
    await one.login('race-one@vigie.demo', 'a-long-enough-password');
    const two = new ApiClient(context.url);
    await two.login('race-two@vigie.demo', 'a-long-enough-password');
    expect((await one.request('PATCH', `/api/users/${demo.id}`, { role: 'supervisor' })).status).toBe(200);

    const [oneDemotesTwo, twoDemotesOne] = await Promise.all([
      one.request('PATCH', `/api/users/${second.id}`, { isActive: false }),
      two.request('PATCH', `/api/users/${first.id}`, { role: 'agent' }),
    ]);
    expect([oneDemotesTwo.status, twoDemotesOne.status].sort()).toEqual([200, 409]);
    // The demo admin, now a supervisor, may still read the users.
    const admins = ((await admin.request('GET', '/api/users')).body as UserSummary[]).filter(
      (user) => user.role === 'admin' && user.isActive,
    );
    expect(admins).toHaveLength(1);
  });
});
