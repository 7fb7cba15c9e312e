import {
  type IngestionTestContext,
  startIngestionTest,
  waitForStream,
  waitUntil,
} from '../testing/x-ingestion-test-context';

type BurstStatus = { data: { isRunning: boolean; emits: { id: string }[] } };

/**
 * Bursts on the filtered stream, recorded by batches with two transactions in flight (docs/adr/0018): every post
 * is stored once, a thread's posts all join its one conversation in the order X sent them, and the stream cursor
 * ends on the newest post, whatever order the transactions committed in.
 */
describe('X stream bursts, batches recorded two at a time (fake X, real database)', () => {
  let context: IngestionTestContext;

  beforeAll(async () => {
    context = await startIngestionTest();
    await waitForStream(context);
  });
  afterAll(() => context.close());

  /** Runs a burst on fake X and answers its post ids in emit order, once every one of them is stored. */
  async function burst(input: Record<string, number>): Promise<string[]> {
    const started = await context.control('POST', '/control/burst', { ratePerSecond: 0, ...input });
    expect(started.status).toBe(202);
    let ids: string[] = [];
    await waitUntil(async () => {
      const { data } = (await context.control<BurstStatus>('GET', '/control/burst')).body;
      ids = data.emits.map((emit) => emit.id);
      return !data.isRunning;
    });
    await waitUntil(
      async () =>
        (await context.count(`SELECT count(*) FROM message WHERE external_id = ANY($1::text[])`, [ids])) ===
        ids.length,
      60_000,
    );
    return ids;
  }

  const streamCursor = async () =>
    (
      (await context.dataSource.query(
        `SELECT last_external_id FROM ingestion_cursor WHERE source = 'stream'`,
      )) as { last_external_id: string }[]
    )[0]?.last_external_id;

  it('stores a burst of new threads once each, one conversation per post, and moves the cursor to the newest', async () => {
    const ids = await burst({ count: 1_200, authorCount: 300 });

    expect(
      await context.count(
        `SELECT count(*) FROM (SELECT external_id FROM message WHERE external_id = ANY($1::text[])
           GROUP BY external_id HAVING count(*) > 1) twice`,
        [ids],
      ),
    ).toBe(0);
    expect(
      await context.count(
        `SELECT count(DISTINCT conversation_id) FROM message WHERE external_id = ANY($1::text[])`,
        [ids],
      ),
    ).toBe(ids.length);
    await waitUntil(async () => (await streamCursor()) === ids[ids.length - 1]);
  });

  it('keeps each thread whole and in order when a burst’s posts follow up on a few threads', async () => {
    const threadCount = 30;
    // One customer per thread: other customers replying in a thread have conversations of their own (ADR 0010).
    const ids = await burst({ count: 900, authorCount: threadCount, threadCount });

    const rows = (await context.dataSource.query(
      `SELECT m.external_id, m.conversation_id FROM message m
       WHERE m.external_id = ANY($1::text[]) ORDER BY m.conversation_id, m.sent_at, m.external_id`,
      [ids],
    )) as { external_id: string; conversation_id: string }[];
    const threads = new Map<string, string[]>();
    for (const row of rows)
      threads.set(row.conversation_id, [...(threads.get(row.conversation_id) ?? []), row.external_id]);
    expect(threads.size).toBe(threadCount);
    const expected = Array.from({ length: threadCount }, (_, thread) =>
      ids.filter((_, index) => index % threadCount === thread),
    );
    expect([...threads.values()].sort((left, right) => compare(left[0], right[0]))).toEqual(
      expected.sort((left, right) => compare(left[0], right[0])),
    );
    // Each conversation counted its messages as they joined, and waits since its first customer post.
    const conversations = (await context.dataSource.query(
      `SELECT c.message_count, c.waiting_since, min(m.sent_at) AS first_sent_at
       FROM conversation c JOIN message m ON m.conversation_id = c.id
       WHERE c.id = ANY($1::uuid[]) GROUP BY c.id`,
      [[...threads.keys()]],
    )) as { message_count: number; waiting_since: Date; first_sent_at: Date }[];
    for (const conversation of conversations) {
      expect(conversation.message_count).toBe(ids.length / threadCount);
      expect(conversation.waiting_since).toEqual(conversation.first_sent_at);
    }
    await waitUntil(async () => (await streamCursor()) === ids[ids.length - 1]);
  });
});

/** Snowflake ids as decimal strings: the longer is the larger. */
function compare(left: string | undefined, right: string | undefined): number {
  const [a, b] = [left ?? '', right ?? ''];
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
