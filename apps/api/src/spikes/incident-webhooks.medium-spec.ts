import type {
  SpikeIncidentView,
  SpikeWebhookCreated,
  SpikeWebhookDeliveryView,
  SpikeWebhookPayload,
  SpikeWebhookView,
} from '@vigie/contracts';
import { verifySignature } from '@vigie/server';
import { IncidentWebhookDeliverer } from '@vigie/spikes-server';
import type { VigieApp } from '../create-vigie-app';
import { ApiClient } from '../testing/api-test-context';
import {
  type IngestionTestContext,
  startIngestionTest,
  startSecondNode,
  waitUntil,
} from '../testing/x-ingestion-test-context';
import {
  addBucket,
  incidentsOf,
  layHistory,
  MINUTE_MS,
  type ReceivedWebhook,
  scanAt,
  startReceiver,
} from './spike-test-helpers';

/**
 * Outbound incident webhooks end to end on a real database: admins configure a URL and a secret per brand
 * (encrypted at rest), each incident change queues one delivery per webhook in its own transaction, and every
 * process's deliverer signs and POSTs them to a local receiver: a 500 is retried with backoff, a success is
 * never sent again (also with two processes delivering at once), and a receiver that keeps failing ends `dead`.
 * The burst is laid down as bucket rows (no posts needed) so the detector rises through minor, major, critical.
 */
const settings = { SESSION_TTL_HOURS: '2160', SESSION_IDLE_MINUTES: '43200' };
const burstAt = new Date('2026-11-23T09:10:00Z');
/** Counts per minute from `burstAt`, against 10 a minute: the alert starts minor, turns major, then critical. */
const burst = [14, 16, 18, 20, 22, 24, 26, 30, 40, 60, 80, 100, 120, 120];
const chatSecret = 'whsec_chat_0123456789abcdef';

describe('Incident webhooks (real database, signed deliveries to a local receiver)', () => {
  let context: IngestionTestContext;
  let admin: ApiClient;
  let ops: ApiClient;
  let chat: Awaited<ReturnType<typeof startReceiver>>;
  let pager: Awaited<ReturnType<typeof startReceiver>>;
  let chatHook: SpikeWebhookView;
  let pagerHook: SpikeWebhookView;
  let incident: SpikeIncidentView;
  let nodeB: VigieApp | undefined;

  const deliverer = (app: VigieApp = context.api.vigie) => app.app.get(IncidentWebhookDeliverer);
  const deliveries = async (webhookId: string): Promise<SpikeWebhookDeliveryView[]> => {
    const { status, body } = await admin.request('GET', `/api/spikes/webhooks/${webhookId}/deliveries`);
    expect(status).toBe(200);
    return body as SpikeWebhookDeliveryView[];
  };
  const payloadOf = (request: ReceivedWebhook) => JSON.parse(request.body) as SpikeWebhookPayload;
  const successes = (deliveryId: string) =>
    chat.received.filter(
      (request) => request.headers['vigie-delivery'] === deliveryId && request.status === 204,
    );

  beforeAll(async () => {
    context = await startIngestionTest({ env: settings });
    // The scenario's time first, then the sessions (they must not depend on today's date).
    context.api.clock.set(new Date(burstAt.getTime() - 2 * 86_400_000));
    admin = new ApiClient(context.api.url);
    await admin.login('admin@vigie.demo');
    ops = new ApiClient(context.api.url);
    await ops.login('ines@vigie.demo');
    chat = await startReceiver();
    pager = await startReceiver({ isAlwaysFailing: true });
    await layHistory(context, {
      topic: '',
      from: new Date(burstAt.getTime() - 2 * 86_400_000),
      to: new Date(burstAt.getTime() - MINUTE_MS),
      step: '1 minute',
      count: 10,
    });
    await scanAt(context, burstAt);
  });
  afterAll(async () => {
    await nodeB?.close();
    await context?.close();
    await chat?.close();
    await pager?.close();
  });

  it('lets only admins configure webhooks, and answers 400 with a clear message to bad input', async () => {
    const path = `/api/spikes/brands/${context.demo.brandId}/webhooks`;
    const body = { name: 'ops-chat', url: chat.url, secret: chatSecret };
    expect((await new ApiClient(context.api.url).request('POST', path, body)).status).toBe(401);
    expect((await ops.request('POST', path, body)).status).toBe(403);
    expect((await ops.request('GET', path)).status).toBe(403);
    const agent = new ApiClient(context.api.url);
    await agent.login('lea@vigie.demo');
    expect((await agent.request('POST', path, body)).status).toBe(403);

    const cases: [Record<string, unknown>, string][] = [
      [{ ...body, url: 'ftp://example.com/x' }, 'url must be an http(s) URL'],
      [{ ...body, name: 'Not A Name' }, 'name must be 2-60 lower-case'],
      [{ ...body, secret: 'short' }, 'secret must be 16 to 200 characters'],
      [{ ...body, events: ['incident.exploded'] }, 'events must be among: incident.opened'],
      [{ ...body, events: [] }, 'events must name at least one event'],
    ];
    for (const [bad, message] of cases) {
      const refused = await admin.request('POST', path, bad);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain(message);
    }
    expect(
      (await admin.request('POST', `/api/spikes/brands/${crypto.randomUUID()}/webhooks`, body)).status,
    ).toBe(404);
    expect(
      (await admin.request('GET', `/api/spikes/webhooks/${crypto.randomUUID()}/deliveries`)).status,
    ).toBe(404);
  });

  it('keeps the secret encrypted at rest and shows a generated one only once', async () => {
    const path = `/api/spikes/brands/${context.demo.brandId}/webhooks`;
    const created = await admin.request('POST', path, {
      name: 'ops-chat',
      url: chat.url,
      secret: chatSecret,
    });
    expect(created.status).toBe(201);
    chatHook = (created.body as SpikeWebhookCreated).webhook;
    expect(created.body).toMatchObject({
      generatedSecret: null,
      webhook: { name: 'ops-chat', isActive: true },
    });
    expect(chatHook.events).toContain('incident.severity_changed');

    const generated = await admin.request('POST', path, {
      name: 'pager',
      url: pager.url,
      events: ['incident.opened', 'incident.opened'],
    });
    expect(generated.status).toBe(201);
    pagerHook = (generated.body as SpikeWebhookCreated).webhook;
    const pagerSecret = (generated.body as SpikeWebhookCreated).generatedSecret ?? '';
    expect(pagerSecret).toMatch(/^whsec_[\w-]{43}$/);
    expect(pagerHook.events).toEqual(['incident.opened']);

    const listed = await admin.request('GET', path);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(chatSecret);
    expect(JSON.stringify(listed.body)).not.toContain(pagerSecret);
    const stored: { secret_ciphertext: string }[] = await context.dataSource.query(
      `SELECT secret_ciphertext FROM incident_webhook ORDER BY name`,
    );
    for (const row of stored) {
      expect(row.secret_ciphertext).toMatch(/^v1\./);
      expect(row.secret_ciphertext).not.toContain(chatSecret);
      expect(row.secret_ciphertext).not.toContain(pagerSecret);
    }
    const again = await admin.request('POST', path, { name: 'ops-chat', url: chat.url });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('already has a webhook named ops-chat');
  });

  it('updates a webhook (a new secret is encrypted too), switches it off and removes it', async () => {
    const created = await admin.request('POST', `/api/spikes/brands/${context.demo.brandId}/webhooks`, {
      name: 'spare',
      url: chat.url,
    });
    const spare = (created.body as SpikeWebhookCreated).webhook;
    const path = `/api/spikes/webhooks/${spare.id}`;
    expect((await ops.request('PATCH', path, { isActive: false })).status).toBe(403);
    const badUrl = await admin.request('PATCH', path, { url: 'not a url' });
    expect(badUrl.status).toBe(400);
    expect(JSON.stringify(badUrl.body)).toContain('url must be an http(s) URL');
    expect((await admin.request('PATCH', `/api/spikes/webhooks/${crypto.randomUUID()}`, {})).status).toBe(
      404,
    );
    const before: { secret_ciphertext: string }[] = await context.dataSource.query(
      `SELECT secret_ciphertext FROM incident_webhook WHERE id = $1`,
      [spare.id],
    );
    const updated = await admin.request('PATCH', path, {
      secret: 'whsec_rotated_secret_value',
      isActive: false,
      events: ['incident.resolved'],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ isActive: false, events: ['incident.resolved'] });
    const after: { secret_ciphertext: string }[] = await context.dataSource.query(
      `SELECT secret_ciphertext FROM incident_webhook WHERE id = $1`,
      [spare.id],
    );
    expect(after[0].secret_ciphertext).not.toBe(before[0].secret_ciphertext);
    expect(after[0].secret_ciphertext).not.toContain('whsec_rotated_secret_value');
    expect((await admin.request('DELETE', path)).status).toBe(204);
    expect((await admin.request('DELETE', path)).status).toBe(404);
  });

  it('queues each change with the incident, signs it, retries a 500 with backoff and never resends a success', async () => {
    for (const [minute, count] of burst.entries())
      await addBucket(context, { topic: '', at: new Date(burstAt.getTime() + minute * MINUTE_MS), count });
    // The receiver fails the first attempt (every process also delivers on its own timer).
    chat.failNext(1);
    // Minute by minute until the detector alerts: the deliveries exist as soon as the scan committed.
    for (let minute = 2; minute <= burst.length + 1; minute += 1) {
      await scanAt(context, new Date(burstAt.getTime() + minute * MINUTE_MS));
      if ((await incidentsOf(ops, '?status=open')).length > 0) break;
    }
    [incident] = await incidentsOf(ops, '?status=open');
    expect(incident).toMatchObject({ topic: '', severity: 'minor' });
    const queued = await deliveries(chatHook.id);
    expect(queued).toEqual([expect.objectContaining({ eventType: 'incident.opened' })]);
    expect(await deliveries(pagerHook.id)).toHaveLength(1);

    // Retried 30 s later, not before.
    await deliverer().tick();
    const sentAt = context.api.clock.now();
    await waitUntil(() => chat.received.length === 1);
    const [failed] = await deliveries(chatHook.id);
    expect(failed).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
    });
    expect(new Date(failed.nextAttemptAt).getTime()).toBe(sentAt.getTime() + 30_000);
    await deliverer().tick();
    expect(chat.received).toHaveLength(1);
    context.api.clock.advance({ seconds: 31 });
    await deliverer().tick();
    await waitUntil(() => chat.received.length === 2);
    expect((await deliveries(chatHook.id))[0]).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 204,
      lastError: null,
    });

    // Both attempts carried the same delivery id, a fresh signature of the exact body, and the event.
    for (const request of chat.received) {
      expect(request.headers['vigie-delivery']).toBe(queued[0].id);
      expect(request.headers['vigie-event']).toBe('incident.opened');
      expect(request.headers['content-type']).toBe('application/json');
      expect(
        verifySignature({
          header: request.headers['vigie-signature'] as string,
          secret: chatSecret,
          body: request.body,
          now: context.api.clock.now(),
        }),
      ).toEqual({ isValid: true });
      expect(
        verifySignature({
          header: request.headers['vigie-signature'] as string,
          secret: 'whsec_not_the_secret_at_all',
          body: request.body,
          now: context.api.clock.now(),
        }).isValid,
      ).toBe(false);
    }
    const opened = payloadOf(chat.received[1]);
    expect(opened).toMatchObject({
      id: `incident.opened:${incident.id}`,
      type: 'incident.opened',
      incident: { id: incident.id, brandId: context.demo.brandId, severity: 'minor', status: 'open' },
    });
    expect(opened.text).toBe(
      `[minor] ${incident.brandName}: mention volume incident opened — ${opened.incident.mentionCount} mentions (10 expected)`,
    );

    // Delivered is delivered: later ticks send nothing more (the clock stays within this minute of the burst, so
    // the scanner adds nothing meanwhile; two processes and an hour later are below).
    context.api.clock.advance({ seconds: 20 });
    await deliverer().tick();
    await deliverer().tick();
    expect(successes(queued[0].id)).toHaveLength(1);
    expect(chat.received).toHaveLength(2);
  });

  it('tells each rise in severity once', async () => {
    for (let minute = 2; minute <= burst.length + 1; minute += 1)
      await scanAt(context, new Date(burstAt.getTime() + minute * MINUTE_MS));
    await deliverer().tick();
    await waitUntil(() => chat.received.length === 4);
    const severities = chat.received
      .slice(2)
      .map(payloadOf)
      .map((payload) => [payload.type, payload.incident.severity]);
    expect(severities).toEqual([
      ['incident.severity_changed', 'major'],
      ['incident.severity_changed', 'critical'],
    ]);
    // The pager listens to openings only.
    expect((await deliveries(pagerHook.id)).map((delivery) => delivery.eventType)).toEqual([
      'incident.opened',
    ]);
  });

  it('delivers each event exactly once while two processes deliver at the same time', async () => {
    nodeB = await startSecondNode(context, { nodeName: 'webhooks-node-b', env: settings });
    const before = chat.received.length;
    const acknowledged = await ops.request('POST', `/api/spikes/incidents/${incident.id}/acknowledge`);
    expect(acknowledged.status).toBe(200);
    const closed = await ops.request('POST', `/api/spikes/incidents/${incident.id}/false-alarm`);
    expect(closed.status).toBe(200);
    // Both processes also deliver on their own 2-second beat, which may already have sent these: the ticks below
    // then race that beat too, and each event must still reach the receiver once.
    const queued = (await deliveries(chatHook.id)).filter((delivery) =>
      ['incident.acknowledged', 'incident.false_alarm'].includes(delivery.eventType),
    );
    expect(queued.map((delivery) => delivery.eventType).sort()).toEqual([
      'incident.acknowledged',
      'incident.false_alarm',
    ]);
    const processB = nodeB;
    await Promise.all([
      deliverer().tick(),
      deliverer(processB).tick(),
      deliverer().tick(),
      deliverer(processB).tick(),
    ]);
    await waitUntil(async () =>
      (await deliveries(chatHook.id)).every((delivery) => delivery.status === 'delivered'),
    );
    context.api.clock.advance({ hours: 1 });
    await Promise.all([deliverer().tick(), deliverer(processB).tick()]);
    expect(chat.received.length - before).toBe(2);
    for (const delivery of queued) expect(successes(delivery.id)).toHaveLength(1);
    const last = payloadOf(chat.received[chat.received.length - 1]);
    expect([last.type, payloadOf(chat.received[chat.received.length - 2]).type].sort()).toEqual([
      'incident.acknowledged',
      'incident.false_alarm',
    ]);
  });

  it('gives a delivery up as dead after its last attempt', async () => {
    // The pager answered 500 to every attempt so far; each retry waits longer, the eighth is the last.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await deliverer().tick();
      context.api.clock.advance({ hours: 1, seconds: 1 });
    }
    const [dead] = await deliveries(pagerHook.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 8, lastStatusCode: 500, lastError: 'HTTP 500' });
    expect(pager.received).toHaveLength(8);
  });
});
