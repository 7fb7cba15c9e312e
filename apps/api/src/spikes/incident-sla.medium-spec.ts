import type {
  SlaAlert,
  SlaAlertDigest,
  SpikeBrandSettings,
  SpikeIncidentChanged,
  SpikeIncidentView,
} from '@vigie/contracts';
import { SlaScheduler } from '@vigie/sla-server';
import { IncidentSlaWatch } from '@vigie/spikes-server';
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
  setClocks as setBothClocks,
} from './spike-test-helpers';

/**
 * The incident's own SLA, end to end on a real database with the real twitter-api-v2 client against the fake X
 * and both clocks driven (Monday 23 Nov 2026, 10:10 in Paris, business hours): the brand gives ops 20 minutes for
 * a first public update; the incident is warned at half time and breached at its due time (ops consoles hear it
 * in `incident.updated`), and the first bulk answer fulfils it. Meanwhile its linked conversations breach their
 * own clocks without reaching the individual breach board (recorded in their SLA log only), while a conversation
 * outside the incident does reach it, and a linked conversation reaches it again once the incident is closed.
 */
const settings = { SESSION_TTL_HOURS: '2160', SESSION_IDLE_MINUTES: '43200' };
const burstAt = new Date('2026-11-23T09:10:00Z');
const at = (minutes: number) => new Date(burstAt.getTime() + minutes * MINUTE_MS);

describe('Incident SLA (real database, fake X)', () => {
  let context: IngestionTestContext;
  let admin: ApiClient;
  let ops: ApiClient;
  let socket: TestSocket;
  let incident: SpikeIncidentView;
  let offTopicConversationId: string;
  const alerts: SlaAlert[] = [];
  const updates: SpikeIncidentView[] = [];

  const setClocks = (instant: Date) => setBothClocks(context, instant);
  const conversationOf = (postId: string) => conversationOfPost(context, postId);
  const linkedIds = async (incidentId: string): Promise<string[]> =>
    (
      (await context.dataSource.query(
        `SELECT conversation_id FROM incident_conversation WHERE incident_id = $1 AND unlinked_at IS NULL`,
        [incidentId],
      )) as { conversation_id: string }[]
    ).map((row) => row.conversation_id);
  const post = (author: string, text: string, instant: Date) =>
    injectPost(context, { author, text, lang: 'fr', createdAt: instant.toISOString() });
  const slaTick = () => context.api.vigie.app.get(SlaScheduler).tick();
  const watchTick = () => context.api.vigie.app.get(IncidentSlaWatch).check();

  beforeAll(async () => {
    context = await startIngestionTest({ env: settings });
    await setClocks(new Date(burstAt.getTime() - 2 * 86_400_000));
    admin = new ApiClient(context.api.url);
    await admin.login('admin@vigie.demo');
    ops = new ApiClient(context.api.url);
    await ops.login('ines@vigie.demo');
    const supervisor = new ApiClient(context.api.url);
    await supervisor.login('hugo@vigie.demo');
    // A supervisor's console hears both kinds of SLA alerts and the incidents.
    socket = connectSocket(context.api.url, supervisor.cookie);
    const collect = (digest: SlaAlertDigest) => alerts.push(...digest.alerts);
    socket.on('sla.warning', collect);
    socket.on('sla.breached', collect);
    socket.on('incident.updated', (payload: SpikeIncidentChanged) => updates.push(payload.incident));
    await waitForConnect(socket);
    await waitForStream(context);
    for (let index = 0; index < 6; index += 1) await createCustomer(context, `client_${index}`);
    await createCustomer(context, 'billing_q');
    await createCustomer(context, 'late_reporter');
  });
  afterAll(async () => {
    socket?.disconnect();
    await context?.close();
  });

  it('lets admins set the first-update target per brand, within bounds', async () => {
    const path = `/api/spikes/brands/${context.demo.brandId}/settings`;
    expect((await ops.request('GET', path)).body).toEqual({
      brandId: context.demo.brandId,
      firstUpdateMinutes: 30,
      isDefault: true,
    });
    expect((await ops.request('PUT', path, { firstUpdateMinutes: 20 })).status).toBe(403);
    const agent = new ApiClient(context.api.url);
    await agent.login('lea@vigie.demo');
    expect((await agent.request('GET', path)).status).toBe(403);
    for (const value of [0, 1441, 2.5, '20'])
      expect(JSON.stringify((await admin.request('PUT', path, { firstUpdateMinutes: value })).body)).toMatch(
        /firstUpdateMinutes must be (between 1 and 1440|a whole number of minutes)/,
      );
    expect((await admin.request('GET', `/api/spikes/brands/${crypto.randomUUID()}/settings`)).status).toBe(
      404,
    );
    const saved = await admin.request('PUT', path, { firstUpdateMinutes: 20 });
    expect(saved.status).toBe(200);
    expect(saved.body as SpikeBrandSettings).toEqual({
      brandId: context.demo.brandId,
      firstUpdateMinutes: 20,
      isDefault: false,
    });
  });

  it('opens the incident with its first update due 20 minutes later, warns at half time and breaches at the due time', async () => {
    // Five outage posts a minute for six minutes from six customers, and one question about something else.
    const opened = await openOutageIncidents(context, {
      burstAt,
      authors: Array.from({ length: 6 }, (_, index) => `client_${index}`),
      postCount: 30,
      ops,
    });
    incident = opened.outage;
    const question = await post(
      'billing_q',
      '@VigieTelecom une question sur ma facture de novembre, pouvez-vous m’aider ?',
      at(2),
    );
    offTopicConversationId = await conversationOf(question.id);
    // The brand-wide incident gathers every post, the question too: ops call it a false alarm (the outage one
    // is what matters), so only the outage incident covers conversations from here on.
    const { brandWide } = opened;
    expect((await ops.request('POST', `/api/spikes/incidents/${brandWide.id}/false-alarm`)).status).toBe(200);
    expect(incident.sla).toEqual({
      status: 'running',
      targetMinutes: 20,
      dueAt: at(28).toISOString(),
      warnedAt: null,
      breachedAt: null,
      fulfilledAt: null,
    });
    expect(await linkedIds(incident.id)).not.toContain(offTopicConversationId);
    expect(await linkedIds(brandWide.id)).toContain(offTopicConversationId);

    await setClocks(at(17));
    await watchTick();
    expect((await incidentById(ops, incident.id)).sla.warnedAt).toBeNull();
    await setClocks(at(18));
    await watchTick();
    await waitUntil(() =>
      updates.some((update) => update.id === incident.id && update.sla.warnedAt !== null),
    );
    expect((await incidentById(ops, incident.id)).sla).toMatchObject({
      status: 'running',
      warnedAt: at(18).toISOString(),
      breachedAt: null,
    });

    await setClocks(at(28));
    await watchTick();
    await waitUntil(() =>
      updates.some((update) => update.id === incident.id && update.sla.breachedAt !== null),
    );
    expect((await incidentById(ops, incident.id)).sla).toMatchObject({
      status: 'running',
      warnedAt: at(18).toISOString(),
      breachedAt: at(28).toISOString(),
    });
    // Recorded once, whatever the number of ticks.
    const breachUpdates = updates.filter(
      (update) => update.id === incident.id && update.sla.breachedAt !== null,
    );
    await watchTick();
    expect(
      updates.filter((update) => update.id === incident.id && update.sla.breachedAt !== null),
    ).toHaveLength(breachUpdates.length);
  });

  it('keeps the linked conversations off the individual breach board while the incident is open', async () => {
    // 10:20 in UTC: every customer's one-hour promise has run out, and the one business hour of the contract.
    await setClocks(at(70));
    await slaTick();
    await waitUntil(() =>
      alerts.some((alert) => alert.conversationId === offTopicConversationId && alert.kind === 'breach'),
    );
    const linked = new Set(await linkedIds(incident.id));
    expect(linked.size).toBe(30);
    expect(alerts.filter((alert) => linked.has(alert.conversationId))).toEqual([]);
    expect(
      alerts
        .filter((alert) => alert.conversationId === offTopicConversationId)
        .map((alert) => `${alert.clock}:${alert.kind}`)
        .sort(),
    ).toEqual(['contract:breach', 'contract:warning', 'contract:warning', 'customer:breach']);
    // Their clocks did breach: the SLA log has it, only the alerts were held back.
    const breachedLinked = await context.count(
      `SELECT count(DISTINCT conversation_id) FROM sla_event WHERE kind = 'breached' AND conversation_id = ANY($1::uuid[])`,
      [[...linked]],
    );
    expect(breachedLinked).toBe(30);
  });

  it('is fulfilled (late) by the first bulk answer', async () => {
    const answered = await ops.request('POST', `/api/spikes/incidents/${incident.id}/answers`, {
      texts: { fr: 'Panne fibre à Lyon : nos équipes sont dessus, retour prévu vers 14 h.' },
      requestKey: crypto.randomUUID(),
    });
    expect(answered.status).toBe(202);
    const view = await incidentById(ops, incident.id);
    expect(view.sla).toEqual({
      status: 'fulfilled',
      targetMinutes: 20,
      dueAt: at(28).toISOString(),
      warnedAt: at(18).toISOString(),
      breachedAt: at(28).toISOString(),
      fulfilledAt: at(70).toISOString(),
    });
    await waitUntil(() =>
      updates.some((update) => update.id === incident.id && update.sla.status === 'fulfilled'),
    );
    // A second answer changes nothing.
    await ops.request('POST', `/api/spikes/incidents/${incident.id}/answers`, {
      texts: { fr: 'Point d’étape : le réseau revient progressivement.' },
      requestKey: crypto.randomUUID(),
    });
    expect((await incidentById(ops, incident.id)).sla.fulfilledAt).toBe(at(70).toISOString());
  });

  it('puts a linked conversation back on the board once the incident is closed', async () => {
    await setClocks(at(72));
    const late = await post('late_reporter', '@VigieTelecom toujours en panne, plus de réseau', at(72));
    const lateConversationId = await conversationOf(late.id);
    await waitUntil(async () => (await linkedIds(incident.id)).includes(lateConversationId));
    expect((await ops.request('POST', `/api/spikes/incidents/${incident.id}/resolve`)).status).toBe(200);
    expect((await incidentById(ops, incident.id)).sla.status).toBe('fulfilled');
    await setClocks(at(72 + 61));
    await slaTick();
    await waitUntil(() =>
      alerts.some((alert) => alert.conversationId === lateConversationId && alert.kind === 'breach'),
    );
  });
});
