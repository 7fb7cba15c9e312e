import type {
  SpikeBulkAnswerView,
  SpikeDetectorFigures,
  SpikeIncidentChanged,
  SpikeIncidentView,
  SpikeLinkedConversationPage,
  SpikeWebhookPayload,
} from '@vigie/contracts';
import { IncidentWebhookDeliverer } from '@vigie/spikes-server';
import { ApiClient, connectSocket, type TestSocket, waitForConnect } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitForStream,
  waitUntil,
} from '../testing/x-ingestion-test-context';
import {
  conversationOfPost,
  incidentById,
  MINUTE_MS,
  openOutageIncidents,
  scanAt,
  setClocks as setBothClocks,
  startReceiver,
} from './spike-test-helpers';

/**
 * Ops regroup incidents, end to end on a real database with the real twitter-api-v2 client against the fake X:
 * unlink a conversation (the topic linker leaves it out from then on), split conversations off into an incident
 * of their own, merge it back (its links move, it closes as merged with a pointer, and a bulk answer written
 * afterwards reaches them all), with role checks, clear 400/404/409 answers, console events and webhooks; then the
 * detector's figures count the false alarm ops marked.
 */
const settings = { SESSION_TTL_HOURS: '2160', SESSION_IDLE_MINUTES: '43200' };
const burstAt = new Date('2026-11-23T09:10:00Z');
const at = (minutes: number) => new Date(burstAt.getTime() + minutes * MINUTE_MS);
const answerText = 'Panne fibre à Lyon : nos équipes sont dessus. Retour prévu vers 14 h.';

type Posted = { tweets: { id: string; text: string; in_reply_to_tweet_id: string | null }[] };

describe('Unlinking, splitting and merging incidents; the detector’s figures (real database, fake X)', () => {
  let context: IngestionTestContext;
  let admin: ApiClient;
  let ops: ApiClient;
  let supervisor: ApiClient;
  let agent: ApiClient;
  let socket: TestSocket;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let outage: SpikeIncidentView;
  let brandWide: SpikeIncidentView;
  let child: SpikeIncidentView;
  let unlinkedConversationId: string;
  let unlinkedPostId: string;
  const events: { name: string; incident: SpikeIncidentView }[] = [];

  const setClocks = (instant: Date) => setBothClocks(context, instant);
  const page = async (id: string, query = '?limit=200'): Promise<SpikeLinkedConversationPage> => {
    const { status, body } = await ops.request('GET', `/api/spikes/incidents/${id}/conversations${query}`);
    expect(status).toBe(200);
    return body as SpikeLinkedConversationPage;
  };
  const linkedIds = async (id: string) => (await page(id)).conversations.map((entry) => entry.conversationId);
  const conversationOf = (postId: string) => conversationOfPost(context, postId);
  const userId = async (email: string): Promise<string> =>
    (
      (await context.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [email])) as {
        id: string;
      }[]
    )[0].id;
  const webhookPayloads = () =>
    receiver.received.map((request) => JSON.parse(request.body) as SpikeWebhookPayload);

  beforeAll(async () => {
    context = await startIngestionTest({ env: settings });
    await setClocks(new Date(burstAt.getTime() - 2 * 86_400_000));
    admin = new ApiClient(context.api.url);
    await admin.login('admin@vigie.demo');
    ops = new ApiClient(context.api.url);
    await ops.login('ines@vigie.demo');
    supervisor = new ApiClient(context.api.url);
    await supervisor.login('hugo@vigie.demo');
    agent = new ApiClient(context.api.url);
    await agent.login('lea@vigie.demo');
    socket = connectSocket(context.api.url, ops.cookie);
    for (const name of ['incident.opened', 'incident.updated', 'incident.closed'] as const)
      socket.on(name, (payload: SpikeIncidentChanged) => events.push({ name, incident: payload.incident }));
    await waitForConnect(socket);
    receiver = await startReceiver();
    expect(
      (
        await admin.request('POST', `/api/spikes/brands/${context.demo.brandId}/webhooks`, {
          name: 'ops-chat',
          url: receiver.url,
          secret: 'whsec_regrouping_secret',
        })
      ).status,
    ).toBe(201);
    await waitForStream(context);
    for (let index = 0; index < 6; index += 1) await createCustomer(context, `client_${index}`);
    ({
      outage,
      brandWide,
      postIds: [unlinkedPostId],
    } = await openOutageIncidents(context, {
      burstAt,
      authors: Array.from({ length: 6 }, (_, index) => `client_${index}`),
      postCount: 30,
      ops,
    }));
    expect(outage.linkedConversationCount).toBe(30);
  });
  afterAll(async () => {
    socket?.disconnect();
    await context?.close();
    await receiver?.close();
  });

  it('answers 401 without a session, 403 to an agent, 400 to bad input and 404 to unknown ids', async () => {
    const anonymous = new ApiClient(context.api.url);
    const someConversation = crypto.randomUUID();
    const routes: [string, string, unknown][] = [
      ['DELETE', `/api/spikes/incidents/${outage.id}/conversations/${someConversation}`, undefined],
      ['POST', `/api/spikes/incidents/${outage.id}/merge`, { incidentId: brandWide.id }],
      ['POST', `/api/spikes/incidents/${outage.id}/split`, { conversationIds: [someConversation] }],
      ['GET', `/api/spikes/figures`, undefined],
    ];
    for (const [method, path, body] of routes) {
      expect((await anonymous.request(method, path, body)).status).toBe(401);
      expect((await agent.request(method, path, body)).status).toBe(403);
    }
    const bad: [string, string, unknown, string][] = [
      ['DELETE', `/api/spikes/incidents/${outage.id}/conversations/nope`, undefined, 'uuid is expected'],
      [
        'POST',
        `/api/spikes/incidents/${outage.id}/merge`,
        { incidentId: 'nope' },
        'incidentId must be a UUID',
      ],
      [
        'POST',
        `/api/spikes/incidents/${outage.id}/merge`,
        { incidentId: outage.id },
        'cannot be merged into itself',
      ],
      [
        'POST',
        `/api/spikes/incidents/${outage.id}/split`,
        { conversationIds: [] },
        'at least one conversation',
      ],
      ['POST', `/api/spikes/incidents/${outage.id}/split`, { conversationIds: ['x'] }, 'must be a UUID'],
      [
        'POST',
        `/api/spikes/incidents/${outage.id}/split`,
        { conversationIds: [someConversation] },
        '1 of these conversations are not linked to the incident',
      ],
      ['GET', `/api/spikes/figures?days=0`, undefined, 'days must be between 1 and 366'],
      ['GET', `/api/spikes/figures?brandId=acme`, undefined, 'brandId must be a UUID'],
    ];
    for (const [method, path, body, message] of bad) {
      const refused = await ops.request(method, path, body);
      expect({ path, status: refused.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(refused.body)).toContain(message);
    }
    const unknown = crypto.randomUUID();
    expect(
      (await ops.request('POST', `/api/spikes/incidents/${unknown}/merge`, { incidentId: brandWide.id }))
        .status,
    ).toBe(404);
    expect(
      (await ops.request('POST', `/api/spikes/incidents/${outage.id}/merge`, { incidentId: unknown })).status,
    ).toBe(404);
    expect(
      (await ops.request('POST', `/api/spikes/incidents/${unknown}/split`, { conversationIds: [unknown] }))
        .status,
    ).toBe(404);
    const notLinked = await ops.request(
      'DELETE',
      `/api/spikes/incidents/${outage.id}/conversations/${unknown}`,
    );
    expect(notLinked.status).toBe(404);
    expect(JSON.stringify(notLinked.body)).toContain('not linked to the incident');
    expect((await ops.request('GET', `/api/spikes/figures?brandId=${unknown}`)).status).toBe(404);

    // Only incidents of one brand merge.
    const [other] = (await context.dataSource.query(
      `INSERT INTO brand (name, default_language) VALUES ('Autre Marque', 'fr') RETURNING id`,
    )) as { id: string }[];
    const [foreign] = (await context.dataSource.query(
      `INSERT INTO spike_incident (brand_id, topic, status, severity, started_at, first_update_minutes,
         first_update_due_at)
       VALUES ($1, 'outage', 'open', 'major', $2, 30, $3) RETURNING id`,
      [other.id, at(0), at(30)],
    )) as { id: string }[];
    const otherBrand = await ops.request('POST', `/api/spikes/incidents/${outage.id}/merge`, {
      incidentId: foreign.id,
    });
    expect(otherBrand.status).toBe(400);
    expect(JSON.stringify(otherBrand.body)).toContain('Only incidents of the same brand can be merged');
  });

  it('unlinks a conversation, which the topic linker then leaves out, until ops link it again by hand', async () => {
    unlinkedConversationId = await conversationOf(unlinkedPostId);
    const unlinked = await ops.request(
      'DELETE',
      `/api/spikes/incidents/${outage.id}/conversations/${unlinkedConversationId}`,
    );
    expect(unlinked.status).toBe(200);
    expect((unlinked.body as SpikeIncidentView).linkedConversationCount).toBe(29);
    expect(await linkedIds(outage.id)).not.toContain(unlinkedConversationId);
    await waitUntil(() =>
      events.some(
        (event) => event.name === 'incident.updated' && event.incident.linkedConversationCount === 29,
      ),
    );
    expect(
      (
        await ops.request(
          'DELETE',
          `/api/spikes/incidents/${outage.id}/conversations/${unlinkedConversationId}`,
        )
      ).status,
    ).toBe(404);

    // The customer writes again in that thread, on the topic: it stays out of the incident.
    await setClocks(at(9));
    const followUp = await injectPost(context, {
      author: 'client_0',
      text: '@VigieTelecom toujours la coupure fibre, aucune connexion',
      inReplyTo: unlinkedPostId,
      lang: 'fr',
      createdAt: at(9).toISOString(),
    });
    expect(await conversationOf(followUp.id)).toBe(unlinkedConversationId);
    expect((await incidentById(ops, outage.id)).linkedConversationCount).toBe(29);

    const relinked = await supervisor.request('POST', `/api/spikes/incidents/${outage.id}/conversations`, {
      conversationId: unlinkedConversationId,
    });
    expect(relinked.status).toBe(200);
    expect((relinked.body as SpikeIncidentView).linkedConversationCount).toBe(30);
  });

  it('splits conversations off into a new incident that keeps the parent’s SLA', async () => {
    const moving = (await page(outage.id, '?limit=5&offset=0')).conversations.map(
      (entry) => entry.conversationId,
    );
    const split = await ops.request('POST', `/api/spikes/incidents/${outage.id}/split`, {
      conversationIds: moving,
    });
    expect(split.status).toBe(201);
    child = split.body as SpikeIncidentView;
    const opsId = await userId('ines@vigie.demo');
    expect(child).toMatchObject({
      brandId: context.demo.brandId,
      topic: 'outage',
      status: 'open',
      severity: outage.severity,
      splitFromId: outage.id,
      openedByUserId: opsId,
      acknowledgedByUserId: opsId,
      linkedConversationCount: 5,
      mentionCount: 0,
    });
    expect(child.sla).toEqual({ ...outage.sla, status: 'running' });
    expect((await linkedIds(child.id)).sort()).toEqual([...moving].sort());
    expect((await incidentById(ops, outage.id)).linkedConversationCount).toBe(25);
    expect(await linkedIds(outage.id)).not.toEqual(expect.arrayContaining([moving[0]]));
    await waitUntil(() =>
      events.some((event) => event.name === 'incident.opened' && event.incident.id === child.id),
    );
    await waitUntil(() =>
      events.some(
        (event) =>
          event.name === 'incident.updated' &&
          event.incident.id === outage.id &&
          event.incident.linkedConversationCount === 25,
      ),
    );

    // A new post on the topic joins the detector's incident, not the one split off by hand.
    await setClocks(at(10));
    const newcomer = await injectPost(context, {
      author: 'client_1',
      text: '@VigieTelecom panne réseau ici aussi',
      lang: 'fr',
      createdAt: at(10).toISOString(),
    });
    const newcomerConversation = await conversationOf(newcomer.id);
    await waitUntil(async () => (await linkedIds(outage.id)).includes(newcomerConversation));
    expect(await linkedIds(child.id)).not.toContain(newcomerConversation);

    // A split leaves the incident's own detector alone: another scan neither updates nor closes the child.
    await setClocks(at(12));
    await scanAt(context, at(12));
    expect(await incidentById(ops, child.id)).toMatchObject({ status: 'open', mentionCount: 0 });
  });

  it('merges the split incident back: its links move, it closes as merged, and the next bulk answer reaches all', async () => {
    const merged = await supervisor.request('POST', `/api/spikes/incidents/${outage.id}/merge`, {
      incidentId: child.id,
    });
    expect(merged.status).toBe(200);
    expect((merged.body as SpikeIncidentView).linkedConversationCount).toBe(31);
    const closedChild = await incidentById(ops, child.id);
    expect(closedChild).toMatchObject({
      status: 'closed',
      closure: 'merged',
      mergedIntoId: outage.id,
      closedByUserId: await userId('hugo@vigie.demo'),
      linkedConversationCount: 0,
    });
    expect(closedChild.sla.status).toBe('stopped');
    await waitUntil(() =>
      events.some((event) => event.name === 'incident.closed' && event.incident.id === child.id),
    );

    for (const [path, body] of [
      [`/api/spikes/incidents/${child.id}/merge`, { incidentId: brandWide.id }],
      [`/api/spikes/incidents/${outage.id}/merge`, { incidentId: child.id }],
      [`/api/spikes/incidents/${child.id}/split`, { conversationIds: [unlinkedConversationId] }],
    ] as const) {
      const refused = await ops.request('POST', path, body);
      expect(refused.status).toBe(409);
      expect(JSON.stringify(refused.body)).toContain(`merged into ${outage.id}`);
    }
    const onMerged = await ops.request('POST', `/api/spikes/incidents/${child.id}/answers`, {
      texts: { fr: answerText },
      requestKey: crypto.randomUUID(),
    });
    expect(onMerged.status).toBe(409);
    expect(JSON.stringify(onMerged.body)).toContain(`merged into ${outage.id}: answer that incident`);

    // 31 conversations of 6 customers: one public reply each, on X.
    const answer = await ops.request('POST', `/api/spikes/incidents/${outage.id}/answers`, {
      texts: { fr: answerText },
      requestKey: crypto.randomUUID(),
    });
    expect(answer.status).toBe(202);
    expect((answer.body as SpikeBulkAnswerView).progress).toMatchObject({ total: 31, skipped: 25 });
    await waitUntil(async () => {
      const posted = (await context.control<Posted>('GET', '/control/posted')).body;
      return posted.tweets.filter((tweet) => tweet.text.endsWith(answerText)).length === 6;
    }, 20_000);
    await waitUntil(async () => (await incidentById(ops, outage.id)).bulkAnswers[0]?.progress.sent === 6);

    // The brand's webhook heard the split and the merge.
    await context.api.vigie.app.get(IncidentWebhookDeliverer).tick();
    await waitUntil(() =>
      webhookPayloads().some(
        (payload) => payload.type === 'incident.closed' && payload.incident.id === child.id,
      ),
    );
    expect(
      webhookPayloads()
        .filter((payload) => payload.incident.id === child.id)
        .map((payload) => [
          payload.type,
          payload.incident.splitFromId,
          payload.incident.mergedIntoId,
          payload.incident.closure,
        ]),
    ).toEqual([
      ['incident.opened', outage.id, null, null],
      ['incident.closed', outage.id, outage.id, 'merged'],
    ]);
  });

  it('counts alerts, real incidents and false alarms per brand and topic over the last 30 days', async () => {
    expect((await ops.request('POST', `/api/spikes/incidents/${brandWide.id}/false-alarm`)).status).toBe(200);
    const figures = await ops.request('GET', `/api/spikes/figures?brandId=${context.demo.brandId}`);
    expect(figures.status).toBe(200);
    const body = figures.body as SpikeDetectorFigures;
    expect(body.to).toBe(at(12).toISOString());
    expect(body.from).toBe(new Date(at(12).getTime() - 30 * 86_400_000).toISOString());
    // The split incident was made by hand: it is not one of the detector's alerts.
    expect(body.brands).toEqual([
      {
        brandId: context.demo.brandId,
        brandName: outage.brandName,
        alerts: 2,
        incidents: 1,
        falseAlarms: 1,
        merged: 0,
        precision: 0.5,
        topics: [
          { topic: '', alerts: 1, incidents: 0, falseAlarms: 1, merged: 0, precision: 0 },
          { topic: 'outage', alerts: 1, incidents: 1, falseAlarms: 0, merged: 0, precision: 1 },
        ],
      },
    ]);
    const everyBrand = (await supervisor.request('GET', '/api/spikes/figures')).body as SpikeDetectorFigures;
    expect(everyBrand.brands.map((brand) => [brand.brandName, brand.alerts])).toEqual([
      ['Autre Marque', 1],
      [outage.brandName, 2],
    ]);

    // Thirty-one days on (a new session: the old one idled out), those alerts are out of the range.
    await setClocks(new Date(at(12).getTime() + 31 * 86_400_000));
    const nextMonth = new ApiClient(context.api.url);
    await nextMonth.login('ines@vigie.demo');
    const later = (await nextMonth.request('GET', `/api/spikes/figures?brandId=${context.demo.brandId}`))
      .body as SpikeDetectorFigures;
    expect(later.brands).toEqual([
      {
        brandId: context.demo.brandId,
        brandName: outage.brandName,
        alerts: 0,
        incidents: 0,
        falseAlarms: 0,
        merged: 0,
        precision: null,
        topics: [],
      },
    ]);
    expect((await nextMonth.request('GET', '/api/spikes/figures?days=366')).body).toMatchObject({
      brands: [
        { brandName: 'Autre Marque', alerts: 1 },
        { brandName: outage.brandName, alerts: 2 },
      ],
    });
  });
});
