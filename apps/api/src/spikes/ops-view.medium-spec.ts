import type {
  SpikeBulkAnswerFailures,
  SpikeBulkAnswerView,
  SpikeIncidentView,
  SpikeLinkedConversationPage,
  SpikeSeriesCatalog,
  SpikeVolumeSeries,
} from '@vigie/contracts';
import { DemoSpikeHistory } from '@vigie/spikes-server';
import { ApiClient } from '../testing/api-test-context';
import {
  createCustomer,
  type IngestionTestContext,
  startIngestionTest,
  waitForStream,
  waitUntil,
} from '../testing/x-ingestion-test-context';
import {
  incidentById,
  incidentsOf,
  MINUTE_MS,
  openOutageIncidents,
  scanAt,
  setClocks,
} from './spike-test-helpers';

/**
 * What the console's ops view reads, on a real database with the fake X: the mention-volume chart (counts from
 * the counting table, the baseline band from the stored detector state, the alerts), the report of a bulk
 * answer's failed replies, the linked conversations' customers, and the demo's simulated spike history.
 */
const settings = {
  SESSION_TTL_HOURS: '2160',
  SESSION_IDLE_MINUTES: '43200',
  X_STREAM_STALL_TIMEOUT_MS: '5000',
};
const burstAt = new Date('2026-11-23T09:10:00Z');
const pastBrand = 'Demo Past Telecom';

describe('The ops view’s reads (real database, fake X)', () => {
  let context: IngestionTestContext;
  let ops: ApiClient;
  let agent: ApiClient;
  let pastBrandId: string;

  const volume = async (query: string): Promise<SpikeVolumeSeries> => {
    const { status, body } = await ops.request('GET', `/api/spikes/series/volume?${query}`);
    expect(status).toBe(200);
    return body as SpikeVolumeSeries;
  };
  const seriesRow = async (brandId: string, topic: string) =>
    (
      (await context.dataSource.query(
        `SELECT next_bucket_at, detector_state IS NULL AS is_reset FROM spike_series
         WHERE brand_id = $1 AND topic = $2`,
        [brandId, topic],
      )) as { next_bucket_at: Date; is_reset: boolean }[]
    )[0];
  const bucketSum = (brandId: string, topic: string, from: Date, to: Date) =>
    context.count(
      `SELECT coalesce(sum(mention_count), 0) AS count FROM spike_bucket
       WHERE brand_id = $1 AND topic = $2 AND bucket_at >= $3 AND bucket_at < $4`,
      [brandId, topic, from, to],
    );

  beforeAll(async () => {
    context = await startIngestionTest({ env: settings });
    ops = new ApiClient(context.api.url);
    await ops.login('ines@vigie.demo');
    agent = new ApiClient(context.api.url);
    await agent.login('lea@vigie.demo');
    await waitForStream(context);
    for (let index = 0; index < 6; index += 1) await createCustomer(context, `client_${index}`);
    pastBrandId = (
      (await context.dataSource.query(
        `INSERT INTO brand (name, default_language) VALUES ($1, 'fr') RETURNING id`,
        [pastBrand],
      )) as { id: string }[]
    )[0].id;
  });
  afterAll(async () => {
    await context?.close();
  });

  it('answers 401 without a session, 403 to an agent, 400 to a bad query and 404 to an unknown brand', async () => {
    const anonymous = new ApiClient(context.api.url);
    const query = `brandId=${context.demo.brandId}`;
    expect((await anonymous.request('GET', '/api/spikes/series')).status).toBe(401);
    expect((await anonymous.request('GET', `/api/spikes/series/volume?${query}`)).status).toBe(401);
    expect((await agent.request('GET', '/api/spikes/series')).status).toBe(403);
    expect((await agent.request('GET', `/api/spikes/series/volume?${query}`)).status).toBe(403);
    for (const [bad, message] of [
      ['', 'brandId must be a UUID'],
      ['brandId=nope', 'brandId must be a UUID'],
      [`${query}&hours=0`, 'hours must be between 1 and 168'],
      [`${query}&hours=169`, 'hours must be between 1 and 168'],
      [`${query}&topic=Pas%20un%20sujet`, 'topic must be a topic key'],
    ]) {
      const answer = await ops.request('GET', `/api/spikes/series/volume?${bad}`);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(message);
    }
    const unknown = await ops.request('GET', `/api/spikes/series/volume?brandId=${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
  });

  it('draws a series nobody has written about yet as zeros without a baseline', async () => {
    const quiet = await volume(`brandId=${pastBrandId}&hours=2`);
    expect(quiet).toMatchObject({ brandName: pastBrand, topic: '', stepMinutes: 1, isWarmingUp: true });
    expect(quiet.readUntil).toBeNull();
    expect(quiet.points).toHaveLength(120);
    expect(quiet.points.every((point) => point.count === 0 && point.baselineCount === null)).toBe(true);
    expect(quiet.alerts).toEqual([]);
  });

  it('draws an outage burst above its band, with its alert, and names the customers of the linked conversations', async () => {
    const { outage } = await openOutageIncidents(context, {
      burstAt,
      authors: ['client_0', 'client_1', 'client_2', 'client_3', 'client_4', 'client_5'],
      postCount: 30,
      ops,
    });
    const catalog = (await ops.request('GET', '/api/spikes/series')).body as SpikeSeriesCatalog;
    expect(catalog.brands.find((brand) => brand.brandId === context.demo.brandId)?.topics).toEqual([
      '',
      'outage',
    ]);
    const chart = await volume(`brandId=${context.demo.brandId}&topic=outage&hours=1`);
    expect(chart).toMatchObject({ topic: 'outage', stepMinutes: 1, isWarmingUp: false });
    expect(chart.alerts).toEqual([
      {
        incidentId: outage.id,
        severity: outage.severity,
        status: 'open',
        closure: null,
        startedAt: outage.startedAt,
        endedAt: null,
      },
    ]);
    const burst = chart.points.filter((point) => point.count === 5);
    expect(burst).toHaveLength(6);
    expect(burst[0].at).toBe(burstAt.toISOString());
    for (const point of burst) expect(point.count).toBeGreaterThan(point.bandUpperCount ?? Infinity);

    const page = (await ops.request('GET', `/api/spikes/incidents/${outage.id}/conversations?limit=200`))
      .body as SpikeLinkedConversationPage;
    expect(page.total).toBe(30);
    expect(new Set(page.conversations.map((conversation) => conversation.customerHandle))).toEqual(
      new Set(['client_0', 'client_1', 'client_2', 'client_3', 'client_4', 'client_5']),
    );
    expect(page.conversations.every((conversation) => conversation.customerName?.startsWith('client_'))).toBe(
      true,
    );
  });

  it('reports the replies X refused with its reason, to ops only', async () => {
    const outage = (await incidentsOf(ops, '?status=open')).find((incident) => incident.topic === 'outage');
    if (!outage) throw new Error('no open outage incident');
    // X refuses the first reply of the answer for good.
    await context.control('POST', '/control/faults', {
      status: 403,
      count: 1,
      pathPrefix: '/2/tweets',
      method: 'POST',
    });
    const created = await ops.request('POST', `/api/spikes/incidents/${outage.id}/answers`, {
      texts: { fr: 'Panne fibre à Lyon : nos équipes sont dessus.' },
      requestKey: `ops-view-${crypto.randomUUID()}`,
    });
    expect(created.status).toBe(202);
    const answerId = (created.body as SpikeBulkAnswerView).id;
    let view: SpikeIncidentView = outage;
    await waitUntil(async () => {
      view = await incidentById(ops, outage.id);
      const progress = view.bulkAnswers[0]?.progress;
      return progress !== undefined && progress.queued === 0 && progress.sent + progress.failed === 6;
    }, 30_000);
    expect(view.bulkAnswers[0].progress).toMatchObject({ total: 30, sent: 5, failed: 1, skipped: 24 });

    const path = `/api/spikes/incidents/${outage.id}/answers/${answerId}/failures`;
    const report = await ops.request('GET', path);
    expect(report.status).toBe(200);
    const { total, failures } = report.body as SpikeBulkAnswerFailures;
    expect(total).toBe(1);
    expect(failures).toHaveLength(1);
    expect(failures[0].language).toBe('fr');
    expect(failures[0].reason).not.toBe('');
    expect(failures[0].customerHandle).toMatch(/^client_\d$/);
    expect(failures[0].failedAt).not.toBeNull();

    expect((await agent.request('GET', path)).status).toBe(403);
    expect(
      (await ops.request('GET', `/api/spikes/incidents/${outage.id}/answers/${crypto.randomUUID()}/failures`))
        .status,
    ).toBe(404);
  });
  it('lays the demo feed’s past for a young series, keeps real counts, and the detector reads it', async () => {
    const now = new Date('2026-11-24T09:30:20Z');
    const nowMinute = new Date('2026-11-24T09:30:00Z');
    const from = new Date(nowMinute.getTime() - 48 * 3_600_000);
    await setClocks(context, now);
    // A real minute already counted (the demo feed's first posts arrive as the API starts).
    const realMinute = new Date(nowMinute.getTime() - 30 * MINUTE_MS);
    await context.dataSource.query(
      `INSERT INTO spike_series (brand_id, topic, next_bucket_at) VALUES ($1, '', $2)`,
      [pastBrandId, realMinute],
    );
    await context.dataSource.query(
      `INSERT INTO spike_bucket (brand_id, topic, bucket_at, mention_count) VALUES ($1, '', $2, 50)`,
      [pastBrandId, realMinute],
    );

    const history = context.api.vigie.app.get(DemoSpikeHistory);
    const outcomes = await history.lay({ brandName: pastBrand, hours: 48 });
    expect(outcomes.map((outcome) => [outcome.topic, outcome.laidFrom])).toEqual([
      ['', from.toISOString()],
      ['outage', from.toISOString()],
    ]);
    for (const topic of ['', 'outage']) {
      const row = await seriesRow(pastBrandId, topic);
      expect(new Date(row.next_bucket_at).toISOString()).toBe(from.toISOString());
      expect(row.is_reset).toBe(true);
    }
    expect(await bucketSum(pastBrandId, '', realMinute, new Date(realMinute.getTime() + MINUTE_MS))).toBe(50);
    // The demo feed's 4.2 a minute times its daily rhythm (mean 0.98) over 47.5 hours, about 8 % of it on the
    // outage topic.
    const brandTotal = await bucketSum(pastBrandId, '', from, realMinute);
    const outageTotal = await bucketSum(pastBrandId, 'outage', from, nowMinute);
    expect(brandTotal).toBeGreaterThan(10_000);
    expect(brandTotal).toBeLessThan(13_000);
    expect(outageTotal / brandTotal).toBeGreaterThan(0.05);
    expect(outageTotal / brandTotal).toBeLessThan(0.11);
    expect(await bucketSum(pastBrandId, '', nowMinute, new Date(nowMinute.getTime() + 3_600_000))).toBe(0);

    await scanAt(context, now);
    const chart = await volume(`brandId=${pastBrandId}&hours=24`);
    expect(chart).toMatchObject({ stepMinutes: 5, isWarmingUp: false });
    expect(chart.readUntil).toBe(new Date(nowMinute.getTime() - MINUTE_MS).toISOString());
    expect(chart.points).toHaveLength(24 * 12 + 1);
    const counted = chart.points.reduce((sum, point) => sum + point.count, 0);
    expect(counted).toBe(await bucketSum(pastBrandId, '', new Date(chart.from), new Date(chart.to)));
    for (const point of chart.points) {
      expect(point.baselineCount).not.toBeNull();
      expect(point.bandLowerCount ?? Infinity).toBeLessThanOrEqual(point.baselineCount ?? 0);
      expect(point.bandUpperCount ?? 0).toBeGreaterThan(point.baselineCount ?? Infinity);
    }
    // The ordinary simulated past raised no alert.
    expect(chart.alerts).toEqual([]);
    const catalog = (await ops.request('GET', '/api/spikes/series')).body as SpikeSeriesCatalog;
    expect(catalog.brands.find((brand) => brand.brandId === pastBrandId)).toEqual({
      brandId: pastBrandId,
      brandName: pastBrand,
      topics: ['', 'outage'],
    });
  });

  it('fills the minutes the demo was stopped, once, without starting the detector again', async () => {
    const before = await seriesRow(pastBrandId, '');
    const stoppedFrom = new Date(before.next_bucket_at);
    const restart = new Date(stoppedFrom.getTime() + 3 * 3_600_000 + 20_000);
    await setClocks(context, restart);
    const history = context.api.vigie.app.get(DemoSpikeHistory);
    const outcomes = await history.lay({ brandName: pastBrand, hours: 48 });
    expect(outcomes.map((outcome) => [outcome.topic, outcome.laidFrom])).toEqual([
      ['', stoppedFrom.toISOString()],
      ['outage', stoppedFrom.toISOString()],
    ]);
    const row = await seriesRow(pastBrandId, '');
    expect(row.is_reset).toBe(false);
    expect(new Date(row.next_bucket_at).toISOString()).toBe(stoppedFrom.toISOString());
    const laid = await bucketSum(pastBrandId, '', stoppedFrom, restart);
    expect(laid).toBeGreaterThan(3 * 60 * 0.5);
    // Straight after, nothing is missing: a second start lays nothing.
    expect(await history.lay({ brandName: pastBrand, hours: 48 })).toEqual([]);
    expect(await bucketSum(pastBrandId, '', stoppedFrom, restart)).toBe(laid);
    await scanAt(context, restart);
    expect((await incidentsOf(ops)).filter((incident) => incident.brandId === pastBrandId)).toEqual([]);
  });
});
