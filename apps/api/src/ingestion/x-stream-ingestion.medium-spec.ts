import type {
  ConversationCreated,
  ConversationDetail,
  ConversationPage,
  MessageReceived,
} from '@vigie/contracts';
import { ApiClient, connectSocket, type TestSocket, waitForConnect } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  messageCount,
  startIngestionTest,
  waitUntil,
} from '../testing/x-ingestion-test-context';

describe('X ingestion through the filtered stream (real twitter-api-v2 client, fake X, real database)', () => {
  let context: IngestionTestContext;
  let agent: ApiClient;
  let socket: TestSocket;
  const created: ConversationCreated[] = [];
  const received: MessageReceived[] = [];

  beforeAll(async () => {
    context = await startIngestionTest();
    agent = new ApiClient(context.api.url);
    await agent.login('lea@vigie.demo');
    socket = connectSocket(context.api.url, agent.cookie);
    socket.on('conversation.created', (event) => created.push(event));
    socket.on('message.received', (event) => received.push(event));
    await waitForConnect(socket);
    await waitUntil(
      async () =>
        (await context.control<{ data: { isConnected: boolean } }>('GET', '/control/stream')).body.data
          .isConnected,
    );
  });
  afterAll(async () => {
    socket.disconnect();
    await context.close();
  });

  async function conversationOf(externalId: string): Promise<ConversationDetail> {
    const [row] = (await context.dataSource.query(
      `SELECT conversation_id FROM message WHERE external_id = $1`,
      [externalId],
    )) as { conversation_id: string }[];
    return (await agent.request('GET', `/api/conversations/${row?.conversation_id}`))
      .body as ConversationDetail;
  }

  it('stores a streamed mention once, opens a conversation, upserts its author and tells the consoles after commit', async () => {
    await createCustomer(context, 'amelie_dupont', { followersCount: 321, verified: true });
    const post = await injectPost(context, {
      author: 'amelie_dupont',
      text: '@VigieTelecom plus de réseau depuis ce matin',
      lang: 'fr',
    });
    await waitUntil(() => received.some((event) => event.message.externalId === post.id));

    expect(await messageCount(context, post.id)).toBe(1);
    const conversation = await conversationOf(post.id);
    expect(conversation).toMatchObject({
      kind: 'public_thread',
      status: 'open',
      messageCount: 1,
      contact: { handle: 'amelie_dupont', followersCount: 321, isVerified: true, language: 'fr' },
      messages: [
        {
          externalId: post.id,
          direction: 'inbound',
          authorKind: 'customer',
          kind: 'mention',
          deliveryStatus: 'received',
        },
      ],
    });
    expect(conversation.waitingSince).not.toBeNull();
    // Published after commit: by the time the console hears of it, the API serves it.
    expect(
      created.find((event) => event.conversation.id === conversation.id)?.conversation.contact.handle,
    ).toBe('amelie_dupont');
  });

  it('counts the brand’s own reply made directly on X as the answer', async () => {
    await createCustomer(context, 'bruno_m');
    const question = await injectPost(context, {
      author: 'bruno_m',
      text: '@VigieTelecom ma facture est fausse',
    });
    const answer = await injectPost(context, {
      author: 'VigieTelecom',
      text: 'On regarde ça en DM !',
      inReplyTo: question.id,
    });
    await waitUntil(async () => (await messageCount(context, answer.id)) === 1);

    const conversation = await conversationOf(question.id);
    expect(
      conversation.messages.map((message) => [message.authorKind, message.direction, message.kind]),
    ).toEqual([
      ['customer', 'inbound', 'mention'],
      ['brand', 'outbound', 'own_post'],
    ]);
    expect(conversation.waitingSince).toBeNull();
  });

  it('stores a retweet without a wait (docs/adr/0013), and opens a waiting conversation for a quote', async () => {
    await createCustomer(context, 'chloe_r');
    const brandPost = await injectPost(context, { author: 'VigieTelecom', text: 'Nouvelle offre fibre !' });
    const retweet = await injectPost(context, { author: 'chloe_r', retweetOf: brandPost.id });
    const quote = await injectPost(context, {
      author: 'chloe_r',
      quoteOf: brandPost.id,
      text: 'Enfin @VigieTelecom, et chez moi ?',
    });
    await waitUntil(async () => (await messageCount(context, quote.id)) === 1);

    await waitUntil(async () => (await messageCount(context, retweet.id)) === 1);
    expect(await conversationOf(retweet.id)).toMatchObject({
      needsReply: false,
      waitingSince: null,
      messages: [{ kind: 'retweet', needsReply: false }],
    });
    expect(await messageCount(context, brandPost.id)).toBe(0);
    expect(await conversationOf(quote.id)).toMatchObject({ status: 'open', messages: [{ kind: 'quote' }] });
  });

  it('joins a follow-up in the thread to the open conversation, and a DM from the same customer to a DM conversation with the same contact', async () => {
    const customerId = await createCustomer(context, 'david_k');
    const first = await injectPost(context, { author: 'david_k', text: '@VigieTelecom box en panne' });
    const answer = await injectPost(context, {
      author: 'VigieTelecom',
      text: 'Vous pouvez la redémarrer ?',
      inReplyTo: first.id,
    });
    // Replying to the brand's answer: X puts @VigieTelecom at the start, so the stream rule matches.
    const followUp = await injectPost(context, {
      author: 'david_k',
      text: 'toujours rien…',
      inReplyTo: answer.id,
    });
    await waitUntil(async () => (await messageCount(context, followUp.id)) === 1);
    const thread = await conversationOf(first.id);
    expect(thread.messages.map((message) => message.externalId)).toEqual([first.id, answer.id, followUp.id]);
    expect(thread.messageCount).toBe(3);
    expect(thread.waitingSince).not.toBeNull();

    const dm = await context.control<{ data: { id: string } }>('POST', '/control/dms', {
      from: 'david_k',
      to: 'VigieTelecom',
      text: 'Mon numéro client est 4242',
    });
    await waitUntil(async () => (await messageCount(context, dm.body.data.id)) === 1);
    const direct = await conversationOf(dm.body.data.id);
    expect(direct).toMatchObject({
      kind: 'direct_message',
      messages: [{ kind: 'direct_message', text: 'Mon numéro client est 4242' }],
    });
    expect(direct.id).not.toBe(thread.id);
    expect(direct.contact.id).toBe(thread.contact.id);
    expect(direct.contact.externalUserId).toBe(customerId);
    expect(
      await context.count(`SELECT count(*) FROM contact_identity WHERE external_user_id = $1`, [customerId]),
    ).toBe(1);
  });

  it('lists conversations newest activity first, page by page, for agents', async () => {
    const first = (await agent.request('GET', '/api/conversations?limit=2')).body as ConversationPage;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = (await agent.request('GET', `/api/conversations?limit=2&cursor=${first.nextCursor}`))
      .body as ConversationPage;
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
    const times = all.map((item) => item.lastActivityAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await agent.request('GET', '/api/conversations?cursor=bogus')).status).toBe(400);
    expect((await new ApiClient(context.api.url).request('GET', '/api/conversations')).status).toBe(401);
  });
});
