import type { ChannelAccountSummary } from '@vigie/contracts';
import { ApiClient } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  messageCount,
  startIngestionTest,
  waitUntil,
} from '../testing/x-ingestion-test-context';

const demoToken = '1111111111-vigietelecom-access-token';

describe('X polling modes, rate limits and channel accounts (fake X, real database)', () => {
  let context: IngestionTestContext;

  beforeAll(async () => {
    context = await startIngestionTest();
    await createCustomer(context, 'farid_b');
  });
  afterAll(() => context.close());

  it('keeps tokens encrypted at rest and out of every answer', async () => {
    const [row] = (await context.dataSource.query(`SELECT credentials_ciphertext FROM channel_account`)) as {
      credentials_ciphertext: string;
    }[];
    expect(row?.credentials_ciphertext).toMatch(/^v1\./);
    expect(row?.credentials_ciphertext).not.toContain('vigietelecom');
    const listed = await context.admin.request('GET', '/api/channel-accounts');
    expect(JSON.stringify(listed.body)).not.toContain(demoToken);
    expect(listed.body).toEqual([
      expect.objectContaining({
        handle: 'VigieTelecom',
        externalUserId: '1111111111',
        mode: 'stream',
        webhookPath: `/api/webhooks/x/${context.demo.accountId}`,
      }),
    ]);
  });

  it('lets only admins create brands and connect accounts, and refuses credentials X does not accept', async () => {
    const agent = new ApiClient(context.api.url);
    await agent.login('lea@vigie.demo');
    expect(
      (await agent.request('POST', '/api/brands', { name: 'Other', defaultLanguage: 'en' })).status,
    ).toBe(403);
    const brand = await context.admin.request('POST', '/api/brands', { name: 'Acme', defaultLanguage: 'en' });
    expect(brand.status).toBe(201);
    expect(
      (await context.admin.request('POST', '/api/brands', { name: 'acme', defaultLanguage: 'en' })).status,
    ).toBe(409);
    const refused = await context.admin.request('POST', '/api/channel-accounts/x', {
      brandId: (brand.body as { id: string }).id,
      mode: 'poll',
      accessToken: 'nobody-knows-this-token',
      apiBaseUrl: context.fakeX.url,
    });
    expect(refused).toMatchObject({ status: 400, body: { code: 'credentials_refused' } });
    const incomplete = await context.admin.request('POST', '/api/channel-accounts/x', {
      brandId: context.demo.brandId,
      mode: 'stream',
      accessToken: demoToken,
    });
    expect(incomplete.status).toBe(400);
  });

  it('polls mentions in poll mode, and DMs alongside', async () => {
    const switched = await context.admin.request('POST', '/api/channel-accounts/x', {
      brandId: context.demo.brandId,
      mode: 'poll',
      accessToken: demoToken,
      consumerSecret: 'vigie-demo-consumer-secret',
    });
    expect(switched).toMatchObject({
      status: 201,
      body: { id: context.demo.accountId, mode: 'poll', status: 'connected' },
    });
    await waitUntil(
      async () =>
        !(await context.control<{ data: { isConnected: boolean } }>('GET', '/control/stream')).body.data
          .isConnected,
    );

    const mention = await injectPost(context, { author: 'farid_b', text: '@VigieTelecom mon forfait ?' });
    const dm = await context.control<{ data: { id: string } }>('POST', '/control/dms', {
      from: 'farid_b',
      to: 'VigieTelecom',
      text: 'je vous écris en privé',
    });
    await waitUntil(
      async () =>
        (await messageCount(context, mention.id)) === 1 &&
        (await messageCount(context, dm.body.data.id)) === 1,
    );
    // Each cursor moves only after its items are committed.
    const cursor = async (source: string) =>
      (
        (await context.dataSource.query(`SELECT last_external_id FROM ingestion_cursor WHERE source = $1`, [
          source,
        ])) as { last_external_id: string }[]
      )[0]?.last_external_id;
    await waitUntil(
      async () => (await cursor('mentions')) === mention.id && (await cursor('dm')) === dm.body.data.id,
    );
  });

  it('waits for the rate-limit reset on a 429 instead of hammering X, then catches up', async () => {
    await context.control('POST', '/control/rate-limits', {
      endpoint: 'mentions',
      user: 2,
      windowSeconds: 2,
    });
    await context.control('POST', '/control/rate-limits/reset');
    const calls = jest.spyOn(context.fakeX.services.rateLimiter, 'consume');
    const mentionRequests = () => calls.mock.calls.filter(([call]) => call.endpoint === 'mentions').length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Polling every 100 ms would make ~15 requests; the window allows 2, then the worker sleeps until its reset.
    expect(mentionRequests()).toBeLessThanOrEqual(4);
    const late = await injectPost(context, { author: 'farid_b', text: '@VigieTelecom toujours là ?' });
    await waitUntil(async () => (await messageCount(context, late.id)) === 1, 8_000);
    calls.mockRestore();
    const [account] = (await context.admin.request('GET', '/api/channel-accounts'))
      .body as ChannelAccountSummary[];
    expect(account?.status).toBe('connected');
  });

  it('stops ingesting a disconnected account and resumes on reconnect', async () => {
    await context.control('POST', '/control/rate-limits', {
      endpoint: 'mentions',
      user: 1_000_000,
      windowSeconds: 900,
    });
    expect(
      (await context.admin.request('POST', `/api/channel-accounts/${context.demo.accountId}/disconnect`))
        .body,
    ).toMatchObject({ status: 'disconnected' });
    const whileAway = await injectPost(context, { author: 'farid_b', text: '@VigieTelecom vous êtes là ?' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await messageCount(context, whileAway.id)).toBe(0);
    expect(
      (await context.admin.request('POST', `/api/channel-accounts/${context.demo.accountId}/reconnect`)).body,
    ).toMatchObject({ status: 'connected' });
    await waitUntil(async () => (await messageCount(context, whileAway.id)) === 1);
  });
});
