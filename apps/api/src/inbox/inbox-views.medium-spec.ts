import type { InboxFacets, InboxItem, InboxPage } from '@vigie/contracts';
import { SlaScheduler } from '@vigie/sla-server';
import { ApiClient } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitForStream,
  waitUntil,
} from '../testing/x-ingestion-test-context';

/** Sessions that outlive the clock's jumps. */
const longSessions = { SESSION_TTL_HOURS: '2160', SESSION_IDLE_MINUTES: '43200' };

/**
 * `GET /api/inbox/conversations` on a real database, with posts ingested from the fake X through the real client
 * and the clock driven by the test: Wednesday 18 November 2026 in Paris (open 09:00-19:00, default policy: first
 * response within one business hour, warnings at 50% and 80%).
 */
describe('GET /api/inbox/conversations: views, filters, search and cursors (real database)', () => {
  let context: IngestionTestContext;
  let lea: ApiClient;
  let camille: ApiClient;
  let hugo: ApiClient;
  let ines: ApiClient;
  let admin: ApiClient;
  const ids: Record<'chloe' | 'marc' | 'amy' | 'zoe', string> = { chloe: '', marc: '', amy: '', zoe: '' };
  const hostileText = '@VigieTelecom <img src=x onerror=alert(1)> le réseau est encore coupé, aidez-moi';

  beforeAll(async () => {
    context = await startIngestionTest({ env: longSessions });
    [lea, camille, hugo, ines, admin] = (await Promise.all(
      ['lea', 'camille', 'hugo', 'ines', 'admin'].map(async (name) => {
        const client = new ApiClient(context.api.url);
        await client.login(`${name}@vigie.demo`);
        return client;
      }),
    )) as [ApiClient, ApiClient, ApiClient, ApiClient, ApiClient];
    await waitForStream(context);
  });
  afterAll(() => context?.close());

  /** Vigie's FakeClock and the fake X's clock move together. */
  async function setTime(at: string): Promise<void> {
    context.api.clock.set(at);
    await context.control('POST', '/control/clock', { offsetMs: Date.parse(at) - Date.now() });
  }

  /** A customer mention at `at`; resolves once its conversation has its SLA clocks. */
  async function mention(params: {
    author: string;
    name: string;
    text: string;
    lang: string;
    at: string;
  }): Promise<string> {
    await setTime(params.at);
    await createCustomer(context, params.author, { name: params.name, lang: params.lang });
    const post = await injectPost(context, {
      author: params.author,
      text: params.text,
      lang: params.lang,
      createdAt: params.at,
    });
    let conversationId = '';
    await waitUntil(async () => {
      const rows = (await context.dataSource.query(
        `SELECT m.conversation_id FROM message m JOIN sla_clock c ON c.conversation_id = m.conversation_id
         JOIN routing_conversation r ON r.conversation_id = m.conversation_id
         WHERE m.external_id = $1 LIMIT 1`,
        [post.id],
      )) as { conversation_id: string }[];
      conversationId = rows[0]?.conversation_id ?? '';
      return conversationId !== '';
    });
    return conversationId;
  }

  async function page(client: ApiClient, query: string): Promise<InboxPage> {
    const answer = await client.request('GET', `/api/inbox/conversations?${query}`);
    if (answer.status !== 200)
      throw new Error(`${query} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body as InboxPage;
  }

  const idsOf = (result: InboxPage) => result.items.map((item) => item.id);
  const search = (text: string) => `view=all&q=${encodeURIComponent(text)}`;

  /** Every page of a query, following the cursor. */
  async function everyPage(client: ApiClient, query: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const next: InboxPage = await page(
        client,
        `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(next.items.length).toBeLessThanOrEqual(limit);
      seen.push(...idsOf(next));
      cursor = next.nextCursor;
    } while (cursor);
    return seen;
  }

  it('ingests four customers: a network outage in Lyon, a wrong bill, a question in English and a hostile post', async () => {
    ids.chloe = await mention({
      author: 'vf_chloe',
      name: 'Chloé Réseau',
      text: '@VigieTelecom plus de réseau à Lyon depuis ce matin, c’est insupportable',
      lang: 'fr',
      at: '2026-11-18T10:00:00+01:00',
    });
    ids.marc = await mention({
      author: 'vf_marc',
      name: 'Marc Dupont',
      text: '@VigieTelecom ma facture est fausse ce mois-ci, pouvez-vous corriger ?',
      lang: 'fr',
      at: '2026-11-18T10:05:00+01:00',
    });
    ids.amy = await mention({
      author: 'vf_amy',
      name: 'Amy Walker',
      text: '@VigieTelecom how do I turn on 5G on my plan? It does not work',
      lang: 'en',
      at: '2026-11-18T10:10:00+01:00',
    });
    ids.zoe = await mention({
      author: 'vf_zoe',
      name: '<b>Zoé</b>',
      text: hostileText,
      lang: 'fr',
      at: '2026-11-18T10:15:00+01:00',
    });
    const all = await page(lea, 'view=all');
    expect(all).toMatchObject({ view: 'all', sort: 'activity', nextCursor: null });
    expect(idsOf(all)).toEqual([ids.zoe, ids.amy, ids.marc, ids.chloe]);
    // Each row carries what the list shows: the summary, its clocks, routing's priority, the sort key.
    const [zoe] = all.items as [InboxItem];
    expect(zoe.lastMessagePreview).toBe(hostileText);
    expect(zoe.contact.displayName).toBe('<b>Zoé</b>');
    expect(zoe.sortAt).toBe(zoe.lastActivityAt);
    expect(zoe.sla.clocks.map((clock) => `${clock.clock}/${clock.metric}/${clock.status}`).sort()).toEqual([
      'contract/first_response/running',
      'customer/first_response/running',
    ]);
    expect(zoe.sla.warnings).toEqual([]);
    expect(zoe.priority).toMatch(/^(urgent|high|medium|low)$/);
    expect(zoe.tags).toEqual([]);
    // The same summaries as the inbox's own list.
    const inboxList = (await lea.request('GET', '/api/conversations?limit=4')).body as { items: unknown[] };
    expect(
      all.items.map(({ tags: _t, priority: _p, assigneeId: _a, sla: _s, sortAt: _o, ...summary }) => summary),
    ).toEqual(inboxList.items);
  });

  it('refuses a caller without a session (401) and a view the role may not open (403), saying which it may', async () => {
    expect(
      (await new ApiClient(context.api.url).request('GET', '/api/inbox/conversations?view=all')).status,
    ).toBe(401);
    for (const [client, view] of [
      [ines, 'mine'],
      [ines, 'unassigned'],
      [hugo, 'mine'],
      [admin, 'team'],
    ] as const) {
      const answer = await client.request('GET', `/api/inbox/conversations?view=${view}`);
      expect(answer.status).toBe(403);
      expect((answer.body as { message: string }).message).toContain(`cannot open the ${view} view`);
    }
    expect(idsOf(await page(ines, 'view=all'))).toHaveLength(4);
  });

  it.each([
    [
      'no view',
      '',
      'view must be one of: mine, unassigned, team, at_risk, breached, pending, snoozed, resolved, all',
    ],
    ['an unknown view', 'view=everything', 'view must be one of'],
    ['a limit of 0', 'view=all&limit=0', 'limit'],
    ['a limit of 101', 'view=all&limit=101', 'limit'],
    ['a cursor the API did not give', 'view=all&cursor=bogus', 'This cursor is not one the API gave.'],
    ['a brand that is not an id', 'view=all&brandId=vigie', 'brandId'],
    ['an unknown channel', 'view=all&channel=mastodon', 'channel must be one of: x'],
    ['an unknown intent', 'view=all&intent=rant', 'intent must be one of: complaint, question'],
    ['an unknown priority', 'view=all&priority=asap', 'priority must be one of: urgent, high, medium, low'],
    ['a language of three letters', 'view=all&language=fra', 'language must be two letters'],
    [
      'a search without words',
      'view=all&q=%21%21%21',
      'q must hold a word of at least two letters or digits.',
    ],
    ['a search of 201 characters', `view=all&q=${'a'.repeat(201)}`, 'q must be shorter than or equal to 200'],
    ['an unknown parameter', 'view=all&status=open', 'property status should not exist'],
  ])('answers %s with a 400 that says what is wrong', async (_case, query, message) => {
    const answer = await lea.request('GET', `/api/inbox/conversations?${query}`);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain(message);
  });

  it('finds words in messages and in customer names and handles, as prefixes, accents and case ignored', async () => {
    // "réseau" is in Chloé's post and in her name; Zoé wrote "réseau" too.
    for (const text of ['réseau', 'reseau', 'RÉSEAU', 'Rése'])
      expect(idsOf(await page(lea, search(text)))).toEqual([ids.zoe, ids.chloe]);
    expect(idsOf(await page(lea, search('lyon réseau')))).toEqual([ids.chloe]);
    expect(idsOf(await page(lea, search('chloe')))).toEqual([ids.chloe]);
    expect(idsOf(await page(lea, search('@vf_marc')))).toEqual([ids.marc]);
    expect(idsOf(await page(lea, search('Dupont')))).toEqual([ids.marc]);
    expect(idsOf(await page(lea, search('factur')))).toEqual([ids.marc]);
    expect(idsOf(await page(lea, search('5G plan')))).toEqual([ids.amy]);
    expect(idsOf(await page(lea, search('introuvable')))).toEqual([]);
  });

  it('treats hostile search text as words and returns hostile posts as they were written', async () => {
    const found = await page(lea, search('onerror'));
    expect(idsOf(found)).toEqual([ids.zoe]);
    expect(found.items[0]?.lastMessagePreview).toBe(hostileText);
    expect(idsOf(await page(lea, search('<b>Zoé</b>')))).toEqual([ids.zoe]);
    const messages = await context.count('SELECT count(*) FROM message');
    const injection = await page(lea, search("'); DROP TABLE message; -- :* | !"));
    expect(injection.items).toEqual([]);
    expect(await context.count('SELECT count(*) FROM message')).toBe(messages);
  });

  it('filters by brand, channel, language, intent, priority and tag, combined with AND and with the search', async () => {
    const everyone = [ids.zoe, ids.amy, ids.marc, ids.chloe];
    expect(idsOf(await page(lea, `view=all&brandId=${context.demo.brandId}`))).toEqual(everyone);
    expect(idsOf(await page(lea, 'view=all&brandId=00000000-0000-4000-8000-000000000000'))).toEqual([]);
    expect(idsOf(await page(lea, 'view=all&channel=x'))).toEqual(everyone);
    expect(idsOf(await page(lea, 'view=all&language=en'))).toEqual([ids.amy]);
    expect(idsOf(await page(lea, 'view=all&language=FR'))).toEqual([ids.zoe, ids.marc, ids.chloe]);

    // Intent and priority as triage and routing decided them: each filter returns exactly those conversations.
    const facts = (await context.dataSource.query(
      `SELECT m.conversation_id, m.intent, r.priority FROM message m
       JOIN routing_conversation r ON r.conversation_id = m.conversation_id WHERE m.direction = 'inbound'`,
    )) as { conversation_id: string; intent: string; priority: string }[];
    for (const intent of new Set(facts.map((fact) => fact.intent))) {
      const expected = everyone.filter((id) =>
        facts.some((fact) => fact.conversation_id === id && fact.intent === intent),
      );
      expect(idsOf(await page(lea, `view=all&intent=${intent}`))).toEqual(expected);
    }
    for (const priority of new Set(facts.map((fact) => fact.priority))) {
      const expected = everyone.filter((id) =>
        facts.some((fact) => fact.conversation_id === id && fact.priority === priority),
      );
      expect(idsOf(await page(lea, `view=all&priority=${priority}`))).toEqual(expected);
    }
    const chloeIntent = facts.find((fact) => fact.conversation_id === ids.chloe)?.intent as string;
    expect(idsOf(await page(lea, `view=all&language=fr&intent=${chloeIntent}&q=lyon`))).toEqual([ids.chloe]);
    expect(idsOf(await page(lea, `view=all&language=en&q=lyon`))).toEqual([]);

    expect(
      (await lea.request('PUT', `/api/conversations/${ids.marc}/tags`, { tags: ['facturation', 'vip'] }))
        .status,
    ).toBe(200);
    expect(idsOf(await page(lea, 'view=all&tag=%20Facturation%20'))).toEqual([ids.marc]);
    expect(idsOf(await page(lea, 'view=all&tag=vip&q=lyon'))).toEqual([]);
    const [marc] = (await page(lea, 'view=all&tag=vip')).items;
    expect(marc?.tags).toEqual(['facturation', 'vip']);

    const facets = (await lea.request('GET', '/api/inbox/facets')).body as InboxFacets;
    expect(facets).toMatchObject({
      brands: [{ id: context.demo.brandId, name: 'Vigie Telecom' }],
      channels: ['x'],
      intents: ['complaint', 'question', 'outage_report', 'request', 'praise', 'spam', 'other'],
      priorities: ['urgent', 'high', 'medium', 'low'],
    });
    expect(facets.tags.slice().sort()).toEqual(['facturation', 'vip']);
    expect(facets.languages).toEqual(expect.arrayContaining(['en', 'fr']));
  });

  it('serves Mine, Unassigned and My team from routing’s assignments', async () => {
    expect(idsOf(await page(lea, 'view=unassigned'))).toEqual([ids.zoe, ids.amy, ids.marc, ids.chloe]);
    expect(idsOf(await page(lea, 'view=mine'))).toEqual([]);
    expect(idsOf(await page(camille, 'view=team'))).toEqual([]);

    // Léa comes online: the drain gives her the queue (capacity 5), in Care FR with Camille, and Hugo's teams.
    expect((await lea.request('PUT', '/api/routing/me/status', { status: 'online' })).status).toBe(200);
    await waitUntil(async () => (await page(lea, 'view=mine')).items.length === 4);
    expect(idsOf(await page(lea, 'view=mine'))).toEqual([ids.zoe, ids.amy, ids.marc, ids.chloe]);
    expect((await page(lea, 'view=mine')).items.every((item) => item.assigneeId !== null)).toBe(true);
    expect(idsOf(await page(lea, 'view=unassigned'))).toEqual([]);
    expect(idsOf(await page(camille, 'view=mine'))).toEqual([]);
    expect(idsOf(await page(camille, 'view=team'))).toEqual([ids.zoe, ids.amy, ids.marc, ids.chloe]);
    expect(idsOf(await page(hugo, 'view=team&language=en'))).toEqual([ids.amy]);
    expect(idsOf(await page(lea, 'view=mine&q=facture'))).toEqual([ids.marc]);
  });

  it('lists conversations at risk (warned, not breached) and breached, soonest due first, as the clock moves', async () => {
    const scheduler = context.api.vigie.app.get(SlaScheduler);
    expect(idsOf(await page(lea, 'view=at_risk'))).toEqual([]);
    expect(idsOf(await page(lea, 'view=breached'))).toEqual([]);

    // 10:33: only Chloé's contract clock (10:00, due 11:00) is past half its hour.
    await setTime('2026-11-18T10:33:00+01:00');
    await scheduler.tick();
    const early = await page(lea, 'view=at_risk');
    expect(early).toMatchObject({ view: 'at_risk', sort: 'due' });
    expect(idsOf(early)).toEqual([ids.chloe]);
    expect(early.items[0]?.sortAt).toBe(new Date('2026-11-18T11:00:00+01:00').toISOString());
    expect(early.items[0]?.sla.warnings).toContainEqual(
      expect.objectContaining({ clock: 'contract', metric: 'first_response' }),
    );

    // 10:47: all four are past half; at 11:07, Chloé (due 11:00) and Marc (11:05) are overdue.
    await setTime('2026-11-18T10:47:00+01:00');
    await scheduler.tick();
    expect(idsOf(await page(lea, 'view=at_risk'))).toEqual([ids.chloe, ids.marc, ids.amy, ids.zoe]);
    await setTime('2026-11-18T11:07:00+01:00');
    // Before the scheduler records the breach, a clock past its due time already counts as breached.
    expect(idsOf(await page(lea, 'view=breached'))).toEqual([ids.chloe, ids.marc]);
    await scheduler.tick();
    const breached = await page(lea, 'view=breached');
    expect(idsOf(breached)).toEqual([ids.chloe, ids.marc]);
    expect(breached.items[0]?.sla.clocks.some((clock) => clock.breachedAt !== null)).toBe(true);
    expect(idsOf(await page(lea, 'view=at_risk'))).toEqual([ids.amy, ids.zoe]);
    expect(idsOf(await page(lea, 'view=breached&q=lyon'))).toEqual([ids.chloe]);
    // One row per page, through the due-time cursor.
    expect(await everyPage(lea, 'view=breached', 1)).toEqual([ids.chloe, ids.marc]);
    expect(await everyPage(ines, 'view=at_risk', 1)).toEqual([ids.amy, ids.zoe]);
    // A cursor of one order is refused by the other.
    const first = await page(lea, 'view=breached&limit=1');
    const wrong = await lea.request(
      'GET',
      `/api/inbox/conversations?view=all&cursor=${encodeURIComponent(first.nextCursor as string)}`,
    );
    expect(wrong.status).toBe(400);
    expect((wrong.body as { message: string }).message).toContain('sorted by due, not by activity');
  });

  it('lists pending, snoozed and resolved conversations; the unresolved views let the resolved one go', async () => {
    const status = async (id: string, body: Record<string, string>) =>
      expect((await lea.request('POST', `/api/conversations/${id}/status`, body)).status).toBe(200);
    await status(ids.marc, { status: 'pending' });
    await status(ids.amy, { status: 'snoozed', snoozedUntil: '2026-11-18T15:00:00+01:00' });
    await status(ids.zoe, { status: 'resolved' });
    expect(idsOf(await page(lea, 'view=pending'))).toEqual([ids.marc]);
    expect(idsOf(await page(lea, 'view=snoozed'))).toEqual([ids.amy]);
    expect(idsOf(await page(lea, 'view=resolved'))).toEqual([ids.zoe]);
    expect(idsOf(await page(lea, 'view=resolved&q=onerror'))).toEqual([ids.zoe]);
    expect(idsOf(await page(lea, 'view=mine'))).not.toContain(ids.zoe);
    expect(idsOf(await page(lea, 'view=at_risk'))).not.toContain(ids.zoe);
    expect(idsOf(await page(lea, 'view=all'))).toEqual([ids.zoe, ids.amy, ids.marc, ids.chloe]);
  });

  it('pages with a keyset cursor that stays stable while new conversations arrive', async () => {
    const before = await everyPage(lea, 'view=all', 100);
    const first = await page(lea, 'view=all&limit=2');
    expect(idsOf(first)).toEqual(before.slice(0, 2));

    // Two new customers write: newer activity, so they go to the top, above the pages already read.
    const newcomers = [
      await mention({
        author: 'vf_new1',
        name: 'Nouveau Un',
        text: '@VigieTelecom la box clignote en rouge',
        lang: 'fr',
        at: '2026-11-18T11:10:00+01:00',
      }),
      await mention({
        author: 'vf_new2',
        name: 'Nouveau Deux',
        text: '@VigieTelecom toujours pas de réseau à Lyon',
        lang: 'fr',
        at: '2026-11-18T11:11:00+01:00',
      }),
    ];
    let cursor = first.nextCursor;
    const rest: string[] = [];
    while (cursor) {
      const next = await page(lea, `view=all&limit=2&cursor=${encodeURIComponent(cursor)}`);
      rest.push(...idsOf(next));
      cursor = next.nextCursor;
    }
    // The pages after the first go on where it stopped: nothing twice, nothing skipped, no newcomer.
    expect([...idsOf(first), ...rest]).toEqual(before);
    expect(idsOf(await page(lea, 'view=all&limit=2'))).toEqual([newcomers[1], newcomers[0]]);
    expect(idsOf(await page(lea, search('lyon')))).toEqual([newcomers[1], ids.chloe]);
  });
});
