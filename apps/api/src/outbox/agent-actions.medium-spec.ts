import { randomUUID } from 'node:crypto';
import type {
  ConversationActionState,
  ConversationDetail,
  ConversationNote,
  ConversationUpdated,
  NoteAdded,
} from '@vigie/contracts';
import { ApiClient } from '../testing/api-test-context';
import { type IngestionTestContext, waitUntil } from '../testing/x-ingestion-test-context';
import { type InboxWatch, mentionConversation, startInboxWatch } from './outbox-test-context';

describe('Agent actions on a conversation: status, snooze, tags, notes (real database, fake X, real socket)', () => {
  let watch: InboxWatch;
  let context: IngestionTestContext;
  let agent: ApiClient;
  let ops: ApiClient;
  let updated: ConversationUpdated[];
  let notes: NoteAdded[];

  beforeAll(async () => {
    watch = await startInboxWatch('hugo@vigie.demo');
    ({ context } = watch);
    ({ updated, notes } = watch.heard);
    agent = new ApiClient(context.api.url);
    await agent.login('camille@vigie.demo');
    ops = new ApiClient(context.api.url);
    await ops.login('ines@vigie.demo');
  });
  afterAll(() => watch.close());

  const mention = (username: string, text: string, inReplyTo?: string) =>
    mentionConversation(watch, { username, text, inReplyTo });

  const setStatus = (conversationId: string, body: Record<string, unknown>, client = agent) =>
    client.request('POST', `/api/conversations/${conversationId}/status`, body);

  async function detail(conversationId: string): Promise<ConversationDetail> {
    return (await agent.request('GET', `/api/conversations/${conversationId}`)).body as ConversationDetail;
  }

  it('resolves a conversation (the wait stops) and reopens it; consoles hear conversation.updated', async () => {
    const { conversationId } = await mention('res_a', 'résiliation svp');
    const resolved = await setStatus(conversationId, { status: 'resolved' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', waitingSince: null, snoozedUntil: null });
    expect((resolved.body as ConversationActionState).resolvedAt).not.toBeNull();
    await waitUntil(() =>
      updated.some((event) => event.conversation.id === conversationId && event.state.status === 'resolved'),
    );
    expect(updated.find((event) => event.conversation.id === conversationId)?.conversation.status).toBe(
      'resolved',
    );
    // Asking again changes nothing and is not an error.
    expect((await setStatus(conversationId, { status: 'resolved' })).status).toBe(200);

    const reopened = await setStatus(conversationId, { status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', resolvedAt: null });
    expect((await detail(conversationId)).status).toBe('open');
  });

  it('wakes a snoozed conversation at its time (clock driven by the test), from the database', async () => {
    const { conversationId } = await mention('snooze_b', 'je rappelle demain');
    const until = new Date(context.api.clock.now().getTime() + 2 * 3_600_000).toISOString();
    const snoozed = await setStatus(conversationId, { status: 'snoozed', snoozedUntil: until });
    expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    // Nothing happens before the time…
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await detail(conversationId)).status).toBe('snoozed');

    context.api.clock.advance({ hours: 2 });
    await waitUntil(async () => (await detail(conversationId)).status === 'open');
    const [row] = (await context.dataSource.query(`SELECT snoozed_until FROM conversation WHERE id = $1`, [
      conversationId,
    ])) as { snoozed_until: Date | null }[];
    expect(row?.snoozed_until).toBeNull();
    await waitUntil(() =>
      updated.some(
        (event) =>
          event.conversation.id === conversationId &&
          event.state.status === 'open' &&
          event.byUserId === null,
      ),
    );
  });

  it('wakes a snoozed conversation when the customer writes again', async () => {
    const { post, conversationId } = await mention('snooze_c', 'toujours en panne');
    const until = new Date(context.api.clock.now().getTime() + 24 * 3_600_000).toISOString();
    await setStatus(conversationId, { status: 'snoozed', snoozedUntil: until });
    await mention('snooze_c', 'allo ?', post.id);
    expect((await detail(conversationId)).status).toBe('open');
  });

  it('refuses bad status changes with 400 and a clear message', async () => {
    const { conversationId } = await mention('bad_d', 'hello');
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'snoozed' }, 'Snoozing needs snoozedUntil.'],
      [{ status: 'snoozed', snoozedUntil: '2020-01-01T00:00:00Z' }, 'snoozedUntil must be in the future.'],
      [
        { status: 'open', snoozedUntil: '2099-01-01T00:00:00Z' },
        'snoozedUntil is only for the snoozed status.',
      ],
      [{ status: 'closed' }, 'status must be one of: open, pending, snoozed, resolved'],
      [{ status: 'snoozed', snoozedUntil: 'tomorrow' }, 'snoozedUntil must be an ISO 8601 date-time'],
    ];
    for (const [body, message] of cases) {
      const answer = await setStatus(conversationId, body);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(message);
    }
    expect((await setStatus(randomUUID(), { status: 'open' })).status).toBe(404);
  });

  it('sets tags (normalised) and tells the consoles', async () => {
    const { conversationId } = await mention('tags_e', 'facture');
    const answer = await agent.request('PUT', `/api/conversations/${conversationId}/tags`, {
      tags: [' Facturation ', 'fibre', 'facturation', 'Île-de-France'],
    });
    expect(answer.status).toBe(200);
    expect((answer.body as ConversationActionState).tags).toEqual(['facturation', 'fibre', 'île-de-france']);
    await waitUntil(() =>
      updated.some((event) => event.conversation.id === conversationId && event.state.tags.includes('fibre')),
    );
    const bad = await agent.request('PUT', `/api/conversations/${conversationId}/tags`, {
      tags: ['<b>x</b>'],
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toContain('Tags are 1 to 40 letters');
    expect(
      (await agent.request('PUT', `/api/conversations/${conversationId}/tags`, { tags: 'fibre' })).status,
    ).toBe(400);
  });

  it('adds internal notes that agents and ops can read, never sent to X', async () => {
    const { conversationId } = await mention('notes_f', 'question');
    const postedBefore = (
      await context.control<{ tweets: unknown[]; dms: unknown[] }>('GET', '/control/posted')
    ).body;
    const added = await agent.request('POST', `/api/conversations/${conversationId}/notes`, {
      text: 'Client fidèle, <script>alert(1)</script> déjà deux pannes ce mois-ci.',
    });
    expect(added.status).toBe(201);
    const note = added.body as ConversationNote;
    expect(note).toMatchObject({
      conversationId,
      text: 'Client fidèle, <script>alert(1)</script> déjà deux pannes ce mois-ci.',
    });
    await waitUntil(() => notes.some((event) => event.note.id === note.id));

    const listed = await ops.request('GET', `/api/conversations/${conversationId}/notes`);
    expect(listed.status).toBe(200);
    expect((listed.body as ConversationNote[]).map((entry) => entry.id)).toEqual([note.id]);
    const postedAfter = (
      await context.control<{ tweets: unknown[]; dms: unknown[] }>('GET', '/control/posted')
    ).body;
    expect(postedAfter.tweets.length + postedAfter.dms.length).toBe(
      postedBefore.tweets.length + postedBefore.dms.length,
    );
    expect(
      (await agent.request('POST', `/api/conversations/${conversationId}/notes`, { text: '' })).status,
    ).toBe(400);
    expect((await agent.request('GET', `/api/conversations/${randomUUID()}/notes`)).status).toBe(404);
  });

  it('lets ops read but not act (403), and strangers nothing (401)', async () => {
    const { conversationId } = await mention('rights_g', 'test');
    const stranger = new ApiClient(context.api.url);
    expect((await setStatus(conversationId, { status: 'resolved' }, ops)).status).toBe(403);
    expect(
      (await ops.request('PUT', `/api/conversations/${conversationId}/tags`, { tags: ['x'] })).status,
    ).toBe(403);
    expect(
      (await ops.request('POST', `/api/conversations/${conversationId}/notes`, { text: 'non' })).status,
    ).toBe(403);
    expect((await setStatus(conversationId, { status: 'resolved' }, stranger)).status).toBe(401);
    expect((await stranger.request('GET', `/api/conversations/${conversationId}/notes`)).status).toBe(401);
    expect(
      (await stranger.request('PUT', `/api/conversations/${conversationId}/tags`, { tags: [] })).status,
    ).toBe(401);
    expect((await setStatus('nope', { status: 'open' })).status).toBe(400);
  });
});
