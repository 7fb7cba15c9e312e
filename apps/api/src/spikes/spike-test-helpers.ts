import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SpikeIncidentList, SpikeIncidentView } from '@vigie/contracts';
import { SpikeScanner } from '@vigie/spikes-server';
import type { ApiClient } from '../testing/api-test-context';
import { injectPost, type IngestionTestContext, waitUntil } from '../testing/x-ingestion-test-context';

export const MINUTE_MS = 60_000;

/**
 * Lays down history for a brand series straight as bucket rows (the detector needs a day of it before it may
 * alert): `count` mentions every `step` from `from` to `to`.
 */
export async function layHistory(
  context: IngestionTestContext,
  params: { topic: string; from: Date; to: Date; step: string; count?: number },
): Promise<void> {
  await context.dataSource.query(
    `INSERT INTO spike_series (brand_id, topic, next_bucket_at) VALUES ($1, $2, $3)
     ON CONFLICT (brand_id, topic) DO UPDATE SET next_bucket_at = EXCLUDED.next_bucket_at`,
    [context.demo.brandId, params.topic, params.from],
  );
  await context.dataSource.query(
    `INSERT INTO spike_bucket (brand_id, topic, bucket_at, mention_count)
     SELECT $1, $2, minute, $6 FROM generate_series($3::timestamptz, $4::timestamptz, $5::interval) AS minute
     ON CONFLICT DO NOTHING`,
    [context.demo.brandId, params.topic, params.from, params.to, params.step, params.count ?? 1],
  );
}

/** Adds `count` mentions to the minute bucket at `at` of a brand series (a burst without posts). */
export async function addBucket(
  context: IngestionTestContext,
  params: { topic: string; at: Date; count: number },
): Promise<void> {
  await context.dataSource.query(
    `INSERT INTO spike_bucket (brand_id, topic, bucket_at, mention_count) VALUES ($1, $2, $3, $4)
     ON CONFLICT (brand_id, topic, bucket_at) DO UPDATE SET mention_count = EXCLUDED.mention_count`,
    [context.demo.brandId, params.topic, params.at, params.count],
  );
}

/** Both clocks at one instant: Vigie's FakeClock and the fake X's (post dates, reply times, rate-limit windows). */
export async function setClocks(context: IngestionTestContext, instant: Date): Promise<void> {
  context.api.clock.set(instant);
  await context.control('POST', '/control/clock', { offsetMs: instant.getTime() - Date.now() });
}

/** The conversation of a stored post, once ingestion has stored it. */
export async function conversationOfPost(context: IngestionTestContext, postId: string): Promise<string> {
  let conversationId: string | undefined;
  await waitUntil(async () => {
    const rows: { conversation_id: string }[] = await context.dataSource.query(
      `SELECT conversation_id FROM message WHERE external_id = $1`,
      [postId],
    );
    conversationId = rows[0]?.conversation_id;
    return conversationId !== undefined;
  }, 30_000);
  return conversationId as string;
}

/**
 * The outage scenario of the incident tests: two days of history (a mention every five minutes for the brand,
 * one an hour on the outage topic), then `postCount` outage posts from `authors` in turn, five a minute from
 * `burstAt`, and a scan 8 minutes in. Returns the open outage and brand-wide incidents and the posts' ids.
 */
export async function openOutageIncidents(
  context: IngestionTestContext,
  params: { burstAt: Date; authors: readonly string[]; postCount: number; ops: ApiClient },
): Promise<{ outage: SpikeIncidentView; brandWide: SpikeIncidentView; postIds: string[] }> {
  const at = (minutes: number) => new Date(params.burstAt.getTime() + minutes * MINUTE_MS);
  for (const [topic, step] of [
    ['', '5 minutes'],
    ['outage', '1 hour'],
  ])
    await layHistory(context, {
      topic,
      from: new Date(params.burstAt.getTime() - 2 * 86_400_000),
      to: at(-20),
      step,
    });
  await setClocks(context, at(-1));
  await scanAt(context, at(-1));
  const postIds: string[] = [];
  for (let index = 0; index < params.postCount; index += 1)
    postIds.push(
      (
        await injectPost(context, {
          author: params.authors[index % params.authors.length],
          text: `@VigieTelecom coupure fibre à Lyon, plus de réseau depuis ce matin (${index})`,
          lang: 'fr',
          createdAt: at(Math.floor(index / 5)).toISOString(),
        })
      ).id,
    );
  for (const id of postIds) await conversationOfPost(context, id);
  await setClocks(context, at(8));
  await scanAt(context, at(8));
  const open = await incidentsOf(params.ops, '?status=open');
  const outage = open.find((incident) => incident.topic === 'outage');
  const brandWide = open.find((incident) => incident.topic === '');
  if (!outage || !brandWide) throw new Error('the burst opened no outage and brand-wide incidents');
  return { outage, brandWide, postIds };
}

/** Moves the test clock and runs the scanner once (minutes are read 60 s after they close). */
export async function scanAt(context: IngestionTestContext, at: Date): Promise<void> {
  context.api.clock.set(at);
  await context.api.vigie.app.get(SpikeScanner).tick();
}

export async function incidentsOf(client: ApiClient, query = ''): Promise<SpikeIncidentView[]> {
  const { status, body } = await client.request('GET', `/api/spikes/incidents${query}`);
  if (status !== 200) throw new Error(`GET incidents answered ${status}`);
  return (body as SpikeIncidentList).incidents;
}

export async function incidentById(client: ApiClient, id: string): Promise<SpikeIncidentView> {
  const { status, body } = await client.request('GET', `/api/spikes/incidents/${id}`);
  if (status !== 200) throw new Error(`GET incident answered ${status}`);
  return body as SpikeIncidentView;
}

/** A request a receiver got: headers and the exact bytes of the body. */
export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string; status: number };

/**
 * A local HTTP receiver for outbound webhooks, as a chat or paging tool would run one: it keeps every request
 * and answers 204, or 500 while `failNext` failures remain (or always, with `isAlwaysFailing`).
 */
export async function startReceiver(options: { isAlwaysFailing?: boolean } = {}) {
  const received: ReceivedWebhook[] = [];
  let failures = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const isFailing = options.isAlwaysFailing || failures > 0;
      if (failures > 0) failures -= 1;
      const status = isFailing ? 500 : 204;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/vigie`,
    received,
    failNext(count: number) {
      failures = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
