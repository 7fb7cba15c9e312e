import type { EntityManager } from 'typeorm';
import { type ConversationActivity, ConversationParticipants } from '@vigie/inbox-server';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  messageCount,
  startIngestionTest,
  waitUntil,
} from '../testing/x-ingestion-test-context';

type Seen = { activity: ConversationActivity; isMessageVisibleInTransaction: boolean };

/**
 * Other domains (SLA, routing, volume counters) hang off the inbox through ConversationParticipants. They
 * must see every recorded message inside the recording transaction, and a participant that fails must take
 * the message back with it, so that their tables never disagree with the inbox.
 */
describe('conversation participants (real ingestion path, real database)', () => {
  let context: IngestionTestContext;
  const seen: Seen[] = [];
  let failuresLeft = 0;

  beforeAll(async () => {
    context = await startIngestionTest();
    context.api.vigie.app.get(ConversationParticipants).register({
      name: 'test-recorder',
      async onActivity(manager: EntityManager, activities: readonly ConversationActivity[]) {
        for (const activity of activities) {
          if (activity.kind !== 'customer_wrote' && activity.kind !== 'brand_answered') continue;
          const rows = (await manager.query(`SELECT count(*)::int AS count FROM message WHERE id = $1`, [
            activity.messageId,
          ])) as { count: number }[];
          seen.push({ activity, isMessageVisibleInTransaction: rows[0]?.count === 1 });
        }
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('participant refused (test)');
        }
      },
    });
    await waitUntil(
      async () =>
        (await context.control<{ data: { isConnected: boolean } }>('GET', '/control/stream')).body.data
          .isConnected,
    );
  });
  afterAll(() => context.close());

  it('hands a customer message to participants inside the transaction, with the triage verdict', async () => {
    await createCustomer(context, 'hugo_martin');
    const post = await injectPost(context, {
      author: 'hugo_martin',
      text: "@VigieTelecom ça fait 3 jours que j'ai plus de connexion, c'est inadmissible",
      lang: 'fr',
    });
    await waitUntil(async () => (await messageCount(context, post.id)) === 1);
    const [row] = (await context.dataSource.query(
      `SELECT id, conversation_id FROM message WHERE external_id = $1`,
      [post.id],
    )) as { id: string; conversation_id: string }[];
    const entry = seen.find(
      (candidate) => 'messageId' in candidate.activity && candidate.activity.messageId === row?.id,
    );
    expect(entry?.isMessageVisibleInTransaction).toBe(true);
    expect(entry?.activity).toMatchObject({
      kind: 'customer_wrote',
      conversationId: row?.conversation_id,
      thread: 'created',
      state: { status: 'open' },
    });
    if (entry?.activity.kind !== 'customer_wrote') throw new Error('expected customer_wrote');
    expect(entry.activity.triage.needsReply).toBe(true);
    expect(entry.activity.triage.sentiment).toBe('negative');
    expect(seen.filter((other) => other.activity.conversationId === row?.conversation_id)).toHaveLength(1);
  });

  it('rolls the message back when a participant fails, then stores it exactly once on the retry', async () => {
    await createCustomer(context, 'jade_leroy');
    failuresLeft = 1;
    const before = seen.length;
    const post = await injectPost(context, {
      author: 'jade_leroy',
      text: '@VigieTelecom my bill is wrong again, who do I talk to?',
      lang: 'en',
    });
    // The first attempt fails inside the transaction; the stream reconnects and the backfill brings it again.
    await waitUntil(async () => (await messageCount(context, post.id)) === 1, 20_000);
    const attempts = seen.slice(before).filter((entry) => entry.activity.kind === 'customer_wrote');
    expect(failuresLeft).toBe(0);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    // The rolled-back attempt and the committed one describe the same post, in a conversation created once.
    const conversations = (await context.dataSource.query(
      `SELECT count(*)::int AS count FROM conversation c JOIN message m ON m.conversation_id = c.id
       WHERE m.external_id = $1`,
      [post.id],
    )) as { count: number }[];
    expect(conversations[0]?.count).toBe(1);
    expect(await messageCount(context, post.id)).toBe(1);
  });
});
