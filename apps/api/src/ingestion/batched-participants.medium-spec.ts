import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ConversationState } from '@vigie/inbox-core';
import { type ConversationActivity, ConversationParticipants } from '@vigie/inbox-server';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  messageCount,
  startIngestionTest,
  waitUntil,
} from '../testing/x-ingestion-test-context';

type Conversation = { id: string; contactId: string };

const minutes = (count: number) => count * 60_000;
/** Friday 20 Nov 2026, 19:30 in Paris (CET): out of hours, so the out-of-hours answer is part of the story. */
const t0 = new Date('2026-11-20T18:30:00.000Z');
const at = (offsetMinutes: number) => new Date(t0.getTime() + minutes(offsetMinutes));
const open = (waitingSince: Date | null): ConversationState => ({
  status: 'open',
  resolvedAt: null,
  waitingSince,
});

/**
 * One conversation's life, as the inbox reports it: posts, a channel answer, a wait on the customer, the
 * customer again. The same story is recorded as one batch (several activities of one conversation, mixed with
 * another conversation's) and one activity per transaction: the participants (SLA clocks, out-of-hours answer,
 * routing queue) must leave exactly the same rows either way.
 */
function story(
  conversation: Conversation,
  brandId: string,
  channelAccountId: string,
): ConversationActivity[] {
  const common = { conversationId: conversation.id, brandId, channelAccountId };
  const customerWrote = (
    offsetMinutes: number,
    needsReply: boolean,
    state: ConversationState,
  ): ConversationActivity => ({
    ...common,
    kind: 'customer_wrote',
    contactId: conversation.contactId,
    messageId: randomUUID(),
    messageKind: 'mention',
    authorHandle: null,
    language: 'fr',
    text: needsReply ? 'toujours pas de connexion, urgent' : 'merci',
    at: at(offsetMinutes),
    thread: offsetMinutes === 0 ? 'created' : 'joined',
    state,
    triage: {
      language: 'fr',
      needsReply,
      intent: needsReply ? 'complaint' : 'praise',
      sentiment: needsReply ? 'negative' : 'positive',
      confidence: 0.9,
      urgencyWords: needsReply ? ['urgent'] : [],
      reasons: [],
    },
  });
  return [
    customerWrote(0, true, open(at(0))),
    customerWrote(5, true, open(at(0))),
    {
      ...common,
      kind: 'brand_answered',
      messageId: randomUUID(),
      via: 'channel',
      userId: null,
      at: at(20),
      state: open(null),
    },
    customerWrote(25, false, open(null)),
    customerWrote(30, true, open(at(30))),
    {
      ...common,
      kind: 'status_changed',
      from: open(at(30)),
      state: { status: 'pending', resolvedAt: null, waitingSince: at(30) },
      snoozedUntil: null,
      userId: null,
      at: at(40),
    },
    customerWrote(50, true, open(at(30))),
  ];
}

describe('participants record a batch exactly as one activity at a time (real database)', () => {
  let context: IngestionTestContext;
  let dataSource: DataSource;
  let participants: ConversationParticipants;

  beforeAll(async () => {
    context = await startIngestionTest({ isOutOfHoursAnswerOn: true });
    dataSource = context.api.vigie.app.get(DataSource);
    participants = context.api.vigie.app.get(ConversationParticipants);
  });
  afterAll(() => context.close());

  /** A real conversation (ingested from the fake X), its participants' rows cleared to start from nothing. */
  async function freshConversation(username: string): Promise<Conversation> {
    await createCustomer(context, username);
    const post = await injectPost(context, { author: username, text: '@VigieTelecom bonjour', lang: 'fr' });
    await waitUntil(async () => (await messageCount(context, post.id)) === 1);
    const [row] = (await context.dataSource.query(
      `SELECT c.id, c.contact_id FROM conversation c JOIN message m ON m.conversation_id = c.id
       WHERE m.external_id = $1`,
      [post.id],
    )) as { id: string; contact_id: string }[];
    if (!row) throw new Error('conversation not recorded');
    for (const table of [
      'sla_due_event',
      'sla_event',
      'sla_clock',
      'sla_auto_answer',
      'routing_conversation',
    ])
      await context.dataSource.query(`DELETE FROM ${table} WHERE conversation_id = $1`, [row.id]);
    return { id: row.id, contactId: row.contact_id };
  }

  /** Every row the participants keep for a conversation, without the conversation's own id. */
  async function participantRows(conversationId: string): Promise<Record<string, unknown[]>> {
    const query = (sql: string) => context.dataSource.query(sql, [conversationId]) as Promise<unknown[]>;
    return {
      clocks: await query(
        `SELECT clock, metric, brand_id, channel, policy_id, status, hours, target_ms, started_at, consumed_ms,
           running_since, due_at, breached_at, fulfilled_at, elapsed_ms, responder_user_id, generation
         FROM sla_clock WHERE conversation_id = $1 ORDER BY clock, metric`,
      ),
      events: await query(
        `SELECT clock, metric, kind, at, due_at, detail FROM sla_event WHERE conversation_id = $1 ORDER BY id`,
      ),
      dueEvents: await query(
        `SELECT clock, metric, generation, kind, fraction, due_at FROM sla_due_event WHERE conversation_id = $1
         ORDER BY clock, metric, due_at, kind`,
      ),
      autoAnswers: await query(
        `SELECT period_key, language, text, message_id IS NOT NULL AS is_queued FROM sla_auto_answer
         WHERE conversation_id = $1 ORDER BY period_key`,
      ),
      routing: await query(
        `SELECT brand_id, contact_id, language, required_skills, priority, priority_rank, priority_score,
           priority_reasons, priority_signals, is_crm_checked, waiting_since, due_at, due_source, queued_at, assignee_id
         FROM routing_conversation WHERE conversation_id = $1`,
      ),
    };
  }

  it('leaves the same clocks, events, due times, out-of-hours answer and queue row as one by one', async () => {
    context.api.clock.set(at(55));
    const { brandId, accountId } = context.demo;
    const [batched, alsoBatched, oneByOne] = [
      await freshConversation('lina_batch'),
      await freshConversation('omar_batch'),
      await freshConversation('ines_single'),
    ];
    // The same contact everywhere: the routing priority reads the author's influence.
    const contact = { contactId: batched.contactId };
    const first = story({ ...batched, ...contact }, brandId, accountId);
    const second = story({ ...alsoBatched, ...contact }, brandId, accountId);
    const interleaved = first.flatMap((activity, index) => [activity, second[index] as ConversationActivity]);

    await dataSource.transaction((manager) => participants.notify(manager, interleaved));
    for (const activity of story({ ...oneByOne, ...contact }, brandId, accountId))
      await dataSource.transaction((manager) => participants.notify(manager, [activity]));

    // After commit, each drain pass first runs routing's CRM check (which may raise a queued row's priority), then
    // reads the due time from the SLA clocks (until then the row holds the provisional one): compare once both
    // have seen all three.
    await waitUntil(
      async () =>
        (await context.count(
          `SELECT count(*) FROM routing_conversation
           WHERE conversation_id = ANY($1::uuid[]) AND is_crm_checked AND is_due_checked`,
          [[batched.id, alsoBatched.id, oneByOne.id]],
        )) === 3,
    );
    const expected = await participantRows(oneByOne.id);
    // The story exercises every part: running and paused clocks, due events, the answer, a queue row.
    expect(expected['clocks']?.length).toBeGreaterThanOrEqual(4);
    expect(expected['events']?.length).toBeGreaterThanOrEqual(8);
    expect(expected['dueEvents']?.length).toBeGreaterThan(0);
    expect(expected['autoAnswers']).toHaveLength(1);
    expect(expected['routing']).toHaveLength(1);
    expect(await participantRows(batched.id)).toEqual(expected);
    expect(await participantRows(alsoBatched.id)).toEqual(expected);
  });

  it('resolves a conversation in a batch exactly as alone: response clocks stop, the queue row goes', async () => {
    const { brandId, accountId } = context.demo;
    const [batched, oneByOne] = [
      await freshConversation('rose_batch'),
      await freshConversation('noe_single'),
    ];
    const resolve = (conversation: Conversation): ConversationActivity => ({
      kind: 'status_changed',
      conversationId: conversation.id,
      brandId,
      channelAccountId: accountId,
      from: open(at(30)),
      state: { status: 'resolved', resolvedAt: at(60), waitingSince: null },
      snoozedUntil: null,
      userId: null,
      at: at(60),
    });
    await dataSource.transaction((manager) =>
      participants.notify(manager, [...story(batched, brandId, accountId), resolve(batched)]),
    );
    for (const activity of [...story(oneByOne, brandId, accountId), resolve(oneByOne)])
      await dataSource.transaction((manager) => participants.notify(manager, [activity]));

    const expected = await participantRows(oneByOne.id);
    expect(expected['routing']).toHaveLength(0);
    expect(expected['events']).toContainEqual(
      expect.objectContaining({ kind: 'stopped', metric: 'next_response' }),
    );
    expect(await participantRows(batched.id)).toEqual(expected);
  });
});
