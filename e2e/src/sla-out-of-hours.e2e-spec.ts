import type { ConversationDetail, ConversationPage, ConversationSla, SlaClockView } from '@vigie/contracts';
import { HttpTestClient } from '@vigie/testing';
import {
  demoPassword,
  runApiExpectingFailure,
  type RunningProcess,
  startApi,
  startFakeXProcess,
} from './support/processes';
import { freshDatabaseEnv } from './support/shared-services';

/**
 * Issue 4's out-of-hours proof on the built processes: the built API with its clock shifted to a Friday
 * evening (VIGIE_CLOCK_START, an offset clock that then runs in real time) and the built fake X on the same
 * instant (POST /control/clock), the real twitter-api-v2 client between them, each case on a fresh database.
 * Friday 20 Nov 2026 and Monday 23 Nov 2026 are CET (+01:00) in Paris; the demo brand has the default policy
 * (Mon-Fri 09:00-19:00 Paris, first response within 1 business hour, out-of-hours answer on).
 */
type PostedTweet = {
  id: string;
  text: string;
  author_username: string;
  in_reply_to_tweet_id: string | null;
  created_at: string;
};

type ShiftedStack = {
  api: RunningProcess;
  agent: HttpTestClient;
  /** Drives fake X (`/control/...`): GET without a body, POST with one; answers the JSON. */
  control: <T>(path: string, body?: unknown) => Promise<T>;
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** A fresh database, the fake X and the API, both clocks starting at `clockStart`. */
async function startShiftedStack(params: { name: string; clockStart: string }): Promise<ShiftedStack> {
  const database = await freshDatabaseEnv(params.name);
  const fakeX = await startFakeXProcess();
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${fakeX.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`fake X ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  let api: RunningProcess | undefined;
  const stop = async () => {
    await api?.stop();
    await fakeX.stop();
    await database.drop();
  };
  try {
    // Set just before the API process starts, whose clock starts with the process: they agree within its boot.
    await control('/control/clock', { offsetMs: Date.parse(params.clockStart) - Date.now() });
    api = await startApi({
      ...database.env,
      VIGIE_CLOCK_START: params.clockStart,
      X_API_BASE_URL: fakeX.url,
      VIGIE_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
      X_DM_POLL_INTERVAL_MS: '600000',
    });
    const agent = new HttpTestClient(api.url);
    expect((await agent.login('lea@vigie.demo', demoPassword)).status).toBe(200);
    await waitFor(
      async () =>
        (await control<{ data: { isConnected: boolean } }>('/control/stream')).data.isConnected || undefined,
      'the API to connect to the fake X stream',
    );
    return { api, agent, control, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A customer mentions the brand at `at` on fake X's clock; resolves to the post id and the conversation. */
async function mention(
  stack: ShiftedStack,
  params: { author: string; text: string; at: string },
): Promise<{ postId: string; conversationId: string }> {
  await stack.control('/control/users', { username: params.author, lang: 'fr' });
  const { now } = await stack.control<{ now: string }>('/control/clock');
  await sleep(Math.max(0, Date.parse(params.at) - Date.parse(now)));
  const post = await stack.control<{ data: { id: string } }>('/control/posts', {
    author: params.author,
    text: params.text,
    lang: 'fr',
    createdAt: params.at,
  });
  const conversationId = await waitFor(async () => {
    const page = (await stack.agent.request('GET', '/api/conversations?limit=100')).body as ConversationPage;
    return page.items.find((item) => item.contact.handle === params.author)?.id;
  }, `the conversation of @${params.author}`);
  return { postId: post.data.id, conversationId };
}

async function slaOf(stack: ShiftedStack, conversationId: string): Promise<ConversationSla> {
  const response = await stack.agent.request('GET', `/api/conversations/${conversationId}/sla`);
  expect(response.status).toBe(200);
  return response.body as ConversationSla;
}

function clockOf(sla: ConversationSla, clock: SlaClockView['clock']): SlaClockView {
  const found = sla.clocks.find((item) => item.clock === clock && item.metric === 'first_response');
  if (!found) throw new Error(`no ${clock} first_response clock in ${JSON.stringify(sla.clocks)}`);
  return found;
}

const postedTweets = async (stack: ShiftedStack) =>
  (await stack.control<{ tweets: PostedTweet[] }>('/control/posted')).tweets;

describe('the out-of-hours answer and business-hours due times (built API and fake X, shifted clocks)', () => {
  describe('a mention on Friday at 19:30, after closing', () => {
    let stack: ShiftedStack;
    beforeAll(async () => {
      stack = await startShiftedStack({
        name: 'sla-friday-evening',
        clockStart: '2026-11-20T19:29:50+01:00',
      });
    });
    afterAll(() => stack?.stop());

    it('gets one automatic reply on X naming Monday 09:00 and is due Monday 10:00, with its explanation', async () => {
      const { postId, conversationId } = await mention(stack, {
        author: 'nadia_soir',
        text: '@VigieTelecom ma box ne fonctionne plus depuis ce soir, pouvez-vous m’aider ?',
        at: '2026-11-20T19:30:00+01:00',
      });

      const sla = await slaOf(stack, conversationId);
      expect(sla).toMatchObject({ timezone: 'Europe/Paris' });
      const contract = clockOf(sla, 'contract');
      expect(contract).toMatchObject({
        status: 'running',
        hours: 'business',
        targetMinutes: 60,
        startedAt: '2026-11-20T18:30:00.000Z',
        dueAt: '2026-11-23T09:00:00.000Z', // Monday 10:00 in Paris
        explanation:
          'due Mon 23 Nov 10:00 because: received Fri 20 Nov 19:30, outside business hours; closed Sat 21 Nov – Sun 22 Nov; opens Mon 23 Nov 09:00; 1 h on Mon 23 Nov',
      });
      expect(clockOf(sla, 'customer')).toMatchObject({
        status: 'running',
        hours: 'calendar',
        dueAt: '2026-11-20T19:30:00.000Z', // the public one-hour promise: Friday 20:30 in Paris
      });

      // The brand's answer reaches X once, as a reply to the mention, stamped by X on the same Friday evening.
      const [answer, ...others] = await waitFor(async () => {
        const tweets = await postedTweets(stack);
        return tweets.length > 0 ? tweets : undefined;
      }, 'the out-of-hours answer on fake X');
      expect(others).toEqual([]);
      expect(answer).toMatchObject({ author_username: 'VigieTelecom', in_reply_to_tweet_id: postId });
      expect(answer?.text).toContain('Nous revenons lundi à 9h');
      expect(answer?.created_at.startsWith('2026-11-20T18:3')).toBe(true);

      // Once sent it is in the conversation, yet it is no response: both clocks run on, due as before.
      await waitFor(async () => {
        const detail = (await stack.agent.request('GET', `/api/conversations/${conversationId}`))
          .body as ConversationDetail;
        const outbound = detail.messages.filter((message) => message.direction === 'outbound');
        return outbound.length === 1 && outbound[0]?.deliveryStatus === 'sent' ? true : undefined;
      }, 'the answer to be marked sent');
      const after = await slaOf(stack, conversationId);
      expect(after.clocks.every((clock) => clock.status === 'running')).toBe(true);
      expect(clockOf(after, 'contract').dueAt).toBe('2026-11-23T09:00:00.000Z');
      const autoAnswered = after.events.filter((event) => event.kind === 'auto_answered');
      expect(autoAnswered).toHaveLength(1);
      expect(autoAnswered[0]?.detail).toContain('not a response');
      expect(after.events.some((event) => event.kind === 'fulfilled')).toBe(false);
      expect(await postedTweets(stack)).toHaveLength(1);
    });
  });

  describe('a mention on Friday at 18:50, before closing', () => {
    let stack: ShiftedStack;
    beforeAll(async () => {
      stack = await startShiftedStack({ name: 'sla-friday-close', clockStart: '2026-11-20T18:49:50+01:00' });
    });
    afterAll(() => stack?.stop());

    it('gets no automatic answer and is due Monday 09:50 (10 min on Friday, 50 on Monday), with its explanation', async () => {
      const { conversationId } = await mention(stack, {
        author: 'paul_avant',
        text: '@VigieTelecom ma facture est fausse ce mois-ci, que faire ?',
        at: '2026-11-20T18:50:00+01:00',
      });

      const sla = await slaOf(stack, conversationId);
      expect(clockOf(sla, 'contract')).toMatchObject({
        status: 'running',
        hours: 'business',
        startedAt: '2026-11-20T17:50:00.000Z',
        dueAt: '2026-11-23T08:50:00.000Z', // Monday 09:50 in Paris
        explanation:
          'due Mon 23 Nov 09:50 because: received Fri 20 Nov 18:50; 10 min on Fri 20 Nov; closed Sat 21 Nov – Sun 22 Nov; 50 min on Mon 23 Nov',
      });
      expect(clockOf(sla, 'customer').dueAt).toBe('2026-11-20T18:50:00.000Z');
      // The decision is taken in the transaction that stored the message: no answer was queued, none is sent.
      expect(sla.events.some((event) => event.kind === 'auto_answered')).toBe(false);
      await sleep(1_500);
      expect(await postedTweets(stack)).toEqual([]);
      const detail = (await stack.agent.request('GET', `/api/conversations/${conversationId}`))
        .body as ConversationDetail;
      expect(detail.messages.map((message) => message.direction)).toEqual(['inbound']);
    });
  });

  it('refuses to start in production with a shifted clock, naming the variable', async () => {
    const { code, output } = await runApiExpectingFailure({
      NODE_ENV: 'production',
      VIGIE_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      VIGIE_CLOCK_START: '2026-11-20T19:29:50+01:00',
    });
    expect(code).toBe(1);
    expect(output).toContain(
      'VIGIE_CLOCK_START: a shifted clock is for tests and demos only: production runs on the system clock',
    );
  });
});
