import { ETwitterStreamEvent, type TweetStream, type TweetV2SingleStreamResult } from 'twitter-api-v2';
import { startFakeXTestContext, waitFor, type FakeXTestContext } from '../testing/fake-x-test-context';

type BurstStatus = {
  data: {
    emitted: number;
    isRunning: boolean;
    startedAtMs: number;
    finishedAtMs: number | null;
    emits: { id: string; emittedAtMs: number }[];
  };
};

describe('benchmark bursts (POST /control/burst)', () => {
  let context: FakeXTestContext;
  let stream: TweetStream;
  const received: TweetV2SingleStreamResult[] = [];

  beforeAll(async () => {
    context = await startFakeXTestContext();
    await context.app.v2.updateStreamRules({ add: [{ value: '@VigieTelecom' }] });
    stream = context.app.v2.searchStream({ autoConnect: false, 'tweet.fields': ['author_id'] });
    stream.on(ETwitterStreamEvent.Data, (message: TweetV2SingleStreamResult) => received.push(message));
    await stream.connect({ autoReconnect: false });
  });
  afterAll(async () => {
    stream.destroy();
    await context.close();
  });
  beforeEach(() => received.splice(0));

  async function finishedBurst(): Promise<BurstStatus['data']> {
    let status: BurstStatus['data'] | undefined;
    const deadline = Date.now() + 10_000;
    do {
      status = (await context.control<BurstStatus>('GET', '/control/burst')).body.data;
      if (status.isRunning) await new Promise((resolve) => setTimeout(resolve, 20));
    } while (status.isRunning && Date.now() < deadline);
    return status;
  }

  it('streams the requested mentions at the offered rate, each with its emit time', async () => {
    const started = Date.now();
    const { status } = await context.control('POST', '/control/burst', {
      count: 50,
      ratePerSecond: 250,
      authorCount: 5,
    });
    expect(status).toBe(202);
    const burst = await finishedBurst();
    await waitFor(() => received.length === 50);

    expect(burst.emitted).toBe(50);
    // 50 posts at 250/s take about 200 ms: never all at once, never much slower.
    expect((burst.finishedAtMs ?? 0) - burst.startedAtMs).toBeGreaterThanOrEqual(150);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(received.map((message) => message.data.id)).toEqual(burst.emits.map((emit) => emit.id));
    expect(received[0]?.data.text).toMatch(/^@VigieTelecom /);
    expect(new Set(received.map((message) => message.data.author_id)).size).toBe(5);
    const times = burst.emits.map((emit) => emit.emittedAtMs);
    expect(times).toEqual([...times].sort((left, right) => left - right));
  });

  it('emits as fast as it can at rate 0, and refuses a second burst while one runs', async () => {
    await context.control('POST', '/control/burst', { count: 2_000, ratePerSecond: 0 });
    const second = await context.control('POST', '/control/burst', { count: 1, ratePerSecond: 1 });
    const burst = await finishedBurst();
    await waitFor(() => received.length === 2_000, 10_000);

    expect(second.status).toBe(409);
    expect(burst.emits).toHaveLength(2_000);
  });

  it('spreads the posts over threads on request: each replies to its thread’s previous post', async () => {
    stream.destroy();
    stream = context.app.v2.searchStream({
      autoConnect: false,
      'tweet.fields': ['author_id', 'conversation_id', 'referenced_tweets'],
    });
    stream.on(ETwitterStreamEvent.Data, (message: TweetV2SingleStreamResult) => received.push(message));
    await stream.connect({ autoReconnect: false });
    await context.control('POST', '/control/burst', { count: 9, ratePerSecond: 0, threadCount: 3 });
    const burst = await finishedBurst();
    await waitFor(() => received.length === 9);

    const ids = burst.emits.map((emit) => emit.id);
    const posts = received.map((message) => message.data);
    expect(posts.map((post) => post.conversation_id)).toEqual(
      [0, 1, 2, 0, 1, 2, 0, 1, 2].map((index) => ids[index]),
    );
    expect(posts.map((post) => post.referenced_tweets?.[0]?.id ?? null)).toEqual([
      null,
      null,
      null,
      ...ids.slice(0, 6),
    ]);
  });

  it('refuses a malformed burst with a clear 400', async () => {
    const { status, body } = await context.control('POST', '/control/burst', { count: -1, ratePerSecond: 5 });
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('count');
  });
});
