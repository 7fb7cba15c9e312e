import { randomUUID } from 'node:crypto';
import type {
  ConversationDetail,
  CreateReplyResponse,
  MessageFailed,
  MessageReceived,
  MessageSent,
} from '@vigie/contracts';
import { ApiClient } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  waitUntil,
} from '../testing/x-ingestion-test-context';
import { type InboxWatch, mentionConversation, startInboxWatch } from './outbox-test-context';

type Posted = {
  tweets: { id: string; text: string; in_reply_to_tweet_id: string | null }[];
  dms: { id: string; text: string; recipient_id: string; sender_id: string }[];
};

describe('Agent replies through the outbox (real twitter-api-v2 client, fake X, real database, real socket)', () => {
  let watch: InboxWatch;
  let context: IngestionTestContext;
  let agent: ApiClient;
  let sent: MessageSent[];
  let failed: MessageFailed[];
  let received: MessageReceived[];

  beforeAll(async () => {
    watch = await startInboxWatch('hugo@vigie.demo');
    ({ context } = watch);
    ({ sent, failed, received } = watch.heard);
    agent = new ApiClient(context.api.url);
    await agent.login('lea@vigie.demo');
  });
  afterAll(() => watch.close());

  async function posted(): Promise<Posted> {
    return (await context.control<Posted>('GET', '/control/posted')).body;
  }

  const mention = (username: string, text: string, inReplyTo?: string) =>
    mentionConversation(watch, { username, text, inReplyTo });

  function reply(conversationId: string, body: Record<string, unknown>, client = agent) {
    return client.request('POST', `/api/conversations/${conversationId}/replies`, {
      mode: 'public_reply',
      idempotencyKey: randomUUID(),
      ...body,
    });
  }

  async function detail(conversationId: string): Promise<ConversationDetail> {
    return (await agent.request('GET', `/api/conversations/${conversationId}`)).body as ConversationDetail;
  }

  const outboxRow = async (messageId: string) =>
    (
      (await context.dataSource.query(
        `SELECT status, attempt_count, is_outcome_unknown, failure_reason, external_id FROM outbox_message WHERE message_id = $1`,
        [messageId],
      )) as {
        status: string;
        attempt_count: number;
        is_outcome_unknown: boolean;
        failure_reason: string | null;
        external_id: string | null;
      }[]
    )[0];

  it('posts a public reply once, in reply to the customer post, stops the wait and tells the consoles', async () => {
    const { post, conversationId } = await mention('nora_b', 'ma box clignote rouge');
    expect((await detail(conversationId)).waitingSince).not.toBeNull();

    const answer = await reply(conversationId, { text: 'Bonjour Nora, on regarde ça tout de suite.' });
    expect(answer.status).toBe(202);
    const { message } = answer.body as CreateReplyResponse;
    expect(message).toMatchObject({
      conversationId,
      direction: 'outbound',
      authorKind: 'agent',
      deliveryStatus: 'pending',
      externalId: null,
      inReplyToExternalId: post.id,
    });

    await waitUntil(() => sent.some((event) => event.message.id === message.id));
    const event = sent.find((candidate) => candidate.message.id === message.id) as MessageSent;
    expect(event.message.deliveryStatus).toBe('sent');
    // (Out of hours, the SLA's automatic answer may be posted in the thread too: only ours is counted.)
    const onX = (await posted()).tweets.filter(
      (tweet) => tweet.text === 'Bonjour Nora, on regarde ça tout de suite.',
    );
    expect(onX).toHaveLength(1);
    expect(onX[0]?.in_reply_to_tweet_id).toBe(post.id);
    expect(event.message.externalId).toBe(onX[0]?.id);

    // The stream delivers the brand's own post too: it is the same message, stored once.
    await waitUntil(
      async () =>
        (await context.control<{ data: { deliveredCount: number } }>('GET', '/control/stream')).body.data
          .deliveredCount > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    const conversation = await detail(conversationId);
    expect(conversation.messages.filter((entry) => entry.externalId === onX[0]?.id)).toHaveLength(1);
    expect(await context.count(`SELECT count(*) FROM message WHERE external_id = $1`, [onX[0]?.id])).toBe(1);
    expect(conversation.messageCount).toBe(conversation.messages.length);
    expect(conversation.waitingSince).toBeNull();
  });

  it('answers a repeated request with the same key with the same message, and posts nothing more', async () => {
    const { conversationId } = await mention('yann_r', 'facture en double ??');
    const idempotencyKey = randomUUID();
    const first = await reply(conversationId, { text: 'On vérifie votre facture.', idempotencyKey });
    const again = await reply(conversationId, { text: 'On vérifie votre facture.', idempotencyKey });
    expect(again.status).toBe(202);
    const messageId = (first.body as CreateReplyResponse).message.id;
    expect((again.body as CreateReplyResponse).message.id).toBe(messageId);
    await waitUntil(() => sent.some((event) => event.message.id === messageId));
    expect(
      (await posted()).tweets.filter((tweet) => tweet.text === 'On vérifie votre facture.'),
    ).toHaveLength(1);
  });

  it('sends a DM to the conversation’s customer', async () => {
    const customerId = await createCustomer(context, 'lucie_m');
    const dm = await context.control<{ data: { id: string } }>('POST', '/control/dms', {
      from: 'lucie_m',
      to: 'VigieTelecom',
      text: 'Mon contrat est au nom de ma mère',
    });
    await waitUntil(() => received.some((event) => event.message.externalId === dm.body.data.id));
    const conversationId = (
      received.find((event) => event.message.externalId === dm.body.data.id) as MessageReceived
    ).conversation.id;

    const publicly = await reply(conversationId, { text: 'Pas en public' });
    expect(publicly.status).toBe(400);
    const answer = await reply(conversationId, {
      mode: 'direct_message',
      text: 'Merci, pouvez-vous nous donner le numéro de contrat ?',
    });
    expect(answer.status).toBe(202);
    const messageId = (answer.body as CreateReplyResponse).message.id;
    await waitUntil(() => sent.some((event) => event.message.id === messageId));
    const dms = (await posted()).dms.filter(
      (entry) => entry.text === 'Merci, pouvez-vous nous donner le numéro de contrat ?',
    );
    expect(dms.map((entry) => entry.recipient_id)).toEqual([customerId]);
    expect((await outboxRow(messageId))?.external_id).toBe(dms[0]?.id);
  });

  it('does not post twice when X accepted the post but the answer was lost (a timeout)', async () => {
    const { conversationId } = await mention('marc_t', 'toujours pas de fibre');
    await context.control('POST', '/control/faults', {
      status: 504,
      count: 1,
      pathPrefix: '/2/tweets',
      method: 'POST',
      isAfterEffect: true,
    });
    const text = 'Marc, un technicien passe demain matin.';
    const messageId = ((await reply(conversationId, { text })).body as CreateReplyResponse).message.id;
    await waitUntil(async () => (await outboxRow(messageId))?.is_outcome_unknown === true);
    expect(await outboxRow(messageId)).toMatchObject({ status: 'pending', attempt_count: 1 });
    expect((await posted()).tweets.filter((tweet) => tweet.text === text)).toHaveLength(1);

    context.api.clock.advance({ seconds: 5 });
    await waitUntil(() => sent.some((event) => event.message.id === messageId));
    expect((await posted()).tweets.filter((tweet) => tweet.text === text)).toHaveLength(1);
    expect(await outboxRow(messageId)).toMatchObject({ status: 'sent', attempt_count: 2 });
    const conversation = await detail(conversationId);
    expect(conversation.messages.filter((entry) => entry.text === text)).toHaveLength(1);
  });

  it('retries after a 503 and posts once', async () => {
    const { conversationId } = await mention('sofia_l', 'appli en panne');
    await context.control('POST', '/control/faults', {
      status: 503,
      count: 1,
      pathPrefix: '/2/tweets',
      method: 'POST',
    });
    const text = 'Sofia, l’appli est rétablie, pouvez-vous réessayer ?';
    const messageId = ((await reply(conversationId, { text })).body as CreateReplyResponse).message.id;
    await waitUntil(
      async () =>
        (await outboxRow(messageId))?.attempt_count === 1 &&
        (await outboxRow(messageId))?.status === 'pending',
    );
    expect((await outboxRow(messageId))?.failure_reason).toContain('503');

    context.api.clock.advance({ seconds: 5 });
    await waitUntil(() => sent.some((event) => event.message.id === messageId));
    expect((await posted()).tweets.filter((tweet) => tweet.text === text)).toHaveLength(1);
  });

  it('waits for the rate-limit reset after a 429 before trying again', async () => {
    const { conversationId } = await mention('paul_v', 'débit très lent');
    await context.control('POST', '/control/rate-limits', { endpoint: 'tweet-create', user: 0 });
    const text = 'Paul, on lance un diagnostic de votre ligne.';
    const messageId = ((await reply(conversationId, { text })).body as CreateReplyResponse).message.id;
    await waitUntil(
      async () =>
        (await outboxRow(messageId))?.attempt_count === 1 &&
        (await outboxRow(messageId))?.status === 'pending',
    );
    // The reset is minutes away: nothing happens while the (fake) clock stands still.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await outboxRow(messageId)).toMatchObject({
      status: 'pending',
      attempt_count: 1,
      is_outcome_unknown: false,
    });

    await context.control('POST', '/control/rate-limits', { endpoint: 'tweet-create', user: 100 });
    await context.control('POST', '/control/rate-limits/reset');
    context.api.clock.advance({ minutes: 16 });
    await waitUntil(() => sent.some((event) => event.message.id === messageId));
    expect(await outboxRow(messageId)).toMatchObject({ status: 'sent', attempt_count: 2 });
    expect((await posted()).tweets.filter((tweet) => tweet.text === text)).toHaveLength(1);
  });

  it('marks the reply failed with X’s reason when X refuses to let the brand reply', async () => {
    const { conversationId } = await mention('ines_q', 'bonjour');
    // The customer's latest post in the thread does not summon the brand (X's reply rule): it reached Vigie
    // another way (a keyword rule), so the message is written as ingestion would store it.
    const unsummoned = await injectPost(context, { author: 'ines_q', text: 'quelqu’un a le même souci ?' });
    await context.dataSource.query(
      `INSERT INTO message (channel, external_id, channel_account_id, conversation_id, direction, author_kind, kind,
         text, delivery_status, sent_at, received_at)
       SELECT 'x', $1, channel_account_id, id, 'inbound', 'customer', 'mention', $2, 'received', now(), now()
       FROM conversation WHERE id = $3`,
      [unsummoned.id, 'quelqu’un a le même souci ?', conversationId],
    );
    const messageId = (
      (await reply(conversationId, { text: 'Nous pouvons vous aider.' })).body as CreateReplyResponse
    ).message.id;
    await waitUntil(() => failed.some((event) => event.message.id === messageId));
    const event = failed.find((candidate) => candidate.message.id === messageId) as MessageFailed;
    expect(event.message.deliveryStatus).toBe('failed');
    expect(event.reason).toContain('403');
    expect(event.reason).toContain('Reply to this conversation is not allowed');
    expect(await outboxRow(messageId)).toMatchObject({ status: 'failed', attempt_count: 1 });
    expect(
      (await detail(conversationId)).messages.find((entry) => entry.id === messageId)?.deliveryStatus,
    ).toBe('failed');
  });

  it('refuses a reply longer than X allows with 422 and the length as X counts it', async () => {
    const { conversationId } = await mention('long_l', 'question');
    const answer = await reply(conversationId, {
      text: `${'a'.repeat(260)} https://vigie.fr/${'b'.repeat(100)}`,
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'text_too_long', weightedLength: 284, maxWeightedLength: 280 });
    // A long URL counts 23: this one fits.
    const fits = await reply(conversationId, {
      text: `${'a'.repeat(250)} https://vigie.fr/${'b'.repeat(100)}`,
    });
    expect(fits.status).toBe(202);
  });

  it('stops a reply when the conversation changed since the agent opened it, and shows what is new', async () => {
    const { post, conversationId, lastMessageId } = await mention('theo_c', 'mon colis ?');
    const followUp = await injectPost(context, {
      author: 'theo_c',
      text: '@VigieTelecom allo ??',
      inReplyTo: post.id,
    });
    await waitUntil(() => received.some((event) => event.message.externalId === followUp.id));

    const stale = await reply(conversationId, { text: 'On regarde.', expectedLastMessageId: lastMessageId });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'conversation_changed',
      messages: [{ externalId: followUp.id }],
    });
    expect(
      await context.count(`SELECT count(*) FROM outbox_message WHERE conversation_id = $1`, [conversationId]),
    ).toBe(0);

    const latest = (await detail(conversationId)).messages.at(-1)?.id as string;
    const fresh = await reply(conversationId, { text: 'On regarde.', expectedLastMessageId: latest });
    expect(fresh.status).toBe(202);
    expect((fresh.body as CreateReplyResponse).message.inReplyToExternalId).toBe(followUp.id);
  });

  it('lets agents, supervisors and admins reply; refuses ops (403), strangers (401), bad input (400), unknown conversations (404)', async () => {
    const { conversationId } = await mention('rights_r', 'test');
    const ops = new ApiClient(context.api.url);
    await ops.login('ines@vigie.demo');
    expect((await reply(conversationId, { text: 'non' }, ops)).status).toBe(403);
    expect((await reply(conversationId, { text: 'non' }, new ApiClient(context.api.url))).status).toBe(401);
    const supervisor = new ApiClient(context.api.url);
    await supervisor.login('hugo@vigie.demo');
    expect((await reply(conversationId, { text: 'Le superviseur répond.' }, supervisor)).status).toBe(202);
    expect((await reply(conversationId, { text: 'Un admin aussi.' }, context.admin)).status).toBe(202);

    const badMode = await reply(conversationId, { text: 'x', mode: 'shout' });
    expect(badMode.status).toBe(400);
    expect(JSON.stringify(badMode.body)).toContain('mode must be one of');
    expect((await reply(conversationId, { text: 'x', idempotencyKey: 'short' })).status).toBe(400);
    expect((await reply(conversationId, { text: '   ' })).status).toBe(400);
    expect((await reply(randomUUID(), { text: 'personne' })).status).toBe(404);
    expect((await reply('not-a-uuid', { text: 'personne' })).status).toBe(400);
  });
});
