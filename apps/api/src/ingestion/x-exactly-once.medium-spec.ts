import { Logger } from '@nestjs/common';
import { webhookSignature } from '@vigie/fake-x-testing';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  messageCount,
  startIngestionTest,
  waitForStream,
  waitUntil,
} from '../testing/x-ingestion-test-context';

const consumerSecret = 'vigie-demo-consumer-secret';

describe('X ingestion exactly once: backfill, three paths, dead letters (fake X, real database)', () => {
  let context: IngestionTestContext;
  let webhookUrl: string;

  beforeAll(async () => {
    context = await startIngestionTest();
    webhookUrl = `${context.api.url}/api/webhooks/x/${context.demo.accountId}`;
    await createCustomer(context, 'emma_l');
    await waitUntil(
      async () =>
        (await context.control<{ data: { isConnected: boolean } }>('GET', '/control/stream')).body.data
          .isConnected,
    );
  });
  afterAll(() => context.close());

  const streamCursor = async () =>
    (
      (await context.dataSource.query(
        `SELECT last_external_id FROM ingestion_cursor WHERE source = 'stream'`,
      )) as { last_external_id: string }[]
    )[0]?.last_external_id;

  it('backfills what was posted while the stream was down, after a drop', async () => {
    const warmUp = await injectPost(context, { author: 'emma_l', text: '@VigieTelecom bonjour' });
    await waitUntil(async () => (await streamCursor()) === warmUp.id);
    // The next reconnections fail, so these posts are never streamed: only the backfill can bring them.
    await context.control('POST', '/control/faults', {
      status: 503,
      count: 3,
      pathPrefix: '/2/tweets/search/stream',
    });
    await context.control('POST', '/control/stream/drop');
    const missed: { id: string }[] = [];
    for (let index = 0; index < 5; index++)
      missed.push(await injectPost(context, { author: 'emma_l', text: `@VigieTelecom coupure ${index}` }));
    await waitUntil(async () =>
      (await Promise.all(missed.map((post) => messageCount(context, post.id)))).every((count) => count === 1),
    );
    await waitUntil(async () => (await streamCursor()) === missed[4]?.id);
  });

  it('backfills what a stalled stream held back, without waiting for the stall to end', async () => {
    await context.control('POST', '/control/stream/stall', { durationMs: 8_000 });
    const held = await injectPost(context, { author: 'emma_l', text: '@VigieTelecom ça rame' });
    const started = Date.now();
    await waitUntil(async () => (await messageCount(context, held.id)) === 1, 6_000);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('stores a post delivered by the stream, the webhook (twice) and a backfill exactly once', async () => {
    const registered = await context.control<{ data: { valid: boolean } }>('POST', '/control/webhooks', {
      url: webhookUrl,
      consumerSecret,
      duplicateDeliveries: true,
    });
    expect(registered.body.data.valid).toBe(true);
    const before = await streamCursor();
    const post = await injectPost(context, { author: 'emma_l', text: '@VigieTelecom trois chemins' });
    await waitUntil(async () => (await streamCursor()) === post.id);
    await context.fakeX.services.webhooks.drain();
    const deliveries =
      context.fakeX.services.webhooks
        .list()[0]
        ?.deliveries.filter((delivery) => delivery.objectId === post.id) ?? [];
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);

    // Rewind the cursor (as a crash between commit and cursor update would) and drop: the backfill reads it again.
    await context.dataSource.query(
      `UPDATE ingestion_cursor SET last_external_id = $1 WHERE source = 'stream'`,
      [before],
    );
    const searches = jest.spyOn(context.fakeX.services.rateLimiter, 'consume');
    await context.control('POST', '/control/stream/drop');
    await waitUntil(() => searches.mock.calls.some(([call]) => call.endpoint === 'search-recent'));
    await waitUntil(async () => (await streamCursor()) === post.id);
    searches.mockRestore();

    expect(await messageCount(context, post.id)).toBe(1);
    expect(
      await context.count(
        `SELECT count(*) FROM conversation c JOIN message m ON m.conversation_id = c.id WHERE m.external_id = $1`,
        [post.id],
      ),
    ).toBe(1);
  });

  it('dead-letters malformed webhook payloads with their reason and raw text, and carries on', async () => {
    const send = (body: string, signature = webhookSignature(consumerSecret, body)) =>
      fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature },
        body,
      });
    const notJson = '{"for_user_id":"1111111111", oops';
    const noIds = JSON.stringify({
      for_user_id: '1111111111',
      tweet_create_events: [{ text: '@VigieTelecom sans id', user: { screen_name: 'x' } }],
    });
    expect((await send(notJson)).status).toBe(200);
    expect((await send(noIds)).status).toBe(200);
    const letters = (await context.dataSource.query(
      `SELECT source, reason, raw FROM dead_letter ORDER BY received_at, reason`,
    )) as { source: string; reason: string; raw: string }[];
    expect(letters.map((letter) => [letter.source, letter.reason])).toEqual(
      expect.arrayContaining([
        ['webhook', 'invalid_json'],
        ['webhook', 'missing_field:id_str'],
      ]),
    );
    expect(letters.find((letter) => letter.reason === 'invalid_json')?.raw).toBe(notJson);

    const after = await injectPost(context, { author: 'emma_l', text: '@VigieTelecom et maintenant ?' });
    await waitUntil(async () => (await messageCount(context, after.id)) === 1);
  });

  it('dead-letters malformed stream lines with their reason and raw text, and the stream carries on', async () => {
    await waitForStream(context);
    const notJson = '{"data":{"id":"19'; // cut mid-payload
    const noId = JSON.stringify({
      data: { text: '@VigieTelecom sans identifiant', author_id: '42', created_at: new Date().toISOString() },
      matching_rules: [{ id: '1' }],
    });
    for (const line of [notJson, noId]) {
      const { status } = await context.control('POST', '/control/stream/raw', { line });
      expect(status).toBe(200);
    }
    await waitUntil(
      async () => (await context.count(`SELECT count(*) FROM dead_letter WHERE source = 'stream'`)) >= 2,
    );
    const letters = (await context.dataSource.query(
      `SELECT reason, raw FROM dead_letter WHERE source = 'stream' ORDER BY received_at`,
    )) as { reason: string; raw: string }[];
    // twitter-api-v2's stream parser hands over only its error for a line that is not JSON (docs/ingestion.md).
    expect(letters.find((letter) => letter.reason === 'invalid_json')?.raw).toMatch(/JSON/);
    expect(letters.find((letter) => letter.reason.startsWith('missing_field'))?.raw).toBe(noId);

    const after = await injectPost(context, { author: 'emma_l', text: '@VigieTelecom toujours là ?' });
    await waitUntil(async () => (await messageCount(context, after.id)) === 1);
  });

  it('answers the CRC challenge, and refuses a forged signature with 401 and a log line', async () => {
    const crc = await fetch(`${webhookUrl}?crc_token=challenge_string`);
    expect(await crc.json()).toEqual({
      response_token: webhookSignature(consumerSecret, 'challenge_string'),
    });

    const warn = jest.spyOn(Logger.prototype, 'warn');
    const body = JSON.stringify({ for_user_id: '1111111111', tweet_create_events: [] });
    const forged = await fetch(webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-twitter-webhooks-signature': webhookSignature('not-the-secret', body),
      },
      body,
    });
    expect(forged.status).toBe(401);
    expect(warn.mock.calls.some(([, message]) => message === 'X webhook refused: bad signature')).toBe(true);
    warn.mockRestore();
    const unsigned = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
  });
});
