import type { ConversationDetail, MessageReceived } from '@vigie/contracts';
import type { ApiClient, TestSocket } from '../testing/api-test-context';
import {
  connectAgent,
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitForStream,
  waitUntil,
} from '../testing/x-ingestion-test-context';

/**
 * Triage on ingestion (docs/adr/0013): posts come through the real twitter-api-v2 client from the fake X's
 * filtered stream; the verdict is stored on the message, and only posts that need a reply start a wait.
 */
describe('triage on X ingestion (real twitter-api-v2 client, fake X, real database)', () => {
  let context: IngestionTestContext;
  let agent: ApiClient;
  let socket: TestSocket;
  let received: MessageReceived[];

  beforeAll(async () => {
    context = await startIngestionTest();
    ({ agent, socket, received } = await connectAgent(context));
    await waitForStream(context);
  });
  afterAll(async () => {
    socket.disconnect();
    await context.close();
  });

  async function receivedEvent(externalId: string): Promise<MessageReceived> {
    await waitUntil(() => received.some((event) => event.message.externalId === externalId));
    return received.find((event) => event.message.externalId === externalId) as MessageReceived;
  }

  async function conversation(id: string): Promise<ConversationDetail> {
    return (await agent.request('GET', `/api/conversations/${id}`)).body as ConversationDetail;
  }

  /** What an agent resolving the conversation does to its row (the inbox's resolve endpoint comes later). */
  async function resolve(conversationId: string): Promise<void> {
    await context.dataSource.query(
      `UPDATE conversation SET status = 'resolved', resolved_at = now(), waiting_since = NULL WHERE id = $1`,
      [conversationId],
    );
  }

  it('opens a waiting conversation for a complaint and stores its intent, sentiment and reasons', async () => {
    await createCustomer(context, 'nadia_b', { followersCount: 12 });
    const post = await injectPost(context, {
      author: 'nadia_b',
      text: '@VigieTelecom ma box ne marche plus depuis 3 jours, c’est inadmissible 😡',
      lang: 'fr',
    });
    const event = await receivedEvent(post.id);

    expect(event.message).toMatchObject({ intent: 'complaint', sentiment: 'negative', needsReply: true });
    expect(event.message.triageReasons).toContain('reply: complaint');
    expect(event.conversation).toMatchObject({ status: 'open', needsReply: true });
    expect(event.conversation.waitingSince).not.toBeNull();
    const stored = await conversation(event.conversation.id);
    expect(stored.messages.find((message) => message.externalId === post.id)).toMatchObject({
      intent: 'complaint',
      sentiment: 'negative',
      needsReply: true,
    });
  });

  async function expectStoredWithoutWait(externalId: string): Promise<MessageReceived> {
    const event = await receivedEvent(externalId);
    expect(event.message.needsReply).toBe(false);
    expect(event.conversation).toMatchObject({ status: 'open', needsReply: false, waitingSince: null });
    const stored = await conversation(event.conversation.id);
    // Only the customer's: an automatic answer (outside business hours) may follow, it is not a customer post.
    expect(
      stored.messages
        .filter((message) => message.authorKind === 'customer')
        .map((message) => message.externalId),
    ).toEqual([externalId]);
    return event;
  }

  it('stores spam without starting a wait', async () => {
    await createCustomer(context, 'spam_bot_77');
    const post = await injectPost(context, {
      author: 'spam_bot_77',
      text: '@VigieTelecom 🔥 Gagnez 5000€ en crypto cette semaine 👉 https://t.co/win',
    });
    expect((await expectStoredWithoutWait(post.id)).message.intent).toBe('spam');
  });

  it('stores a reply to another customer that only tags the brand along without starting a wait', async () => {
    await createCustomer(context, 'marc_t');
    await createCustomer(context, 'julien_p');
    const parent = await injectPost(context, {
      author: 'marc_t',
      text: 'ma box clignote orange, quelqu’un sait ?',
    });
    const post = await injectPost(context, {
      author: 'julien_p',
      text: '@marc_t @VigieTelecom t’inquiète, chez moi aussi la box est en panne',
      inReplyTo: parent.id,
    });
    const event = await expectStoredWithoutWait(post.id);
    expect(event.message.triageReasons).toContain('no reply: the brand is only mentioned in passing');
  });

  it('stores a plain retweet for search, as a retweet that waits for nothing', async () => {
    await createCustomer(context, 'chloe_r');
    const brandPost = await injectPost(context, { author: 'VigieTelecom', text: 'Nouvelle offre fibre !' });
    const retweet = await injectPost(context, { author: 'chloe_r', retweetOf: brandPost.id });
    const event = await receivedEvent(retweet.id);

    expect(event.message).toMatchObject({ kind: 'retweet', needsReply: false });
    expect(event.message.triageReasons).toContain('no reply: plain retweet');
    expect(event.conversation).toMatchObject({ needsReply: false, waitingSince: null });
  });

  it('keeps a resolved conversation resolved when the customer says thanks, and reopens it for a new problem', async () => {
    await createCustomer(context, 'paul_v');
    const complaint = await injectPost(context, {
      author: 'paul_v',
      text: '@VigieTelecom plus de connexion depuis ce matin',
    });
    const opened = await receivedEvent(complaint.id);
    await resolve(opened.conversation.id);

    const thanks = await injectPost(context, {
      author: 'paul_v',
      text: '@VigieTelecom merci !',
      inReplyTo: complaint.id,
    });
    const thanked = await receivedEvent(thanks.id);
    expect(thanked.message).toMatchObject({ intent: 'praise', needsReply: false });
    expect(thanked.conversation).toMatchObject({
      id: opened.conversation.id,
      status: 'resolved',
      waitingSince: null,
    });

    const again = await injectPost(context, {
      author: 'paul_v',
      text: '@VigieTelecom encore en panne ce soir, plus de connexion',
      inReplyTo: complaint.id,
    });
    const reopened = await receivedEvent(again.id);
    expect(reopened.message).toMatchObject({ needsReply: true });
    expect(reopened.message.triageReasons.join(' ')).toContain('after the case was resolved');
    expect(reopened.conversation).toMatchObject({ id: opened.conversation.id, status: 'open' });
    expect(reopened.conversation.waitingSince).not.toBeNull();
  });

  it('starts the wait when a conversation opened by a post needing no reply receives a question', async () => {
    await createCustomer(context, 'ines_l');
    const praise = await injectPost(context, {
      author: 'ines_l',
      text: '@VigieTelecom super accueil en boutique, merci 🙏',
    });
    const first = await receivedEvent(praise.id);
    expect(first.conversation).toMatchObject({ needsReply: false, waitingSince: null });

    const question = await injectPost(context, {
      author: 'ines_l',
      text: '@VigieTelecom au fait, comment je change mon offre ?',
      inReplyTo: praise.id,
    });
    const asked = await receivedEvent(question.id);
    expect(asked.conversation).toMatchObject({ id: first.conversation.id, needsReply: true });
    expect(asked.conversation.waitingSince).toBe(new Date(asked.message.sentAt).toISOString());
  });
});
