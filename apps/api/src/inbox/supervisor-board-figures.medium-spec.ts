import { randomUUID } from 'node:crypto';
import type { InboxVolume, SlaFigureRow, SlaFigures } from '@vigie/contracts';
import { ApiClient } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitForRoutedConversation,
  waitForStream,
  waitUntil,
} from '../testing/x-ingestion-test-context';

/** Sessions that outlive the clock's jumps. */
const longSessions = { SESSION_TTL_HOURS: '2160', SESSION_IDLE_MINUTES: '43200' };

/**
 * What the supervisor board's charts read, on a real database with posts ingested from the fake X and the clock
 * driven by the test: `GET /api/inbox/volume` (customers' mentions and DMs per hour) and `GET /api/sla/figures`
 * by hour and filtered by a team or an agent. Wednesday 18 November 2026 in Paris (+01:00), open 09:00-19:00,
 * default policy: first response within one business hour.
 */
describe('the supervisor board figures (real database)', () => {
  let context: IngestionTestContext;
  let hugo: ApiClient;
  let ines: ApiClient;
  let camille: ApiClient;
  let sam: ApiClient;
  const users: Record<'camille' | 'sam', string> = { camille: '', sam: '' };
  const teams: Record<'careFr' | 'careEn', string> = { careFr: '', careEn: '' };
  const conversations: Record<'answeredFast' | 'answeredLate', string> = {
    answeredFast: '',
    answeredLate: '',
  };

  /** Vigie's FakeClock and the fake X's clock move together. */
  async function setTime(at: string): Promise<void> {
    context.api.clock.set(at);
    await context.control('POST', '/control/clock', { offsetMs: Date.parse(at) - Date.now() });
  }

  async function signIn(email: string): Promise<ApiClient> {
    const client = new ApiClient(context.api.url);
    await client.login(email);
    return client;
  }

  async function mention(author: string, text: string, at: string): Promise<string> {
    await setTime(at);
    const post = await injectPost(context, { author, text, lang: 'fr', createdAt: at });
    await waitUntil(
      async () =>
        (await context.count(`SELECT count(*) FROM message WHERE external_id = $1`, [post.id])) === 1,
    );
    return post.id;
  }

  /** An agent answers through Vigie at `at`; resolves once the first-response clocks are fulfilled. */
  async function answer(params: {
    agent: ApiClient;
    conversationId: string;
    handle: string;
    at: string;
  }): Promise<void> {
    const { agent, conversationId } = params;
    await setTime(params.at);
    // X refuses the same text twice from one account: each answer names its customer.
    const response = await agent.request('POST', `/api/conversations/${conversationId}/replies`, {
      text: `@${params.handle} Bonjour, nous regardons cela tout de suite.`,
      mode: 'public_reply',
      idempotencyKey: randomUUID(),
    });
    expect(response.status).toBe(202);
    await waitUntil(
      async () =>
        (await context.count(
          `SELECT count(*) FROM sla_clock WHERE conversation_id = $1 AND metric = 'first_response'
             AND status = 'fulfilled'`,
          [conversationId],
        )) === 2,
    );
  }

  async function figures(client: ApiClient, query: string): Promise<SlaFigures> {
    const response = await client.request('GET', `/api/sla/figures?${query}`);
    if (response.status !== 200)
      throw new Error(`${query} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as SlaFigures;
  }

  const minutes = (ms: number | null | undefined) =>
    ms === null || ms === undefined ? null : Math.round(ms / 60_000);
  const range = 'from=2026-11-18T09:00:00%2B01:00&to=2026-11-18T11:00:00%2B01:00&timezone=Europe/Paris';

  beforeAll(async () => {
    context = await startIngestionTest({ env: longSessions });
    await setTime('2026-11-18T09:00:00+01:00');
    // Sessions live on the test clock: sign in after moving it.
    [hugo, ines, camille, sam] = await Promise.all(
      ['hugo', 'ines', 'camille', 'sam'].map((name) => signIn(`${name}@vigie.demo`)),
    );
    const userRows = (await context.dataSource.query(
      `SELECT id, email FROM app_user WHERE email IN ('camille@vigie.demo', 'sam@vigie.demo')`,
    )) as { id: string; email: string }[];
    users.camille = userRows.find((row) => row.email.startsWith('camille'))?.id ?? '';
    users.sam = userRows.find((row) => row.email.startsWith('sam'))?.id ?? '';
    const teamRows = (await context.dataSource.query(`SELECT id, name FROM team`)) as {
      id: string;
      name: string;
    }[];
    teams.careFr = teamRows.find((row) => row.name === 'Care FR')?.id ?? '';
    teams.careEn = teamRows.find((row) => row.name === 'Care EN')?.id ?? '';
    await waitForStream(context);
    for (const author of ['sb_rapide', 'sb_lent', 'sb_attente', 'sb_dm', 'sb_merci'])
      await createCustomer(context, author, { lang: 'fr' });

    // 09:10 answered by Camille (Care FR) 15 minutes later; 09:40 answered by Sam (Care EN) 70 minutes later.
    const fast = await mention(
      'sb_rapide',
      '@VigieTelecom ma box ne s’allume plus',
      '2026-11-18T09:10:00+01:00',
    );
    conversations.answeredFast = await waitForRoutedConversation(context, fast);
    await answer({
      agent: camille,
      conversationId: conversations.answeredFast,
      handle: 'sb_rapide',
      at: '2026-11-18T09:25:00+01:00',
    });
    const late = await mention('sb_lent', '@VigieTelecom ma facture est fausse', '2026-11-18T09:40:00+01:00');
    conversations.answeredLate = await waitForRoutedConversation(context, late);
    // 10:05 nobody answers; 10:30 a DM; 10:45 a thank-you that needs no reply.
    await mention(
      'sb_attente',
      '@VigieTelecom toujours pas de réseau, quelqu’un ?',
      '2026-11-18T10:05:00+01:00',
    );
    await setTime('2026-11-18T10:30:00+01:00');
    const dm = await context.control<{ data: { id: string } }>('POST', '/control/dms', {
      from: 'sb_dm',
      to: 'VigieTelecom',
      text: 'Bonjour, pouvez-vous changer mon offre ?',
      createdAt: '2026-11-18T10:30:00+01:00',
    });
    await waitUntil(
      async () =>
        (await context.count(`SELECT count(*) FROM message WHERE external_id = $1`, [dm.body.data.id])) === 1,
    );
    await mention('sb_merci', '@VigieTelecom merci beaucoup, au top !', '2026-11-18T10:45:00+01:00');
    await answer({
      agent: sam,
      conversationId: conversations.answeredLate,
      handle: 'sb_lent',
      at: '2026-11-18T10:50:00+01:00',
    });
    await setTime('2026-11-18T11:00:00+01:00');
  });
  afterAll(() => context?.close());

  it('counts customers’ mentions and DMs per hour of the zone, every hour listed, empty ones as zeros', async () => {
    const response = await hugo.request(
      'GET',
      '/api/inbox/volume?from=2026-11-18T08:00:00%2B01:00&to=2026-11-18T11:00:00%2B01:00&timezone=Europe/Paris',
    );
    expect(response.status).toBe(200);
    const volume = response.body as InboxVolume;
    expect(volume).toMatchObject({
      from: '2026-11-18T07:00:00.000Z',
      to: '2026-11-18T10:00:00.000Z',
      timezone: 'Europe/Paris',
    });
    // Agents' replies are not customers' volume; the thank-you is a mention that needs no reply.
    expect(volume.hours).toEqual([
      { at: '2026-11-18T07:00:00.000Z', mentions: 0, directMessages: 0, needingReply: 0 },
      { at: '2026-11-18T08:00:00.000Z', mentions: 2, directMessages: 0, needingReply: 2 },
      { at: '2026-11-18T09:00:00.000Z', mentions: 2, directMessages: 1, needingReply: 2 },
    ]);

    // By default the 24 hours to now; ops see it too.
    const byDefault = (await ines.request('GET', '/api/inbox/volume')).body as InboxVolume;
    expect(byDefault).toMatchObject({ from: '2026-11-17T10:00:00.000Z', to: '2026-11-18T10:00:00.000Z' });
    expect(byDefault.hours).toHaveLength(24);
    expect(byDefault.hours.reduce((sum, hour) => sum + hour.mentions, 0)).toBe(4);
  });

  it('refuses agents, anonymous callers and bad ranges on the volume', async () => {
    expect((await camille.request('GET', '/api/inbox/volume')).status).toBe(403);
    expect((await new ApiClient(context.api.url).request('GET', '/api/inbox/volume')).status).toBe(401);
    for (const query of [
      'timezone=Mars/Olympus',
      'from=2026-11-18T11:00:00Z&to=2026-11-18T10:00:00Z',
      'from=2026-09-01T00:00:00Z&to=2026-11-18T00:00:00Z',
      'from=yesterday',
    ]) {
      const response = await hugo.request('GET', `/api/inbox/volume?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
  });

  it('gives first-response figures per hour of the zone, in both clocks', async () => {
    const byHour = await figures(hugo, `${range}&groupBy=hour`);
    expect(byHour).toMatchObject({ groupBy: 'hour', teamId: null, agentId: null });
    const [nine, ten] = byHour.rows as [SlaFigureRow, SlaFigureRow];
    expect(byHour.rows.map((row) => row.key)).toEqual(['2026-11-18T09:00', '2026-11-18T10:00']);
    // 09:00: one answered in 15 min (met), one in 70 min (missed), in both clocks.
    expect(nine).toMatchObject({ conversations: 2, answeredWithinPromise: 0.5, compliance: 0.5 });
    // percentile_cont between 15 and 70 minutes (X stamps the answers within a second of the clock).
    const exactMinutes = (ms: number | null) => (ms ?? Number.NaN) / 60_000;
    expect(exactMinutes(nine.customerP50Ms)).toBeCloseTo(42.5, 0);
    expect(exactMinutes(nine.customerP90Ms)).toBeCloseTo(64.5, 0);
    expect(exactMinutes(nine.contractP50Ms)).toBeCloseTo(42.5, 0);
    // 10:00: the unanswered mention and the DM are still within their time: nothing decided yet.
    expect(ten).toMatchObject({
      conversations: 2,
      answeredWithinPromise: null,
      compliance: null,
      customerP50Ms: null,
      contractP90Ms: null,
    });
  });

  it('filters the figures to one team’s or one agent’s first responses', async () => {
    const careEn = await figures(hugo, `${range}&groupBy=day&teamId=${teams.careEn}`);
    expect(careEn.teamId).toBe(teams.careEn);
    expect(careEn.rows).toHaveLength(1);
    expect(careEn.rows[0]).toMatchObject({
      key: '2026-11-18',
      conversations: 1,
      answeredWithinPromise: 0,
      compliance: 0,
    });
    expect(minutes(careEn.rows[0]?.contractP50Ms)).toBe(70);

    const careFr = await figures(hugo, `${range}&groupBy=day&teamId=${teams.careFr}`);
    expect(careFr.rows).toEqual([
      expect.objectContaining({ conversations: 1, answeredWithinPromise: 1, compliance: 1 }),
    ]);
    expect(minutes(careFr.rows[0]?.customerP90Ms)).toBe(15);

    const camilleByHour = await figures(ines, `${range}&groupBy=hour&agentId=${users.camille}`);
    expect(camilleByHour).toMatchObject({ agentId: users.camille });
    expect(camilleByHour.rows).toEqual([
      expect.objectContaining({ key: '2026-11-18T09:00', conversations: 1, compliance: 1 }),
    ]);
    // Grouping by agent within a team lists that team's responders only.
    const perAgent = await figures(hugo, `${range}&groupBy=agent&teamId=${teams.careEn}`);
    expect(perAgent.rows.map((row) => row.key)).toEqual([users.sam]);
  });

  it('refuses agents and ids that are not UUIDs on the figures', async () => {
    expect((await sam.request('GET', `/api/sla/figures?groupBy=hour`)).status).toBe(403);
    expect((await hugo.request('GET', '/api/sla/figures?teamId=care-fr')).status).toBe(400);
    expect((await hugo.request('GET', '/api/sla/figures?agentId=42')).status).toBe(400);
  });
});
