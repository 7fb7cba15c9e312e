import type {
  SpikeBulkAnswerView,
  SpikeIncidentChanged,
  SpikeIncidentList,
  SpikeIncidentView,
  SpikeLinkedConversationPage,
} from '@vigie/contracts';
import { SpikeScanner } from '@vigie/spikes-server';
import { ApiClient, connectSocket, type TestSocket, waitForConnect } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitForStream,
  waitUntil,
} from '../testing/x-ingestion-test-context';

/**
 * What ops do with an incident, end to end on a real database with the real twitter-api-v2 client against the
 * fake X: a burst of outage posts opens an incident with its conversations linked, later posts on the topic
 * link theirs (once), ops acknowledge it, answer everyone at once (one reply per customer on X, after their
 * @handle, in their language, by DM for a DM), a retried request posts nothing more, and resolving or marking a
 * false alarm closes incidents for good.
 */
const settings = {
  SESSION_TTL_HOURS: '2160',
  SESSION_IDLE_MINUTES: '43200',
  // The burst is 30 posts at once on two shared cores: a slow keep-alive must not drop the stream meanwhile.
  X_STREAM_STALL_TIMEOUT_MS: '5000',
};
const MINUTE_MS = 60_000;
const burstAt = new Date('2026-11-23T09:10:00Z');
const frenchText = 'Panne fibre en cours à Lyon, nos équipes sont dessus. Retour prévu vers 14 h.';
const englishText = 'Fibre outage in Lyon: our teams are on it. Service expected back around 2 pm.';

type Posted = {
  tweets: { id: string; text: string; in_reply_to_tweet_id: string | null }[];
  dms: { id: string; text: string; recipient_id: string }[];
};

describe('Incident links, ops actions and bulk answers (real database, fake X)', () => {
  let context: IngestionTestContext;
  let ops: ApiClient;
  let supervisor: ApiClient;
  let agent: ApiClient;
  let socket: TestSocket;
  let incident: SpikeIncidentView;
  let brandWide: SpikeIncidentView;
  let newcomerPostId: string;
  let dmCustomerId: string;
  const updates: SpikeIncidentChanged[] = [];
  const closed: SpikeIncidentChanged[] = [];

  const userId = async (email: string): Promise<string> =>
    (
      (await context.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [email])) as {
        id: string;
      }[]
    )[0].id;
  const posted = async (): Promise<Posted> => (await context.control<Posted>('GET', '/control/posted')).body;
  /** The brand's public replies carrying `text` after the customer's @handle. */
  const repliesWith = async (text: string) =>
    (await posted()).tweets.filter((tweet) => tweet.text.startsWith('@') && tweet.text.endsWith(` ${text}`));
  const incidentView = async (id: string): Promise<SpikeIncidentView> => {
    const { status, body } = await ops.request('GET', `/api/spikes/incidents/${id}`);
    expect(status).toBe(200);
    return body as SpikeIncidentView;
  };
  const answer = (id: string, body: Record<string, unknown>, client = ops) =>
    client.request('POST', `/api/spikes/incidents/${id}/answers`, body);
  const post = (params: { author: string; text: string; at: Date; lang?: string }) =>
    injectPost(context, {
      author: params.author,
      text: params.text,
      lang: params.lang ?? 'fr',
      createdAt: params.at.toISOString(),
    });
  const isLinked = async (incidentId: string, externalPostId: string) =>
    (await context.count(
      `SELECT count(*) FROM incident_conversation l JOIN message m ON m.conversation_id = l.conversation_id
       WHERE l.incident_id = $1 AND m.external_id = $2`,
      [incidentId, externalPostId],
    )) === 1;
  const messageStored = async (externalId: string) =>
    (await context.count(`SELECT count(*) FROM message WHERE external_id = $1`, [externalId])) === 1;

  beforeAll(async () => {
    context = await startIngestionTest({ env: settings });
    ops = new ApiClient(context.api.url);
    await ops.login('ines@vigie.demo');
    supervisor = new ApiClient(context.api.url);
    await supervisor.login('hugo@vigie.demo');
    agent = new ApiClient(context.api.url);
    await agent.login('lea@vigie.demo');
    socket = connectSocket(context.api.url, ops.cookie);
    socket.on('incident.updated', (payload) => updates.push(payload));
    socket.on('incident.closed', (payload) => closed.push(payload));
    await waitForConnect(socket);
    await waitForStream(context);
    for (let index = 0; index < 6; index += 1) await createCustomer(context, `client_${index}`);
    await createCustomer(context, 'newcomer');
    await createCustomer(context, 'hand_linked');
    dmCustomerId = await createCustomer(context, 'dm_customer');

    // Two days of history: a mention every five minutes for the brand, one an hour on the outage topic.
    const historyFrom = new Date(burstAt.getTime() - 2 * 86_400_000);
    for (const [topic, step] of [
      ['', '5 minutes'],
      ['outage', '1 hour'],
    ]) {
      await context.dataSource.query(
        `INSERT INTO spike_series (brand_id, topic, next_bucket_at) VALUES ($1, $2, $3)`,
        [context.demo.brandId, topic, historyFrom],
      );
      await context.dataSource.query(
        `INSERT INTO spike_bucket (brand_id, topic, bucket_at, mention_count)
         SELECT $1, $2, minute, 1 FROM generate_series($3::timestamptz, $4::timestamptz, $5::interval) AS minute`,
        [context.demo.brandId, topic, historyFrom, new Date(burstAt.getTime() - 20 * MINUTE_MS), step],
      );
    }
    context.api.clock.set(new Date(burstAt.getTime() - MINUTE_MS));
    await context.api.vigie.app.get(SpikeScanner).tick();

    // Five outage posts a minute for six minutes (every second customer writes in English).
    const burst: string[] = [];
    for (let index = 0; index < 30; index += 1)
      burst.push(
        (
          await post({
            author: `client_${index % 6}`,
            text: `@VigieTelecom coupure fibre à Lyon, plus de réseau depuis ce matin (${index})`,
            at: new Date(burstAt.getTime() + Math.floor(index / 5) * MINUTE_MS),
            lang: index % 2 === 0 ? 'fr' : 'en',
          })
        ).id,
      );
    await waitUntil(async () => (await Promise.all(burst.map(messageStored))).every(Boolean), 30_000);
    context.api.clock.set(new Date(burstAt.getTime() + 8 * MINUTE_MS));
    await context.api.vigie.app.get(SpikeScanner).tick();
    const open = ((await ops.request('GET', '/api/spikes/incidents?status=open')).body as SpikeIncidentList)
      .incidents;
    incident = open.find((candidate) => candidate.topic === 'outage') as SpikeIncidentView;
    brandWide = open.find((candidate) => candidate.topic === '') as SpikeIncidentView;
    expect(incident).toBeDefined();
    expect(brandWide).toBeDefined();
  });
  afterAll(async () => {
    socket?.disconnect();
    await context?.close();
  });

  it('answers 401 without a session, 403 to an agent, 400 to bad input and 404 to an unknown incident', async () => {
    const anonymous = new ApiClient(context.api.url);
    const unknown = crypto.randomUUID();
    const routes: [string, string][] = [
      ['GET', `/api/spikes/incidents/${incident.id}/conversations`],
      ['POST', `/api/spikes/incidents/${incident.id}/acknowledge`],
      ['POST', `/api/spikes/incidents/${incident.id}/resolve`],
      ['POST', `/api/spikes/incidents/${incident.id}/false-alarm`],
      ['POST', `/api/spikes/incidents/${incident.id}/answers`],
      ['POST', `/api/spikes/incidents/${incident.id}/conversations`],
    ];
    for (const [method, path] of routes) {
      const body = method === 'GET' ? undefined : {};
      expect((await anonymous.request(method, path, body)).status).toBe(401);
      expect((await agent.request(method, path, body)).status).toBe(403);
      expect((await ops.request(method, path.replace(incident.id, 'not-a-uuid'), body)).status).toBe(400);
    }
    for (const [method, path] of routes.slice(0, 4))
      expect(
        (await ops.request(method, path.replace(incident.id, unknown), method === 'GET' ? undefined : {}))
          .status,
      ).toBe(404);
    expect(
      (await answer(unknown, { texts: { fr: frenchText }, requestKey: crypto.randomUUID() })).status,
    ).toBe(404);

    const cases: [Record<string, unknown>, string][] = [
      [{ requestKey: crypto.randomUUID() }, 'texts is required'],
      [{ texts: { fr: '  ' }, requestKey: crypto.randomUUID() }, 'at least one language'],
      [{ texts: { en: 'x'.repeat(281) }, requestKey: crypto.randomUUID() }, 'en text is too long for X: 281'],
      [{ texts: { fr: frenchText }, requestKey: 'short' }, 'requestKey must be 8 to 100'],
      [{ texts: { fr: 42 }, requestKey: crypto.randomUUID() }, 'fr must be a string'],
    ];
    for (const [body, message] of cases) {
      const refused = await answer(incident.id, body);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain(message);
    }
    const badPage = await ops.request('GET', `/api/spikes/incidents/${incident.id}/conversations?offset=-1`);
    expect(badPage.status).toBe(400);
  });

  it('opens the incident with the burst’s conversations linked, and pages them', async () => {
    expect(incident.linkedConversationCount).toBe(30);
    expect(brandWide.linkedConversationCount).toBe(30);
    const first = (await ops.request('GET', `/api/spikes/incidents/${incident.id}/conversations?limit=10`))
      .body as SpikeLinkedConversationPage;
    expect(first.total).toBe(30);
    expect(first.conversations).toHaveLength(10);
    expect(first.conversations[0]).toMatchObject({ kind: 'public_thread', status: 'open' });
    expect(first.conversations[0].lastMessagePreview).toContain('coupure fibre');
    const last = (
      await ops.request('GET', `/api/spikes/incidents/${incident.id}/conversations?limit=10&offset=25`)
    ).body as SpikeLinkedConversationPage;
    expect(last.conversations).toHaveLength(5);
    const firstIds = new Set(first.conversations.map((entry) => entry.conversationId));
    expect(last.conversations.some((entry) => firstIds.has(entry.conversationId))).toBe(false);
  });

  it('links a later post on the topic once, and not a post on another subject', async () => {
    const at = new Date(burstAt.getTime() + 8 * MINUTE_MS);
    newcomerPostId = (
      await post({
        author: 'newcomer',
        text: '@VigieTelecom internet down since this morning?',
        at,
        lang: 'en',
      })
    ).id;
    const offTopic = (await post({ author: 'client_0', text: '@VigieTelecom merci pour la facture', at })).id;
    await waitUntil(() => isLinked(incident.id, newcomerPostId));
    await waitUntil(() => messageStored(offTopic));
    expect(await isLinked(incident.id, offTopic)).toBe(false);
    // The brand-wide incident gathers every post of the brand.
    expect(await isLinked(brandWide.id, offTopic)).toBe(true);
    expect((await incidentView(incident.id)).linkedConversationCount).toBe(31);
  });

  it('records who acknowledged first, and tells the consoles', async () => {
    const first = await ops.request('POST', `/api/spikes/incidents/${incident.id}/acknowledge`);
    expect(first.status).toBe(200);
    const opsId = await userId('ines@vigie.demo');
    expect(first.body).toMatchObject({ acknowledgedByUserId: opsId, status: 'open' });
    expect((first.body as SpikeIncidentView).acknowledgedAt).toBe(
      new Date(burstAt.getTime() + 8 * MINUTE_MS).toISOString(),
    );
    await waitUntil(() =>
      updates.some(({ incident: view }) => view.id === incident.id && view.acknowledgedByUserId === opsId),
    );
    const again = await supervisor.request('POST', `/api/spikes/incidents/${incident.id}/acknowledge`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ acknowledgedByUserId: opsId });
  });

  it('answers each customer once on X with their @handle and language, and a retried request posts nothing more', async () => {
    const requestKey = crypto.randomUUID();
    const body = { texts: { fr: frenchText, en: englishText }, requestKey, isForNewcomers: true };
    const created = await answer(incident.id, body);
    expect(created.status).toBe(202);
    const view = created.body as SpikeBulkAnswerView;
    expect(view).toMatchObject({ incidentId: incident.id, isForNewcomers: true });
    // 31 conversations of 7 customers: client_0, 2 and 4 write in French, client_1, 3, 5 and the newcomer in
    // English. X refuses the same text twice, and once per customer is enough: the others are skipped.
    expect(view.progress).toMatchObject({ total: 31, skipped: 24 });

    await waitUntil(
      async () =>
        (await repliesWith(frenchText)).length === 3 && (await repliesWith(englishText)).length === 4,
      20_000,
    );
    const replies = [...(await repliesWith(frenchText)), ...(await repliesWith(englishText))];
    expect(replies.map((reply) => reply.text.split(' ')[0]).sort()).toEqual([
      '@client_0',
      '@client_1',
      '@client_2',
      '@client_3',
      '@client_4',
      '@client_5',
      '@newcomer',
    ]);
    expect(new Set(replies.map((reply) => reply.in_reply_to_tweet_id)).size).toBe(7);
    expect(replies.find((reply) => reply.text.startsWith('@newcomer'))?.in_reply_to_tweet_id).toBe(
      newcomerPostId,
    );
    await waitUntil(async () => (await incidentView(incident.id)).bulkAnswers[0]?.progress.sent === 7);
    expect((await incidentView(incident.id)).bulkAnswers[0].progress).toEqual({
      total: 31,
      queued: 0,
      sent: 7,
      failed: 0,
      skipped: 24,
      nextSendAt: null,
    });
    await waitUntil(() => updates.some(({ incident: update }) => update.bulkAnswers[0]?.progress.sent === 7));

    const retried = await answer(incident.id, body);
    expect(retried.status).toBe(202);
    expect((retried.body as SpikeBulkAnswerView).id).toBe(view.id);
    const reused = await answer(incident.id, { ...body, texts: { fr: 'Autre texte' } });
    expect(reused.status).toBe(409);
    expect(JSON.stringify(reused.body)).toContain('request key was already used');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await repliesWith(frenchText)).toHaveLength(3);
    expect(await repliesWith(englishText)).toHaveLength(4);
    expect((await incidentView(incident.id)).bulkAnswers).toHaveLength(1);
  });

  it('sends the answer to a conversation linked later, by DM for a DM, in the brand’s language', async () => {
    // X lists no DM dated after its own now: bring the fake X's clock to the test's.
    const dmAt = new Date(burstAt.getTime() + 9 * MINUTE_MS);
    await context.control('POST', '/control/clock', { offsetMs: dmAt.getTime() - Date.now() });
    context.api.clock.set(dmAt);
    const dm = await context.control<{ data: { id: string } }>('POST', '/control/dms', {
      from: 'dm_customer',
      to: 'VigieTelecom',
      text: 'Toujours en panne chez moi, la box est hs',
    });
    await waitUntil(() => isLinked(incident.id, dm.body.data.id));
    await waitUntil(async () => (await posted()).dms.some((message) => message.text === frenchText), 20_000);
    const dms = (await posted()).dms.filter((message) => message.text === frenchText);
    expect(dms).toHaveLength(1);
    expect(dms[0].recipient_id).toBe(dmCustomerId);
    await waitUntil(async () => (await incidentView(incident.id)).bulkAnswers[0]?.progress.sent === 8);
    expect(await repliesWith(frenchText)).toHaveLength(3);
  });

  it('links a conversation by hand, once, and sends it the answer for newcomers', async () => {
    const off = await post({
      author: 'hand_linked',
      text: '@VigieTelecom ma box fait un bruit bizarre depuis ce matin',
      at: new Date(burstAt.getTime() + 9 * MINUTE_MS),
    });
    await waitUntil(() => messageStored(off.id));
    expect(await isLinked(incident.id, off.id)).toBe(false);
    const conversationId = (
      (await context.dataSource.query(`SELECT conversation_id FROM message WHERE external_id = $1`, [
        off.id,
      ])) as { conversation_id: string }[]
    )[0].conversation_id;
    const link = (id: string, body: unknown) =>
      ops.request('POST', `/api/spikes/incidents/${id}/conversations`, body);

    expect((await link(incident.id, { conversationId: 'nope' })).status).toBe(400);
    expect((await link(incident.id, { conversationId: crypto.randomUUID() })).status).toBe(404);
    const linked = await link(incident.id, { conversationId });
    expect(linked.status).toBe(200);
    expect((linked.body as SpikeIncidentView).linkedConversationCount).toBe(33);
    expect(
      ((await link(incident.id, { conversationId })).body as SpikeIncidentView).linkedConversationCount,
    ).toBe(33);
    await waitUntil(async () => (await repliesWith(frenchText)).length === 4, 20_000);
    expect(
      (await repliesWith(frenchText)).find((reply) => reply.text.startsWith('@hand_linked')),
    ).toMatchObject({
      in_reply_to_tweet_id: off.id,
    });
    await waitUntil(async () => (await incidentView(incident.id)).bulkAnswers[0]?.progress.sent === 9);
  });

  it('marks a false alarm and resolves for good, and still lets ops send the closing update', async () => {
    const falseAlarm = await supervisor.request('POST', `/api/spikes/incidents/${brandWide.id}/false-alarm`);
    expect(falseAlarm.status).toBe(200);
    expect(falseAlarm.body).toMatchObject({
      status: 'closed',
      closure: 'false_alarm',
      closedByUserId: await userId('hugo@vigie.demo'),
    });

    const resolved = await ops.request('POST', `/api/spikes/incidents/${incident.id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'closed', closure: 'resolved' });
    await waitUntil(() =>
      [incident.id, brandWide.id].every((id) =>
        closed.some(({ incident: view }) => view.id === id && view.status === 'closed'),
      ),
    );
    for (const action of ['resolve', 'false-alarm', 'acknowledge']) {
      const refused = await ops.request('POST', `/api/spikes/incidents/${incident.id}/${action}`);
      expect(refused.status).toBe(409);
      expect(JSON.stringify(refused.body)).toContain('already closed');
    }

    // A closed incident links nothing more; the scanner does not reopen or rewrite it.
    const late = (
      await post({
        author: 'client_1',
        text: '@VigieTelecom encore une coupure réseau',
        at: new Date(burstAt.getTime() + 10 * MINUTE_MS),
      })
    ).id;
    await waitUntil(() => messageStored(late));
    expect(await isLinked(incident.id, late)).toBe(false);
    context.api.clock.set(new Date(burstAt.getTime() + 12 * MINUTE_MS));
    await context.api.vigie.app.get(SpikeScanner).tick();
    expect(await incidentView(incident.id)).toMatchObject({ status: 'closed', closure: 'resolved' });

    // The "it is fixed" update reaches the 33 linked conversations (not the late one): 9 customers.
    const fixed = 'Le service est rétabli à Lyon. Merci de votre patience.';
    const update = await answer(incident.id, { texts: { fr: fixed }, requestKey: crypto.randomUUID() });
    expect(update.status).toBe(202);
    expect((update.body as SpikeBulkAnswerView).progress).toMatchObject({ total: 33, skipped: 24 });
    await waitUntil(
      async () =>
        (await repliesWith(fixed)).length === 8 &&
        (await posted()).dms.filter((message) => message.text === fixed).length === 1,
      20_000,
    );
  });
});
