import type { SpikeIncidentChanged, SpikeIncidentList, SpikeIncidentView } from '@vigie/contracts';
import { SpikeScanner } from '@vigie/spikes-server';
import { ApiClient, connectSocket, type TestSocket, waitForConnect } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  startSecondNode,
  waitForStream,
  waitUntil,
} from '../testing/x-ingestion-test-context';

/**
 * Mention-volume incidents end to end on a real database, with the real twitter-api-v2 client against the
 * fake X and a FakeClock: posts are counted per minute as they are stored, two days of history are laid
 * down as bucket rows, a burst of outage posts opens incidents (pushed to ops), calm closes them, and a
 * second process continues from the stored detector state.
 */
const longSessions = { SESSION_TTL_HOURS: '2160', SESSION_IDLE_MINUTES: '43200' };
const MINUTE_MS = 60_000;
const firstPostAt = new Date('2026-11-23T09:00:30Z');
const burstAt = new Date('2026-11-23T09:10:00Z');

describe('Spike incidents (real database, fake X)', () => {
  let context: IngestionTestContext;
  let ops: ApiClient;
  let socket: TestSocket;
  const events: { name: string; payload: SpikeIncidentChanged }[] = [];

  beforeAll(async () => {
    context = await startIngestionTest({ env: longSessions });
    ops = new ApiClient(context.api.url);
    await ops.login('ines@vigie.demo');
    socket = connectSocket(context.api.url, ops.cookie);
    for (const name of ['incident.opened', 'incident.updated', 'incident.closed'] as const)
      socket.on(name, (payload) => events.push({ name, payload }));
    await waitForConnect(socket);
    await waitForStream(context);
    for (let index = 0; index < 6; index += 1) await createCustomer(context, `client_${index}`);
  });
  afterAll(async () => {
    socket?.disconnect();
    await context?.close();
  });

  const bucketCount = (topic: string, at: Date) =>
    context.count(
      `SELECT coalesce(sum(mention_count), 0) AS count FROM spike_bucket
       WHERE brand_id = $1 AND topic = $2 AND bucket_at = $3`,
      [context.demo.brandId, topic, at],
    );
  const scanner = () => context.api.vigie.app.get(SpikeScanner);
  const incidentsOf = async (client: ApiClient, query = ''): Promise<SpikeIncidentView[]> => {
    const { status, body } = await client.request('GET', `/api/spikes/incidents${query}`);
    expect(status).toBe(200);
    return (body as SpikeIncidentList).incidents;
  };

  async function post(params: { author: string; text: string; at: Date }): Promise<void> {
    await injectPost(context, {
      author: params.author,
      text: params.text,
      lang: 'fr',
      createdAt: params.at.toISOString(),
    });
  }

  it('answers 401 without a session, 403 to an agent and 400 to a bad query', async () => {
    const anonymous = new ApiClient(context.api.url);
    expect((await anonymous.request('GET', '/api/spikes/incidents')).status).toBe(401);
    const agent = new ApiClient(context.api.url);
    await agent.login('lea@vigie.demo');
    expect((await agent.request('GET', '/api/spikes/incidents')).status).toBe(403);
    expect((await agent.request('GET', `/api/spikes/incidents/${crypto.randomUUID()}`)).status).toBe(403);
    const bad = await ops.request('GET', '/api/spikes/incidents?status=maybe');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('status must be one of: open, closed');
    expect((await ops.request('GET', '/api/spikes/incidents/not-a-uuid')).status).toBe(400);
    expect((await ops.request('GET', `/api/spikes/incidents/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('counts each stored post in the minute bucket of its brand and of its topics', async () => {
    context.api.clock.set(firstPostAt);
    await post({ author: 'client_0', text: '@VigieTelecom une question sur ma facture', at: firstPostAt });
    await post({ author: 'client_1', text: '@VigieTelecom réseau en panne à Lyon ?', at: firstPostAt });
    const minute = new Date(Math.floor(firstPostAt.getTime() / MINUTE_MS) * MINUTE_MS);
    await waitUntil(async () => (await bucketCount('', minute)) === 2);
    expect(await bucketCount('outage', minute)).toBe(1);
  });

  it('opens an incident with its rising terms and samples on a burst, pushes it to ops, and closes it when calm returns', async () => {
    // Two days of history: a mention every five minutes for the brand, one an hour on the outage topic.
    const historyFrom = new Date(firstPostAt.getTime() - 2 * 86_400_000);
    await context.dataSource.query(
      `UPDATE spike_series SET next_bucket_at = date_trunc('minute', $2::timestamptz) WHERE brand_id = $1`,
      [context.demo.brandId, historyFrom],
    );
    for (const [topic, step] of [
      ['', '5 minutes'],
      ['outage', '1 hour'],
    ])
      await context.dataSource.query(
        `INSERT INTO spike_bucket (brand_id, topic, bucket_at, mention_count)
         SELECT $1, $2, minute, 1
         FROM generate_series(date_trunc('minute', $3::timestamptz), $4::timestamptz, $5::interval) AS minute
         ON CONFLICT DO NOTHING`,
        [context.demo.brandId, topic, historyFrom, new Date(firstPostAt.getTime() - 5 * MINUTE_MS), step],
      );
    context.api.clock.set(new Date(burstAt.getTime() - MINUTE_MS));
    await scanner().tick();
    const progress: { next_bucket_at: Date }[] = await context.dataSource.query(
      `SELECT next_bucket_at FROM spike_series WHERE brand_id = $1`,
      [context.demo.brandId],
    );
    expect(progress.map((row) => new Date(row.next_bucket_at).toISOString())).toEqual([
      new Date(burstAt.getTime() - 2 * MINUTE_MS).toISOString(),
      new Date(burstAt.getTime() - 2 * MINUTE_MS).toISOString(),
    ]);
    expect(await incidentsOf(ops)).toEqual([]);

    // Five outage posts a minute for six minutes.
    for (let index = 0; index < 30; index += 1)
      await post({
        author: `client_${index % 6}`,
        text: `@VigieTelecom coupure fibre à Lyon, plus de réseau depuis ce matin (${index})`,
        at: new Date(burstAt.getTime() + Math.floor(index / 5) * MINUTE_MS),
      });
    await waitUntil(
      async () => (await bucketCount('outage', new Date(burstAt.getTime() + 5 * MINUTE_MS))) === 5,
    );

    context.api.clock.set(new Date(burstAt.getTime() + 8 * MINUTE_MS));
    await scanner().tick();
    const open = await incidentsOf(ops, '?status=open');
    const outage = open.find((incident) => incident.topic === 'outage');
    expect(outage).toMatchObject({ brandId: context.demo.brandId, status: 'open', endedAt: null });
    expect(outage?.severity).toBe('critical');
    expect(new Date(outage?.startedAt ?? 0).getTime()).toBeGreaterThanOrEqual(burstAt.getTime());
    expect(new Date(outage?.startedAt ?? 0).getTime()).toBeLessThanOrEqual(burstAt.getTime() + 4 * MINUTE_MS);
    // The live count runs from the minute the alert started.
    expect(outage?.mentionCount).toBeGreaterThanOrEqual(10);
    expect(outage?.topTerms.map((term) => term.term)).toEqual(
      expect.arrayContaining(['coupure', 'fibre', 'lyon']),
    );
    expect(outage?.samples).toHaveLength(5);
    expect(outage?.samples[0].text).toContain('coupure fibre');
    expect(open.some((incident) => incident.topic === '')).toBe(true);
    await waitUntil(() => events.filter((event) => event.name === 'incident.opened').length === 2);
    expect(await ops.request('GET', `/api/spikes/incidents/${outage?.id}`)).toMatchObject({
      status: 200,
      body: { id: outage?.id, topic: 'outage' },
    });

    // No new minute: a second tick changes nothing and announces nothing.
    const eventCount = events.length;
    expect(await scanner().tick()).toBe(0);

    context.api.clock.set(new Date(burstAt.getTime() + 8 * 3_600_000));
    await scanner().tick();
    expect(await incidentsOf(ops, '?status=open')).toEqual([]);
    const closed = (await incidentsOf(ops, '?status=closed')).find((incident) => incident.id === outage?.id);
    expect(closed?.endedAt).not.toBeNull();
    await waitUntil(() =>
      events.some((event) => event.name === 'incident.closed' && event.payload.incident.id === outage?.id),
    );
    expect(events.length).toBeGreaterThan(eventCount);
  });

  it('continues from the stored detector state in another process', async () => {
    const stateOf = async () =>
      (
        (await context.dataSource.query(
          `SELECT next_bucket_at, (detector_state->>'observedBuckets')::int AS observed FROM spike_series
           WHERE brand_id = $1 AND topic = 'outage'`,
          [context.demo.brandId],
        )) as { next_bucket_at: Date; observed: number }[]
      )[0];
    const before = await stateOf();
    const nodeB = await startSecondNode(context, { nodeName: 'spikes-node-b', env: longSessions });
    try {
      context.api.clock.set(new Date(context.api.clock.now().getTime() + 60 * MINUTE_MS));
      await nodeB.app.get(SpikeScanner).tick();
      const after = await stateOf();
      expect(after.observed - before.observed).toBe(60);
      expect(new Date(after.next_bucket_at).getTime() - new Date(before.next_bucket_at).getTime()).toBe(
        60 * MINUTE_MS,
      );
    } finally {
      await nodeB.close();
    }
  });

  it('replays at most a week after a long stop and drops the buckets it will never read again', async () => {
    const bucketsOlderThan = (at: Date) =>
      context.count(`SELECT count(*) FROM spike_bucket WHERE brand_id = $1 AND bucket_at < $2`, [
        context.demo.brandId,
        at,
      ]);
    const observedOutage = async () =>
      Number(
        (
          (await context.dataSource.query(
            `SELECT detector_state->>'observedBuckets' AS observed FROM spike_series
             WHERE brand_id = $1 AND topic = 'outage'`,
            [context.demo.brandId],
          )) as { observed: string }[]
        )[0].observed,
      );
    expect(await bucketsOlderThan(firstPostAt)).toBeGreaterThan(500);
    const before = await observedOutage();
    context.api.clock.set(new Date(context.api.clock.now().getTime() + 10 * 86_400_000));
    await scanner().tick();
    expect((await observedOutage()) - before).toBe(7 * 1440);
    expect(await bucketsOlderThan(new Date(context.api.clock.now().getTime() - 7 * 86_400_000))).toBe(0);
    expect(await incidentsOf(ops, '?status=open')).toEqual([]);
  });
});
