import { CrmAccountsService } from '@vigie/crm-server';
import { type ApiTestContext, ApiClient, startApiForTest } from '../testing/api-test-context';
import { seedContact, userIdOf } from './crm-test-helpers';

describe('CRM accounts and routing facts (real database)', () => {
  let context: ApiTestContext;
  let admin: ApiClient;

  beforeAll(async () => {
    context = await startApiForTest();
    admin = new ApiClient(context.url);
    await admin.login('admin@vigie.demo');
  });
  afterAll(() => context.close());

  it('answers owner, tier and value for contacts linked to an account, and nulls for the others', async () => {
    const ownerId = await userIdOf(context, 'camille@vigie.demo');
    const created = await admin.request('POST', '/api/crm/accounts', {
      name: 'Boulangerie Martin',
      ownerUserId: ownerId,
      tier: 'vip',
      value: 12500.5,
    });
    expect(created.status).toBe(201);
    const account = created.body as { id: string; owner: { displayName: string } };
    expect(account.owner.displayName).toBe('Camille Martin');
    const linked = await seedContact(context, {
      externalUserId: '9001',
      handle: 'martin_pain',
      displayName: 'Paul Martin',
      accountId: account.id,
    });
    const loose = await seedContact(context, {
      externalUserId: '9002',
      handle: 'loose',
      displayName: 'Loose',
    });

    const facts = await context.vigie.app
      .get(CrmAccountsService)
      .routingFacts([linked, loose, '00000000-0000-4000-8000-000000000000']);

    expect(facts.get(linked)).toEqual({
      accountId: account.id,
      ownerUserId: ownerId,
      tier: 'vip',
      value: 12500.5,
    });
    expect(facts.get(loose)).toEqual({ accountId: null, ownerUserId: null, tier: null, value: null });
    expect(facts.has('00000000-0000-4000-8000-000000000000')).toBe(false);
  });

  it('lets supervisors update an account, everyone read it, and refuses agents (403) and unknown owners (400)', async () => {
    const supervisor = new ApiClient(context.url);
    await supervisor.login('hugo@vigie.demo');
    const agent = new ApiClient(context.url);
    await agent.login('camille@vigie.demo');
    const account = (await supervisor.request('POST', '/api/crm/accounts', { name: 'Café du Port' }))
      .body as {
      id: string;
    };
    const updated = await supervisor.request('PUT', `/api/crm/accounts/${account.id}`, {
      name: 'Café du Port',
      tier: 'premium',
      value: 990,
      attributes: { city: 'Brest' },
      tags: ['horeca'],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      tier: 'premium',
      value: 990,
      attributes: { city: 'Brest' },
      owner: null,
    });
    expect((await agent.request('PUT', `/api/crm/accounts/${account.id}`, { name: 'x' })).status).toBe(403);
    const listed = (await agent.request('GET', '/api/crm/accounts?search=port')).body as { id: string }[];
    expect(listed.map((row) => row.id)).toContain(account.id);
    const badOwner = await supervisor.request('PUT', `/api/crm/accounts/${account.id}`, {
      name: 'Café du Port',
      ownerUserId: '00000000-0000-4000-8000-000000000009',
    });
    expect(badOwner.status).toBe(400);
    expect((badOwner.body as { message: string }).message).toContain('is not a Vigie user');
    expect(
      (await agent.request('GET', '/api/crm/accounts/00000000-0000-4000-8000-000000000009')).status,
    ).toBe(404);
  });
});
