import type {
  CreateReplyResponse,
  SpikeBulkAnswerView,
  SpikeIncidentChanged,
  SpikeIncidentView,
} from '@vigie/contracts';
import { ApiClient, connectSocket, type TestSocket, waitForConnect } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitForStream,
  waitUntil,
} from '../testing/x-ingestion-test-context';
import {
  conversationOfPost,
  incidentById,
  MINUTE_MS,
  openOutageIncidents,
  setClocks as setBothClocks,
} from './spike-test-helpers';

/**
 * Pacing a bulk answer within the account's sending budget, end to end on a real database with the real
 * twitter-api-v2 client against the fake X, both clocks driven window by window. The budget is 5 posts per
 * 15 minutes (X's is 100; the fake X enforces 5 too), of which a bulk answer may use 4: an answer to 15
 * customers goes out 4 per window, an agent's own reply still goes at once, nobody is answered twice and
 * nothing fails. Then X refuses every post (429) for eight windows in a row: the waits are not held against
 * the 6 attempts, and once X accepts again every customer gets the second answer, once.
 */
const customerCount = 15;
const settings = {
  SESSION_TTL_HOURS: '2160',
  SESSION_IDLE_MINUTES: '43200',
  X_POST_BUDGET: '5',
  X_SEND_WINDOW_SECONDS: '900',
  X_STREAM_STALL_TIMEOUT_MS: '5000',
};
const burstAt = new Date('2026-11-23T09:10:00Z');
const at = (minutes: number) => new Date(burstAt.getTime() + minutes * MINUTE_MS);
const firstText = 'Panne fibre à Lyon : nos équipes sont dessus, retour prévu vers 14 h.';
const secondText = 'Le service est rétabli à Lyon. Merci de votre patience.';
const windowMs = 15 * MINUTE_MS;

type Posted = { tweets: { id: string; text: string; in_reply_to_tweet_id: string | null }[] };

describe('Pacing bulk answers within the sending budget (real database, fake X)', () => {
  let context: IngestionTestContext;
  let ops: ApiClient;
  let agent: ApiClient;
  let socket: TestSocket;
  let incident: SpikeIncidentView;
  let now: Date;
  let vipConversationId = '';
  const progressSeen: number[] = [];

  /** Both clocks at the same instant: Vigie's FakeClock and the fake X's (its rate-limit windows). */
  const setClocks = (instant: Date) => {
    now = instant;
    return setBothClocks(context, instant);
  };
  /**
   * The next window, once no attempt is in flight (an answer landing after the move would be timed against the
   * new window). Three minutes past it: the fake X's own window started a little after ours (its clock runs on in
   * real time between moves, and a loaded CI machine stretches that).
   */
  const nextWindow = async () => {
    await waitUntil(
      async () => (await context.count(`SELECT count(*) FROM outbox_message WHERE status = 'sending'`)) === 0,
    );
    await setClocks(new Date(now.getTime() + windowMs + 180_000));
  };
  const tweets = async () => (await context.control<Posted>('GET', '/control/posted')).body.tweets;
  /** The brand's posts carrying `text` (a bulk answer puts the customer's @handle first). */
  const repliesWith = async (text: string) =>
    (await tweets()).filter((tweet) => tweet.text === text || tweet.text.endsWith(` ${text}`));
  const progressOf = async (index: number) =>
    (await incidentById(ops, incident.id)).bulkAnswers[index].progress;
  const outboxRows = (text: string) =>
    context.dataSource.query(
      `SELECT status, attempt_count, rate_limited_count FROM outbox_message WHERE text LIKE '%' || $1`,
      [text],
    ) as Promise<{ status: string; attempt_count: number; rate_limited_count: number }[]>;
  /** What the outbox, the sending budget and both clocks hold, for a failure's message. */
  const dispatchState = async (text: string) =>
    JSON.stringify(
      {
        vigieNow: now,
        fakeX: (await context.control('GET', '/control/clock')).body,
        posted: (await repliesWith(text)).length,
        outbox: await context.dataSource.query(
          `SELECT status, is_bulk, attempt_count, rate_limited_count, next_attempt_at, lease_until, failure_reason
           FROM outbox_message WHERE status <> 'sent' ORDER BY next_attempt_at`,
        ),
        budget: await context.dataSource.query(
          `SELECT mode, recent_sends, recent_bulk_sends, blocked_until FROM channel_send_budget`,
        ),
      },
      null,
      1,
    );
  /** Waits for the dispatcher to be done with this window: `sent` replies out, and nothing more for a moment. */
  const settle = async (text: string, sent: number) => {
    await waitUntil(async () => (await repliesWith(text)).length === sent, 45_000).catch(
      async (error: Error) => {
        throw new Error(`${error.message}: ${await dispatchState(text)}`);
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await repliesWith(text)).toHaveLength(sent);
  };
  const answer = async (text: string): Promise<SpikeBulkAnswerView> => {
    const created = await ops.request('POST', `/api/spikes/incidents/${incident.id}/answers`, {
      texts: { fr: text },
      requestKey: crypto.randomUUID(),
    });
    expect(created.status).toBe(202);
    return created.body as SpikeBulkAnswerView;
  };

  beforeAll(async () => {
    context = await startIngestionTest({
      env: settings,
      fakeX: { rateLimits: { 'tweet-create': { user: 5, windowSeconds: 900 } } },
    });
    await setClocks(new Date(burstAt.getTime() - 2 * 86_400_000));
    ops = new ApiClient(context.api.url);
    await ops.login('ines@vigie.demo');
    agent = new ApiClient(context.api.url);
    await agent.login('lea@vigie.demo');
    socket = connectSocket(context.api.url, ops.cookie);
    socket.on('incident.updated', ({ incident: update }: SpikeIncidentChanged) => {
      const sent = update.bulkAnswers[0]?.progress.sent;
      if (update.id === incident?.id && sent !== undefined) progressSeen.push(sent);
    });
    await waitForConnect(socket);
    await waitForStream(context);
    for (let index = 0; index < customerCount; index += 1) await createCustomer(context, `client_${index}`);
    await createCustomer(context, 'vip_client');
    // Two outage posts from each of 15 customers, five a minute.
    ({ outage: incident } = await openOutageIncidents(context, {
      burstAt,
      authors: Array.from({ length: customerCount }, (_, index) => `client_${index}`),
      postCount: 2 * customerCount,
      ops,
    }));
    expect(incident.linkedConversationCount).toBe(2 * customerCount);
  });
  afterAll(async () => {
    socket?.disconnect();
    await context?.close();
  });

  it('sends a bulk answer 4 per window, lets an agent’s reply through at once, and answers everyone exactly once', async () => {
    await setClocks(at(10));
    const view = await answer(firstText);
    expect(view.progress).toMatchObject({ total: 30, queued: 15, sent: 0, failed: 0, skipped: 15 });
    await settle(firstText, 4);
    const paced = await progressOf(0);
    expect(paced).toMatchObject({ queued: 11, sent: 4, failed: 0 });
    // The next slot frees 15 minutes after the first send of the window.
    expect(new Date(paced.nextSendAt ?? 0).getTime()).toBe(at(10).getTime() + windowMs + 1);

    // The budget keeps a slot for agents: a customer outside the incident is answered in this window.
    const vipPost = await injectPost(context, {
      author: 'vip_client',
      text: '@VigieTelecom bonjour, je voudrais changer d’offre',
      lang: 'fr',
      createdAt: at(10).toISOString(),
    });
    vipConversationId = await conversationOfPost(context, vipPost.id);
    const agentText = 'Bonjour ! Je regarde les offres disponibles pour vous.';
    const reply = await agent.request('POST', `/api/conversations/${vipConversationId}/replies`, {
      text: agentText,
      mode: 'public_reply',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(reply.status).toBe(202);
    await waitUntil(async () => (await repliesWith(agentText)).length === 1);
    expect((reply.body as CreateReplyResponse).message.id).toBeDefined();

    for (const sent of [8, 12, 15]) {
      await nextWindow();
      await settle(firstText, sent);
    }
    const replies = await repliesWith(firstText);
    expect(replies.map((tweet) => tweet.text.split(' ')[0]).sort()).toEqual(
      Array.from({ length: customerCount }, (_, index) => `@client_${index}`).sort(),
    );
    expect(new Set(replies.map((tweet) => tweet.in_reply_to_tweet_id)).size).toBe(customerCount);
    await waitUntil(async () => (await progressOf(0)).sent === customerCount);
    expect(await progressOf(0)).toEqual({
      total: 30,
      queued: 0,
      sent: customerCount,
      failed: 0,
      skipped: 15,
      nextSendAt: null,
    });
    // Waiting for the budget is not an attempt: each reply was sent at its first.
    for (const row of await outboxRows(firstText))
      expect(row).toEqual({ status: 'sent', attempt_count: 1, rate_limited_count: 0 });
    // The consoles heard the progress as it went.
    await waitUntil(() => progressSeen.includes(customerCount));
    expect(progressSeen).toEqual(expect.arrayContaining([4, 8, 12, 15]));
  });

  it('waits out X’s 429s without spending attempts, and answers everyone once X accepts again', async () => {
    await context.control('POST', '/control/rate-limits', { endpoint: 'tweet-create', user: 0 });
    await nextWindow();
    // One reply alone in the outbox, refused eight windows in a row: more than the 6 attempts, still waiting.
    const agentText = 'Voici les offres : fibre 1 Gb/s ou 8 Gb/s, sans engagement.';
    const reply = await agent.request('POST', `/api/conversations/${vipConversationId}/replies`, {
      text: agentText,
      mode: 'public_reply',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(reply.status).toBe(202);
    for (let window = 1; window <= 8; window += 1) {
      await waitUntil(async () => (await outboxRows(agentText))[0]?.rate_limited_count >= window, 45_000);
      await nextWindow();
    }
    const [refused] = await outboxRows(agentText);
    expect(refused.status).toBe('pending');
    expect(refused.rate_limited_count).toBeGreaterThanOrEqual(8);
    expect(refused.attempt_count).toBe(refused.rate_limited_count);

    // The second bulk answer meets the same refusals for two more windows: nothing fails.
    await answer(secondText);
    const refusals = async () =>
      (await outboxRows(secondText)).reduce((sum, row) => sum + row.rate_limited_count, 0);
    for (let window = 1; window <= 2; window += 1) {
      const before = await refusals();
      await nextWindow();
      await waitUntil(async () => (await refusals()) > before, 45_000);
    }
    expect((await progressOf(1)).failed).toBe(0);
    expect(await repliesWith(secondText)).toHaveLength(0);

    // X accepts again: the agent's reply and the answer go out within the budget, each once.
    await context.control('POST', '/control/rate-limits', {
      endpoint: 'tweet-create',
      user: 5,
      windowSeconds: 900,
    });
    await nextWindow();
    await settle(secondText, 4);
    await waitUntil(async () => (await repliesWith(agentText)).length === 1);
    // It kept trying once per window while the bulk answer waited too: sent at its first attempt X accepted.
    const [agentRow] = await outboxRows(agentText);
    expect(agentRow.status).toBe('sent');
    expect(agentRow.rate_limited_count).toBeGreaterThanOrEqual(8);
    expect(agentRow.attempt_count - agentRow.rate_limited_count).toBe(1);
    for (const sent of [8, 12, 15]) {
      await nextWindow();
      await settle(secondText, sent);
    }
    const replies = await repliesWith(secondText);
    expect(new Set(replies.map((tweet) => tweet.text.split(' ')[0])).size).toBe(customerCount);
    await waitUntil(async () => (await progressOf(1)).sent === customerCount);
    expect(await progressOf(1)).toMatchObject({ queued: 0, sent: customerCount, failed: 0 });
    // Every reply went at its first attempt that X did not rate-limit.
    for (const row of await outboxRows(secondText)) {
      expect(row.status).toBe('sent');
      expect(row.attempt_count - row.rate_limited_count).toBe(1);
    }
    expect(await repliesWith(firstText)).toHaveLength(customerCount);
    expect(await repliesWith(agentText)).toHaveLength(1);
  });
});
