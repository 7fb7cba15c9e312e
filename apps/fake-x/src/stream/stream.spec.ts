import * as http from 'node:http';
import {
  ApiResponseError,
  ETwitterStreamEvent,
  type TweetStream,
  type TweetV2SingleStreamResult,
} from 'twitter-api-v2';
import {
  createCustomer,
  injectPost,
  startFakeXTestContext,
  waitFor,
  type FakeXTestContext,
} from '../testing/fake-x-test-context';

/** A raw HTTP connection to the stream, to observe the bytes the way X frames them. */
function openRawStream(url: string): Promise<{ chunks: string[]; ended: Promise<void>; close(): void }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      `${url}/2/tweets/search/stream?tweet.fields=author_id`,
      { headers: { authorization: 'Bearer app' } },
      (response) => {
        const chunks: string[] = [];
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => chunks.push(chunk));
        const ended = new Promise<void>((done) => response.on('close', () => done()));
        resolve({ chunks, ended, close: () => request.destroy() });
      },
    );
    request.on('error', reject);
  });
}

describe('filtered stream through twitter-api-v2', () => {
  let context: FakeXTestContext;
  const streams: TweetStream[] = [];

  beforeAll(async () => {
    context = await startFakeXTestContext({ keepAliveMs: 40 });
  });
  afterAll(() => context.close());
  beforeEach(async () => {
    await context.control('POST', '/control/reset');
    await createCustomer(context, 'jane_doe');
    await context.app.v2.updateStreamRules({
      add: [{ value: '@VigieTelecom -is:retweet', tag: 'inbox:vigie' }, { value: 'panne OR down' }],
    });
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.destroy();
  });

  async function connect(
    options: { keepAliveTimeout?: number } = {},
  ): Promise<{ stream: TweetStream; received: TweetV2SingleStreamResult[]; events: string[] }> {
    const stream = context.app.v2.searchStream({
      autoConnect: false,
      'tweet.fields': ['author_id', 'created_at'],
      expansions: ['author_id'],
    });
    streams.push(stream);
    const received: TweetV2SingleStreamResult[] = [];
    const events: string[] = [];
    stream.on(ETwitterStreamEvent.Data, (message: TweetV2SingleStreamResult) => received.push(message));
    for (const event of [
      ETwitterStreamEvent.ConnectionError,
      ETwitterStreamEvent.ConnectionLost,
      ETwitterStreamEvent.ReconnectAttempt,
      ETwitterStreamEvent.Reconnected,
      ETwitterStreamEvent.DataError,
      ETwitterStreamEvent.DataKeepAlive,
    ]) {
      stream.on(event, () => events.push(event));
    }
    await stream.connect({
      autoReconnect: true,
      autoReconnectRetries: 5,
      keepAliveTimeout: options.keepAliveTimeout ?? 2000,
      nextRetryTimeout: () => 20,
    });
    return { stream, received, events };
  }

  it('delivers matching posts with matching_rules and includes, and skips the rest', async () => {
    const { received } = await connect();
    await injectPost(context, {
      author: 'jane_doe',
      text: '@VigieTelecom plus de réseau, panne ?',
      lang: 'fr',
    });
    await injectPost(context, { author: 'jane_doe', text: 'nothing to see', lang: 'en' });
    await waitFor(() => received.length === 1);
    const [message] = received;
    expect(message.data.text).toBe('@VigieTelecom plus de réseau, panne ?');
    expect(message.matching_rules.map((rule) => rule.tag)).toEqual(['inbox:vigie', undefined]);
    expect(message.includes?.users?.[0].username).toBe('jane_doe');
  });

  it('frames each message as JSON + \\r\\n and sends bare \\r\\n keep-alives as their own chunks', async () => {
    const raw = await openRawStream(context.fakeX.url);
    await injectPost(context, { author: 'jane_doe', text: 'down again', lang: 'en' });
    await waitFor(
      () =>
        raw.chunks.filter((chunk) => chunk === '\r\n').length >= 2 &&
        raw.chunks.some((chunk) => chunk.startsWith('{')),
    );
    const message = raw.chunks.find((chunk) => chunk.startsWith('{')) ?? '';
    expect(message.endsWith('}\r\n')).toBe(true);
    expect(JSON.parse(message)).toMatchObject({
      data: { text: 'down again' },
      matching_rules: [{ id: expect.any(String) }],
    });
    raw.close();
  });

  it('closes the first connection with a ConnectionException when a second one opens', async () => {
    const first = await openRawStream(context.fakeX.url);
    const { received } = await connect();
    await first.ended;
    const last = JSON.parse(first.chunks.join('').trim().split('\r\n').pop() ?? '{}');
    expect(last.errors[0]).toMatchObject({
      title: 'ConnectionException',
      connection_issue: 'TooManyConnections',
      type: 'https://api.twitter.com/2/problems/streaming-connection',
    });
    await injectPost(context, { author: 'jane_doe', text: '@VigieTelecom hello', lang: 'en' });
    await waitFor(() => received.length === 1);
  });

  it('lets the client reconnect by itself after a dropped connection', async () => {
    const { received, events } = await connect();
    expect((await context.control('POST', '/control/stream/drop')).status).toBe(200);
    await waitFor(() => events.includes(ETwitterStreamEvent.Reconnected));
    expect(events).toEqual(
      expect.arrayContaining([ETwitterStreamEvent.ConnectionError, ETwitterStreamEvent.ReconnectAttempt]),
    );
    await injectPost(context, { author: 'jane_doe', text: '@VigieTelecom after the drop', lang: 'en' });
    await waitFor(() => received.some((message) => message.data.text.includes('after the drop')));
  });

  it('goes silent on a stall, so the client notices through its keepAliveTimeout and reconnects', async () => {
    const { received, events } = await connect({ keepAliveTimeout: 250 });
    await context.control('POST', '/control/stream/stall', { durationMs: 5000 });
    await waitFor(() => events.includes(ETwitterStreamEvent.Reconnected));
    expect(events).toContain(ETwitterStreamEvent.ConnectionLost);
    await injectPost(context, { author: 'jane_doe', text: '@VigieTelecom after the stall', lang: 'en' });
    await waitFor(() => received.some((message) => message.data.text.includes('after the stall')));
  });

  it('sends an in-stream operational-disconnect error, then closes', async () => {
    const { stream, events } = await connect();
    const errors: unknown[] = [];
    stream.on(ETwitterStreamEvent.DataError, (payload: unknown) => errors.push(payload));
    await context.control('POST', '/control/stream/operational-disconnect');
    await waitFor(() => errors.length === 1 && events.includes(ETwitterStreamEvent.Reconnected));
    expect(errors[0]).toMatchObject({
      errors: [{ title: 'operational-disconnect', disconnect_type: 'UpstreamOperationalDisconnect' }],
    });
  });

  it('refuses the stream to a user-context token with X unsupported-authentication 403', async () => {
    const error = await context.brand.v2
      .searchStream({ autoConnect: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiResponseError);
    expect((error as ApiResponseError).code).toBe(403);
    expect((error as ApiResponseError).data).toMatchObject({ title: 'Unsupported Authentication' });
  });
});

describe('stream rules', () => {
  let context: FakeXTestContext;

  beforeAll(async () => {
    context = await startFakeXTestContext();
  });
  afterAll(() => context.close());

  it('adds, lists, dry-runs, rejects duplicates and invalid rules, and deletes', async () => {
    const added = await context.app.v2.updateStreamRules({
      add: [{ value: '@VigieTelecom -is:retweet', tag: 'inbox' }],
    });
    expect(added.meta.summary).toEqual({ created: 1, not_created: 0, valid: 1, invalid: 0 });
    const id = added.data?.[0].id ?? '';
    const dryRun = await context.app.v2.updateStreamRules({ add: [{ value: 'panne' }] }, { dry_run: true });
    expect(dryRun.meta.summary.created).toBe(1);
    expect((await context.app.v2.streamRules()).data.map((rule) => rule.value)).toEqual([
      '@VigieTelecom -is:retweet',
    ]);
    const duplicate = await context.app.v2.updateStreamRules({
      add: [{ value: '@VigieTelecom -is:retweet' }],
    });
    expect(duplicate.errors?.[0]).toMatchObject({
      id,
      title: 'DuplicateRule',
      type: 'https://api.twitter.com/2/problems/duplicate-rules',
    });
    const invalid = await context.app.v2
      .updateStreamRules({ add: [{ value: 'is:retweet' }] })
      .catch((caught: unknown) => caught);
    expect(invalid).toBeInstanceOf(ApiResponseError);
    expect((invalid as ApiResponseError).code).toBe(400);
    const deleted = await context.app.v2.updateStreamRules({ delete: { ids: [id, '42'] } });
    expect(deleted.meta.summary).toEqual({ deleted: 1, not_deleted: 1 });
    expect(await context.app.v2.get('tweets/search/stream/rules')).toMatchObject({
      meta: { result_count: 0 },
    });
  });
});
