import type { ConversationPage } from '@vigie/contracts';
import { ApiClient } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitForStream,
  waitForRoutedConversation,
  waitUntil,
} from '../testing/x-ingestion-test-context';

describe('GET /api/routing/inbox: "mine" and "unassigned" (real database, fake X through the real client)', () => {
  let context: IngestionTestContext;
  let lea: ApiClient;
  let camille: ApiClient;
  let supervisor: ApiClient;

  beforeAll(async () => {
    context = await startIngestionTest();
    [lea, camille, supervisor] = (await Promise.all(
      ['lea@vigie.demo', 'camille@vigie.demo', 'hugo@vigie.demo'].map(async (email) => {
        const client = new ApiClient(context.api.url);
        await client.login(email);
        return client;
      }),
    )) as [ApiClient, ApiClient, ApiClient];
    await waitForStream(context);
  });
  afterAll(() => context.close());

  async function page(client: ApiClient, query: string): Promise<ConversationPage> {
    const answer = await client.request('GET', `/api/routing/inbox?${query}`);
    expect(answer.status).toBe(200);
    return answer.body as ConversationPage;
  }

  /** Every page of a view, following the cursor. */
  async function allIds(client: ApiClient, view: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const next: ConversationPage = await page(
        client,
        `view=${view}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(next.items.length).toBeLessThanOrEqual(limit);
      ids.push(...next.items.map((item) => item.id));
      cursor = next.nextCursor;
    } while (cursor);
    return ids;
  }

  /** A customer post through the fake X; resolves with its conversation once routing holds it. */
  async function customerWrites(author: string, text: string): Promise<string> {
    await createCustomer(context, author);
    const post = await injectPost(context, { author, text });
    return waitForRoutedConversation(context, post.id);
  }

  it('refuses a caller without a session (401) and the ops role (403)', async () => {
    expect((await new ApiClient(context.api.url).request('GET', '/api/routing/inbox?view=mine')).status).toBe(
      401,
    );
    const ops = new ApiClient(context.api.url);
    await ops.login('ines@vigie.demo');
    expect((await ops.request('GET', '/api/routing/inbox?view=unassigned')).status).toBe(403);
  });

  it.each([
    ['no view', '', 'view must be one of: mine, unassigned'],
    ['an unknown view', 'view=team', 'view must be one of: mine, unassigned'],
    ['a limit of 0', 'view=mine&limit=0', 'limit'],
    ['a cursor the API did not give', 'view=mine&cursor=bogus', 'cursor'],
  ])('answers %s with a 400 that says what is wrong', async (_case, query, message) => {
    const answer = await lea.request('GET', `/api/routing/inbox?${query}`);
    expect(answer.status).toBe(400);
    expect(JSON.stringify((answer.body as { message: unknown }).message)).toContain(message);
  });

  it('lists queued conversations as unassigned, newest first, then as mine for the agent who comes online, and nothing for another agent', async () => {
    // Nobody is online: the three posts wait in the queue.
    const first = await customerWrites('inbox_anna', '@VigieTelecom ma box ne marche plus depuis hier');
    context.api.clock.advance({ seconds: 5 });
    const second = await customerWrites('inbox_bruno', '@VigieTelecom plus de réseau, aidez-moi svp');
    context.api.clock.advance({ seconds: 5 });
    const third = await customerWrites('inbox_chloe', '@VigieTelecom facture incorrecte ce mois-ci ?');
    const posted = [third, second, first];

    const firstPage = await page(lea, 'view=unassigned&limit=2');
    expect(firstPage.items.map((item) => item.id)).toEqual([third, second]);
    expect(firstPage.items[0]).toMatchObject({ status: 'open', needsReply: true });
    expect(firstPage.items[0]?.contact.handle).toBe('inbox_chloe');
    expect(firstPage.items[0]?.lastMessagePreview).toContain('facture incorrecte');
    expect(firstPage.nextCursor).not.toBeNull();
    const secondPage = await page(
      lea,
      `view=unassigned&limit=2&cursor=${encodeURIComponent(firstPage.nextCursor as string)}`,
    );
    expect(secondPage.items.map((item) => item.id)).toEqual([first]);
    expect(secondPage.nextCursor).toBeNull();
    expect((await page(lea, 'view=mine')).items).toEqual([]);

    // Léa comes online: the drain gives her the whole queue (capacity 5).
    expect((await lea.request('PUT', '/api/routing/me/status', { status: 'online' })).status).toBe(200);
    await waitUntil(async () => (await page(lea, 'view=mine')).items.length === 3);
    expect(await allIds(lea, 'mine', 1)).toEqual(posted);
    expect((await page(lea, 'view=unassigned')).items.map((item) => item.id)).toEqual([]);
    expect((await page(camille, 'view=mine')).items).toEqual([]);
    expect((await page(supervisor, 'view=mine')).items).toEqual([]);
    // The same summaries as the "All" list.
    const all = (await lea.request('GET', '/api/conversations?limit=3')).body as ConversationPage;
    expect((await page(lea, 'view=mine')).items).toEqual(all.items);

    // A resolved conversation leaves "mine".
    const resolved = await lea.request('POST', `/api/conversations/${second}/status`, { status: 'resolved' });
    expect(resolved.status).toBe(200);
    expect(await allIds(lea, 'mine', 2)).toEqual([third, first]);
  });
});
