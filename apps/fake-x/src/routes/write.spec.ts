import { ApiResponseError } from 'twitter-api-v2';
import { DEFAULT_BRAND_ID } from '../fake-x';
import {
  createCustomer,
  injectPost,
  startFakeXTestContext,
  type FakeXTestContext,
} from '../testing/fake-x-test-context';
import { REPLY_NOT_ALLOWED_DETAIL } from './tweet-routes';

async function failure(promise: Promise<unknown>): Promise<ApiResponseError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiResponseError))
    throw new Error(`expected an ApiResponseError, got ${String(error)}`);
  return error;
}

describe('writes, errors and rate limits through twitter-api-v2', () => {
  let context: FakeXTestContext;

  beforeAll(async () => {
    context = await startFakeXTestContext();
  });
  afterAll(() => context.close());
  beforeEach(() => context.control('POST', '/control/reset'));

  it('creates a post with 201 and records it as posted by the brand', async () => {
    const created = await context.brand.v2.tweet('Bonjour à tous 👋');
    expect(created.data).toEqual({
      id: expect.stringMatching(/^\d{19}$/),
      text: 'Bonjour à tous 👋',
      edit_history_tweet_ids: [created.data.id],
    });
    const { body } = await context.control<{
      tweets: { id: string; author_id: string; in_reply_to_tweet_id: string | null }[];
    }>('GET', '/control/posted');
    expect(body.tweets).toEqual([
      expect.objectContaining({
        id: created.data.id,
        author_id: DEFAULT_BRAND_ID,
        in_reply_to_tweet_id: null,
      }),
    ]);
  });

  it('accepts a reply to a customer who mentioned the brand, in the same conversation', async () => {
    await createCustomer(context, 'jane_doe');
    const mention = await injectPost(context, {
      author: 'jane_doe',
      text: '@VigieTelecom my order never arrived',
      lang: 'en',
    });
    const reply = await context.brand.v2.reply(
      '@jane_doe Sorry about that! Please DM us your order number.',
      mention.id,
    );
    const stored = await context.app.v2.singleTweet(reply.data.id, {
      'tweet.fields': ['conversation_id', 'in_reply_to_user_id'],
    });
    expect(stored.data).toMatchObject({
      conversation_id: mention.id,
      in_reply_to_user_id: expect.any(String),
    });
    const { body } = await context.control<{ tweets: { in_reply_to_tweet_id: string }[] }>(
      'GET',
      '/control/posted',
    );
    expect(body.tweets[0].in_reply_to_tweet_id).toBe(mention.id);
  });

  it('accepts a reply to a post that quotes the brand, and refuses one to a post that never summoned it (403)', async () => {
    await createCustomer(context, 'bob_b');
    const promo = await injectPost(context, {
      author: 'VigieTelecom',
      text: 'Nouvelle offre fibre',
      lang: 'fr',
    });
    const quote = await injectPost(context, { author: 'bob_b', text: 'lol', quoteOf: promo.id, lang: 'fr' });
    await expect(context.brand.v2.reply('Merci Bob', quote.id)).resolves.toBeDefined();
    const unrelated = await injectPost(context, { author: 'bob_b', text: 'my internet is slow', lang: 'en' });
    const error = await failure(context.brand.v2.reply('Can we help?', unrelated.id));
    expect(error.code).toBe(403);
    expect(error.data).toEqual({
      detail: REPLY_NOT_ALLOWED_DETAIL,
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });
  });

  it('refuses duplicate content and posting with an app-only token', async () => {
    await context.brand.v2.tweet('Same text');
    expect((await failure(context.brand.v2.tweet('Same text'))).data).toMatchObject({
      status: 403,
      detail: 'You are not allowed to create a Tweet with duplicate content.',
    });
    expect((await failure(context.app.v2.tweet('hello'))).data).toMatchObject({
      status: 403,
      title: 'Unsupported Authentication',
    });
  });

  it('sends a DM (201) and lists DM events newest first for the account', async () => {
    const jane = await createCustomer(context, 'jane_doe');
    await context.control('POST', '/control/dms', {
      from: 'jane_doe',
      to: 'VigieTelecom',
      text: 'Order 12345 please check',
    });
    const sent = await context.brand.v2.sendDmToParticipant(jane.id, {
      text: 'Hi Jane, we have escalated order 12345.',
    });
    expect(sent).toEqual({
      data: {
        dm_conversation_id: `${DEFAULT_BRAND_ID}-${jane.id}`,
        dm_event_id: expect.stringMatching(/^\d+$/),
      },
    });
    const events = await context.brand.v2.listDmEvents({
      'dm_event.fields': ['sender_id', 'dm_conversation_id', 'created_at'],
      expansions: ['sender_id'],
    });
    expect(events.events.map((event) => ('text' in event ? event.text : undefined))).toEqual([
      'Hi Jane, we have escalated order 12345.',
      'Order 12345 please check',
    ]);
    expect(events.events[1]).toMatchObject({
      event_type: 'MessageCreate',
      sender_id: jane.id,
      dm_conversation_id: `${DEFAULT_BRAND_ID}-${jane.id}`,
    });
    const withJane = await context.brand.v2.listDmEventsWithParticipant(jane.id);
    expect(withJane.events).toHaveLength(2);
    const { body } = await context.control<{ dms: { recipient_id: string }[] }>('GET', '/control/posted');
    expect(body.dms).toEqual([expect.objectContaining({ recipient_id: jane.id })]);
  });

  it('answers X 401 without an Authorization header, with rate-limit headers', async () => {
    const response = await fetch(`${context.fakeX.url}/2/users/${DEFAULT_BRAND_ID}/mentions`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
    expect(response.headers.get('x-rate-limit-limit')).not.toBeNull();
  });

  it('sends x-rate-limit headers and a 429 with a future reset when the window is exhausted', async () => {
    await context.control('POST', '/control/rate-limits', { endpoint: 'mentions', app: 2 });
    const first = await context.app.v2.userMentionTimeline(DEFAULT_BRAND_ID);
    expect(first.rateLimit).toMatchObject({ limit: 2, remaining: 1 });
    await context.app.v2.userMentionTimeline(DEFAULT_BRAND_ID);
    const error = await failure(context.app.v2.userMentionTimeline(DEFAULT_BRAND_ID));
    expect(error.code).toBe(429);
    expect(error.rateLimitError).toBe(true);
    expect(error.rateLimit?.remaining).toBe(0);
    expect(error.rateLimit?.reset).toBeGreaterThan(Date.now() / 1000);
    expect(error.data).toEqual({
      title: 'Too Many Requests',
      type: 'about:blank',
      status: 429,
      detail: 'Too Many Requests',
    });
    await context.control('POST', '/control/rate-limits', { endpoint: 'mentions', app: 450 });
  });

  it('fails the next N requests under a path prefix with the given status', async () => {
    await context.control('POST', '/control/faults', { status: 503, count: 2, pathPrefix: '/2/users' });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await failure(context.app.v2.userMentionTimeline(DEFAULT_BRAND_ID));
      expect(error.code).toBe(503);
      expect(error.data).toMatchObject({ title: 'Service Unavailable', status: 503 });
    }
    await expect(context.app.v2.userMentionTimeline(DEFAULT_BRAND_ID)).resolves.toBeDefined();
  });
});
