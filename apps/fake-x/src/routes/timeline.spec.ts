import { ApiResponseError } from 'twitter-api-v2';
import { DEFAULT_BRAND_ID } from '../fake-x';
import { snowflakeToMs } from '../store/snowflake';
import {
  createCustomer,
  injectPost,
  startFakeXTestContext,
  type FakeXTestContext,
} from '../testing/fake-x-test-context';

describe('timelines and lookups through twitter-api-v2', () => {
  let context: FakeXTestContext;

  beforeAll(async () => {
    context = await startFakeXTestContext();
  });
  afterAll(() => context.close());
  beforeEach(() => context.control('POST', '/control/reset'));

  async function seedMentions(count: number, author = 'jane_doe'): Promise<string[]> {
    await createCustomer(context, author);
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1)
      ids.push(
        (await injectPost(context, { author, text: `@VigieTelecom message ${index}`, lang: 'en' })).id,
      );
    return ids;
  }

  it('pages mentions newest first with next_token until the last page', async () => {
    const ids = await seedMentions(12);
    const timeline = await context.app.v2.userMentionTimeline(DEFAULT_BRAND_ID, {
      max_results: 5,
      'tweet.fields': ['created_at', 'author_id'],
    });
    expect(timeline.meta.next_token).toBeDefined();
    await timeline.fetchLast(100);
    const seen = timeline.tweets.map((tweet) => tweet.id);
    expect(seen).toEqual([...ids].reverse());
    expect(timeline.done).toBe(true);
    for (const tweet of timeline.tweets)
      expect(snowflakeToMs(tweet.id)).toBe(Date.parse(tweet.created_at ?? ''));
  });

  it('returns only posts newer than since_id, and an empty page as meta.result_count 0 without data', async () => {
    const ids = await seedMentions(4);
    const newer = await context.app.v2.userMentionTimeline(DEFAULT_BRAND_ID, { since_id: ids[1] });
    expect(newer.tweets.map((tweet) => tweet.id)).toEqual([ids[3], ids[2]]);
    expect(newer.meta).toMatchObject({ newest_id: ids[3], oldest_id: ids[2], result_count: 2 });
    const raw = await context.app.v2.get(`users/${DEFAULT_BRAND_ID}/mentions`, { since_id: ids[3] });
    expect(raw).toEqual({ meta: { result_count: 0 } });
  });

  it('honours until_id and previous_token', async () => {
    const ids = await seedMentions(8);
    const older = await context.app.v2.userMentionTimeline(DEFAULT_BRAND_ID, {
      until_id: ids[5],
      max_results: 5,
    });
    expect(older.tweets.map((tweet) => tweet.id)).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
    const first = await context.app.v2.get<{ meta: { next_token: string } }>(
      `users/${DEFAULT_BRAND_ID}/mentions`,
      { max_results: 5 },
    );
    const second = await context.app.v2.get<{ meta: { previous_token: string } }>(
      `users/${DEFAULT_BRAND_ID}/mentions`,
      { max_results: 5, pagination_token: first.meta.next_token },
    );
    const back = await context.app.v2.get<{ data: { id: string }[] }>(`users/${DEFAULT_BRAND_ID}/mentions`, {
      max_results: 5,
      pagination_token: second.meta.previous_token,
    });
    expect(back.data.map((tweet) => tweet.id)).toEqual([ids[7], ids[6], ids[5], ids[4], ids[3]]);
  });

  it('reaches only the 800 most recent mentions', async () => {
    const customer = await createCustomer(context, 'flooder');
    const start = Date.now() - 3_600_000;
    for (let index = 0; index < 805; index += 1) {
      context.fakeX.store.createPost({
        authorId: customer.id,
        text: `@VigieTelecom n${index}`,
        createdAtMs: start + index * 1000,
        origin: 'control',
      });
    }
    const timeline = await context.app.v2.userMentionTimeline(DEFAULT_BRAND_ID, { max_results: 100 });
    await timeline.fetchLast(1000);
    expect(timeline.tweets).toHaveLength(800);
    expect(timeline.tweets[799].text).toBe('@VigieTelecom n5');
  });

  it('rejects max_results outside 5..100 and unknown parameters with X invalid-request', async () => {
    const error = await context.app.v2
      .get(`users/${DEFAULT_BRAND_ID}/mentions`, { max_results: 3 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiResponseError);
    expect((error as ApiResponseError).code).toBe(400);
    expect((error as ApiResponseError).data).toMatchObject({
      title: 'Invalid Request',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    });
    const unknown = await context.app.v2
      .get('tweets/search/recent', { query: 'x', previous_token: 'abc' })
      .catch((caught: unknown) => caught as ApiResponseError);
    expect((unknown as ApiResponseError).data.errors?.[0]).toMatchObject({
      parameters: { previous_token: ['abc'] },
    });
  });

  it('searches recent posts with next_token and since_id, without retweets', async () => {
    const ids = await seedMentions(15);
    await injectPost(context, { author: 'jane_doe', retweetOf: ids[0] });
    const search = await context.app.v2.search('@VigieTelecom', { max_results: 10 });
    expect(search.tweets).toHaveLength(10);
    expect(search.meta.next_token).toBeDefined();
    await search.fetchNext();
    expect(search.tweets.map((tweet) => tweet.id)).toEqual([...ids].reverse());
    const since = await context.app.v2.search('@VigieTelecom message', { since_id: ids[12] });
    expect(since.tweets.map((tweet) => tweet.id)).toEqual([ids[14], ids[13]]);
  });

  it('expands authors, replied-to posts and their users into includes', async () => {
    const jane = await createCustomer(context, 'jane_doe');
    const promo = await injectPost(context, {
      author: 'VigieTelecom',
      text: 'Our winter sale starts today!',
      lang: 'en',
    });
    const reply = await injectPost(context, {
      author: 'jane_doe',
      text: 'my order never arrived',
      inReplyTo: promo.id,
      lang: 'en',
    });
    expect(reply.text).toBe('@VigieTelecom my order never arrived');
    const result = await context.app.v2.singleTweet(reply.id, {
      'tweet.fields': [
        'author_id',
        'conversation_id',
        'in_reply_to_user_id',
        'referenced_tweets',
        'entities',
        'lang',
      ],
      expansions: ['author_id', 'referenced_tweets.id', 'in_reply_to_user_id'],
      'user.fields': ['username', 'name', 'verified'],
    });
    expect(result.data).toMatchObject({
      id: reply.id,
      author_id: jane.id,
      conversation_id: promo.id,
      in_reply_to_user_id: DEFAULT_BRAND_ID,
      referenced_tweets: [{ type: 'replied_to', id: promo.id }],
      entities: { mentions: [{ start: 0, end: 13, username: 'VigieTelecom', id: DEFAULT_BRAND_ID }] },
    });
    expect(result.includes?.users?.map((user) => user.id)).toEqual([jane.id, DEFAULT_BRAND_ID]);
    expect(result.includes?.tweets?.[0]).toMatchObject({
      id: promo.id,
      text: 'Our winter sale starts today!',
    });
    const missing = await context.app.v2.tweets([reply.id, '123']);
    expect(missing.data).toHaveLength(1);
    expect(missing.errors?.[0]).toMatchObject({ resource_id: '123', title: 'Not Found Error' });
  });

  it('looks up users by id, by username and as me', async () => {
    const byId = await context.app.v2.user(DEFAULT_BRAND_ID, {
      'user.fields': ['verified', 'public_metrics', 'description'],
    });
    expect(byId.data).toMatchObject({
      id: DEFAULT_BRAND_ID,
      username: 'VigieTelecom',
      verified: true,
      public_metrics: { followers_count: 48_200 },
    });
    const byName = await context.app.v2.userByUsername('vigietelecom');
    expect(byName.data.id).toBe(DEFAULT_BRAND_ID);
    const me = await context.brand.v2.me();
    expect(me.data.username).toBe('VigieTelecom');
    const unknown = await context.app.v2.userByUsername('nobody_here');
    expect(unknown.errors?.[0]).toMatchObject({
      title: 'Not Found Error',
      detail: 'Could not find user with username: [nobody_here].',
    });
  });
});
