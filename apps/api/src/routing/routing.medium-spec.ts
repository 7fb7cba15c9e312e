import type {
  AgentStatusChanged,
  AssignmentLogPage,
  BulkReassignResponse,
  ConversationAssigned,
  ConversationSla,
  RoutingAgentView,
  RoutingConversationView,
} from '@vigie/contracts';
import { ConversationParticipants } from '@vigie/inbox-server';
import { AgentStatusService } from '@vigie/routing-server';
import { ApiClient, connectSocket, type TestSocket, waitForConnect } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitForRoutedConversation,
  waitUntil,
} from '../testing/x-ingestion-test-context';

describe('routing (real database, fake X through the real client, real socket.io clients, FakeClock)', () => {
  let context: IngestionTestContext;
  let supervisor: ApiClient;
  let supervisorSocket: TestSocket;
  const sockets: TestSocket[] = [];
  const assigned: ConversationAssigned[] = [];
  const userIds = new Map<string, string>();
  const clients = new Map<string, ApiClient>();

  beforeAll(async () => {
    context = await startIngestionTest();
    // A Tuesday morning in Paris, inside the default SLA calendar's hours: the contract's first-response due time
    // is then one business hour after the post, whatever today's real date is.
    const at = '2026-11-24T10:00:00+01:00';
    context.api.clock.set(at);
    await context.control('POST', '/control/clock', { offsetMs: Date.parse(at) - Date.now() });
    supervisor = await signIn('hugo@vigie.demo');
    supervisorSocket = await openSocket(supervisor);
    supervisorSocket.on('conversation.assigned', (event) => assigned.push(event));
    await waitUntil(
      async () =>
        (await context.control<{ data: { isConnected: boolean } }>('GET', '/control/stream')).body.data
          .isConnected,
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await context.close();
  });

  async function signIn(email: string): Promise<ApiClient> {
    const client = new ApiClient(context.api.url);
    const login = await client.login(email);
    userIds.set(email, (login.body as { user: { id: string } }).user.id);
    clients.set(email, client);
    return client;
  }

  async function openSocket(client: ApiClient): Promise<TestSocket> {
    const socket = connectSocket(context.api.url, client.cookie);
    sockets.push(socket);
    await waitForConnect(socket);
    return socket;
  }

  function idOf(email: string): string {
    const id = userIds.get(email);
    if (!id) throw new Error(`${email} has not signed in`);
    return id;
  }

  /** A customer post through the fake X; resolves with its conversation once routing holds it. */
  let lastPostId = '';
  async function customerWrites(
    author: string,
    text: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const post = await injectPost(context, { author, text, ...extra });
    lastPostId = post.id;
    return waitForRoutedConversation(context, post.id);
  }

  async function routingOf(conversationId: string): Promise<RoutingConversationView> {
    const answer = await supervisor.request('GET', `/api/routing/conversations/${conversationId}`);
    expect(answer.status).toBe(200);
    return answer.body as RoutingConversationView;
  }

  async function agentView(email: string): Promise<RoutingAgentView | undefined> {
    const agents = (await supervisor.request('GET', '/api/routing/agents')).body as RoutingAgentView[];
    return agents.find((agent) => agent.userId === idOf(email));
  }

  async function logOf(conversationId: string): Promise<AssignmentLogPage['items']> {
    const answer = await supervisor.request('GET', `/api/routing/log?conversationId=${conversationId}`);
    expect(answer.status).toBe(200);
    return (answer.body as AssignmentLogPage).items;
  }

  const someId = '00000000-0000-4000-8000-000000000001';
  const routes: [string, string, unknown][] = [
    ['GET', '/api/routing/queue', undefined],
    ['GET', `/api/routing/conversations/${someId}`, undefined],
    ['POST', `/api/routing/conversations/${someId}/claim`, {}],
    ['POST', `/api/routing/conversations/${someId}/transfer`, { agentId: someId }],
    ['POST', `/api/routing/conversations/${someId}/unassign`, {}],
    ['POST', '/api/routing/bulk-reassign', { conversationIds: [someId], targetAgentId: someId }],
    ['GET', '/api/routing/agents', undefined],
    ['PUT', '/api/routing/me/status', { status: 'online' }],
    ['PUT', `/api/routing/agents/${someId}/capacity`, { capacity: 3 }],
    ['PUT', `/api/routing/brands/${someId}/policy`, { policy: 'least_loaded' }],
    ['GET', '/api/routing/log', undefined],
  ];

  it.each(routes)('refuses %s %s without a session (401)', async (method, path, body) => {
    const anonymous = new ApiClient(context.api.url);
    expect((await anonymous.request(method, path, body)).status).toBe(401);
  });

  it.each([
    ['ops@', 'ines@vigie.demo', 'GET', '/api/routing/queue', undefined],
    ['ops@', 'ines@vigie.demo', 'POST', `/api/routing/conversations/${someId}/claim`, {}],
    ['supervisor@', 'hugo@vigie.demo', 'POST', `/api/routing/conversations/${someId}/claim`, {}],
    ['ops@', 'ines@vigie.demo', 'GET', '/api/routing/log', undefined],
    [
      'agent@',
      'camille@vigie.demo',
      'POST',
      '/api/routing/bulk-reassign',
      { conversationIds: [someId], targetAgentId: someId },
    ],
    ['agent@', 'camille@vigie.demo', 'PUT', `/api/routing/agents/${someId}/capacity`, { capacity: 3 }],
    [
      'agent@',
      'camille@vigie.demo',
      'PUT',
      `/api/routing/brands/${someId}/policy`,
      { policy: 'least_loaded' },
    ],
    ['supervisor@', 'hugo@vigie.demo', 'PUT', '/api/routing/me/status', { status: 'online' }],
  ] as [string, string, string, string, unknown][])(
    'refuses the wrong role (403): %s %s %s %s',
    async (_role, email, method, path, body) => {
      const client = clients.get(email) ?? (await signIn(email));
      expect((await client.request(method, path, body)).status).toBe(403);
    },
  );

  it('answers bad input with a 400 and a clear message, and an unknown conversation with a 404', async () => {
    const both = await supervisor.request('POST', `/api/routing/conversations/${someId}/transfer`, {
      agentId: someId,
      teamId: someId,
    });
    expect(both.status).toBe(400);
    expect((both.body as { message: string }).message).toContain('exactly one of agentId or teamId');
    expect(
      (await supervisor.request('PUT', `/api/routing/agents/${someId}/capacity`, { capacity: -1 })).status,
    ).toBe(400);
    expect(
      (
        await supervisor.request('POST', '/api/routing/bulk-reassign', {
          conversationIds: ['x'],
          targetAgentId: someId,
        })
      ).status,
    ).toBe(400);
    expect((await supervisor.request('GET', '/api/routing/conversations/not-a-uuid')).status).toBe(400);
    const unknown = await supervisor.request('POST', `/api/routing/conversations/${someId}/unassign`, {});
    expect(unknown.status).toBe(404);
  });

  it("queues a post that needs a reply with its priority, its reasons and the SLA contract's due time, while nobody is online", async () => {
    await createCustomer(context, 'nadia_k', { followersCount: 25_000 });
    const conversationId = await customerWrites(
      'nadia_k',
      '@VigieTelecom plus de réseau depuis ce matin, c’est inadmissible, je paie pour rien',
    );
    // The due time is read from the SLA's clocks after the recording commits (docs/adr/0208).
    await waitUntil(async () => (await routingOf(conversationId)).dueSource === 'contract');
    const routing = await routingOf(conversationId);
    expect(routing.assigneeId).toBeNull();
    expect(routing.queuedAt).not.toBeNull();
    expect(['urgent', 'high', 'medium']).toContain(routing.priority);
    expect(routing.priorityReasons.join(' ')).toContain('25k followers');
    const sla = (await supervisor.request('GET', `/api/conversations/${conversationId}/sla`))
      .body as ConversationSla;
    const contract = sla.clocks.find(
      (clock) => clock.clock === 'contract' && clock.metric === 'first_response',
    );
    expect(routing.dueAt).toBe(contract?.dueAt);
    // Tuesday 10:00 is within the default calendar's hours: one business hour is one hour.
    expect(Date.parse(routing.dueAt ?? '') - Date.parse(routing.waitingSince ?? '')).toBe(3_600_000);
    // Nobody has come online yet: routing knows no agent who could take it, and says so.
    expect(routing.waiting?.why).toBe('empty_team');
    expect(routing.waiting?.explanation).toMatch(/^Queued: /);
    const queue = (await supervisor.request('GET', '/api/routing/queue')).body as { total: number };
    expect(queue.total).toBeGreaterThanOrEqual(1);
    // A thank-you that needs no answer does not enqueue anything.
    await createCustomer(context, 'happy_paul');
    await injectPost(context, {
      author: 'happy_paul',
      text: '@VigieTelecom merci pour tout, super service 🙏',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const happy = (await context.dataSource.query(
      `SELECT count(*) AS count FROM routing_conversation rc JOIN conversation c ON c.id = rc.conversation_id
       JOIN contact_identity ci ON ci.contact_id = c.contact_id WHERE ci.handle = 'happy_paul'`,
    )) as { count: string }[];
    expect(Number(happy[0]?.count)).toBe(0);
  });

  it('assigns the queue the moment an agent comes online through the console socket, tells them and the supervisors, and logs why', async () => {
    const lea = await signIn('lea@vigie.demo');
    const leaEvents: ConversationAssigned[] = [];
    const statusEvents: AgentStatusChanged[] = [];
    const socket = connectSocket(context.api.url, lea.cookie);
    sockets.push(socket);
    socket.on('conversation.assigned', (event) => leaEvents.push(event));
    socket.on('agent.status.changed', (event) => statusEvents.push(event));
    await waitForConnect(socket);
    const leaId = idOf('lea@vigie.demo');

    await waitUntil(() => leaEvents.length > 0 && assigned.some((event) => event.agentId === leaId));
    const event = leaEvents[0] as ConversationAssigned;
    expect(event).toMatchObject({ action: 'assigned', agentId: leaId, previousAgentId: null });
    expect(['round_robin', 'least_loaded']).toContain(event.reason);
    expect(event.explanation).toContain('Léa Bernard');
    expect(statusEvents.some((status) => status.status === 'online' && status.source === 'presence')).toBe(
      true,
    );
    const [entry] = await logOf(event.conversationId);
    expect(entry).toMatchObject({ action: 'assigned', agentId: leaId, reason: event.reason });
    expect((await routingOf(event.conversationId)).assigneeId).toBe(leaId);
    expect(await agentView('lea@vigie.demo')).toMatchObject({ status: 'online', openCount: 1 });
  });

  it("returns an offline agent's unanswered conversation to the queue after the grace period, not before", async () => {
    const leaId = idOf('lea@vigie.demo');
    const held = (await context.dataSource.query(
      `SELECT conversation_id FROM routing_conversation WHERE assignee_id = $1`,
      [leaId],
    )) as { conversation_id: string }[];
    const conversationId = held[0]?.conversation_id as string;
    // Only Léa's socket closes: the supervisor's stays.
    for (const socket of sockets.splice(1)) socket.disconnect();
    await waitUntil(async () => (await agentView('lea@vigie.demo'))?.status === 'offline');

    const sweeper = context.api.vigie.app.get(AgentStatusService);
    context.api.clock.advance({ minutes: 4 });
    expect((await sweeper.sweep()).returned).toBe(0);
    expect((await routingOf(conversationId)).assigneeId).toBe(leaId);

    context.api.clock.advance({ minutes: 2 });
    expect((await sweeper.sweep()).returned).toBe(1);
    const routing = await routingOf(conversationId);
    expect(routing).toMatchObject({ assigneeId: null });
    expect(routing.queuedAt).not.toBeNull();
    const [entry] = await logOf(conversationId);
    expect(entry).toMatchObject({ action: 'returned', previousAgentId: leaId, reason: 'agent_offline' });
    expect(entry?.explanation).toContain('offline for 6 min');
    expect(await agentView('lea@vigie.demo')).toMatchObject({ openCount: 0 });
  });

  it('lets an agent claim a queued conversation, refuses a second claim, and lets a supervisor bulk-reassign it', async () => {
    const conversationId = (await context.dataSource.query(
      `SELECT conversation_id FROM routing_conversation WHERE queued_at IS NOT NULL LIMIT 1`,
    )) as { conversation_id: string }[];
    const id = conversationId[0]?.conversation_id as string;
    const sam = clients.get('sam@vigie.demo') ?? (await signIn('sam@vigie.demo'));
    const camille = clients.get('camille@vigie.demo') ?? (await signIn('camille@vigie.demo'));

    const claim = await sam.request('POST', `/api/routing/conversations/${id}/claim`, {});
    expect(claim.status).toBe(200);
    expect((claim.body as RoutingConversationView).assigneeId).toBe(idOf('sam@vigie.demo'));
    const second = await camille.request('POST', `/api/routing/conversations/${id}/claim`, {});
    expect(second.status).toBe(409);
    expect((second.body as { code: string }).code).toBe('already_assigned');
    // Camille may not move Sam's conversation.
    expect((await camille.request('POST', `/api/routing/conversations/${id}/unassign`, {})).status).toBe(403);
    // Camille is offline: a transfer to her is refused; once she says she is online it goes through.
    const toOffline = await sam.request('POST', `/api/routing/conversations/${id}/transfer`, {
      agentId: idOf('camille@vigie.demo'),
    });
    expect(toOffline.status).toBe(409);
    expect((await camille.request('PUT', '/api/routing/me/status', { status: 'away' })).status).toBe(200);

    const bulk = await supervisor.request('POST', '/api/routing/bulk-reassign', {
      conversationIds: [id, id],
      targetAgentId: idOf('camille@vigie.demo'),
    });
    expect(bulk.status).toBe(200);
    expect((bulk.body as BulkReassignResponse).results.map((result) => result.outcome)).toEqual([
      'accepted',
      'unchanged',
    ]);
    expect((await routingOf(id)).assigneeId).toBe(idOf('camille@vigie.demo'));
    const [entry] = await logOf(id);
    expect(entry).toMatchObject({
      action: 'reassigned',
      previousAgentId: idOf('sam@vigie.demo'),
      actorUserId: idOf('hugo@vigie.demo'),
    });
    expect(await agentView('sam@vigie.demo')).toMatchObject({ openCount: 0 });
    expect(await agentView('camille@vigie.demo')).toMatchObject({ openCount: 1, status: 'away' });
  });

  it('transfers to a team queue, keeps it waiting while no member has room, and drains it when a supervisor raises a capacity', async () => {
    const camille = clients.get('camille@vigie.demo') as ApiClient;
    const camilleId = idOf('camille@vigie.demo');
    const [held] = (await context.dataSource.query(
      `SELECT conversation_id FROM routing_conversation WHERE assignee_id = $1`,
      [camilleId],
    )) as { conversation_id: string }[];
    const id = held?.conversation_id as string;
    const [careFr] = (await context.dataSource.query(`SELECT id FROM team WHERE name = 'Care FR'`)) as {
      id: string;
    }[];

    expect(
      (await supervisor.request('PUT', `/api/routing/agents/${camilleId}/capacity`, { capacity: 0 })).status,
    ).toBe(200);
    const transfer = await camille.request('POST', `/api/routing/conversations/${id}/transfer`, {
      teamId: careFr?.id,
    });
    expect(transfer.status).toBe(200);
    expect(transfer.body).toMatchObject({ assigneeId: null, teamId: careFr?.id });
    expect((await camille.request('PUT', '/api/routing/me/status', { status: 'online' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await routingOf(id)).assigneeId).toBeNull();

    expect(
      (await supervisor.request('PUT', `/api/routing/agents/${camilleId}/capacity`, { capacity: 3 })).status,
    ).toBe(200);
    await waitUntil(async () => (await routingOf(id)).assigneeId === camilleId);
    const [entry] = await logOf(id);
    expect(entry).toMatchObject({ action: 'assigned', agentId: camilleId, teamId: careFr?.id });
  });

  it('frees the agent’s room when the conversation is resolved', async () => {
    const camilleId = idOf('camille@vigie.demo');
    const [held] = (await context.dataSource.query(
      `SELECT rc.conversation_id, rc.brand_id, c.channel_account_id FROM routing_conversation rc
       JOIN conversation c ON c.id = rc.conversation_id WHERE rc.assignee_id = $1`,
      [camilleId],
    )) as { conversation_id: string; brand_id: string; channel_account_id: string }[];
    const before = (await agentView('camille@vigie.demo'))?.openCount ?? 0;
    const at = context.api.clock.now();
    // What the inbox does inside the transaction that resolves a conversation.
    const participants = context.api.vigie.app.get(ConversationParticipants);
    await context.dataSource.transaction((manager) =>
      participants.notify(manager, [
        {
          kind: 'status_changed',
          conversationId: held?.conversation_id as string,
          brandId: held?.brand_id as string,
          channelAccountId: held?.channel_account_id as string,
          from: { status: 'open', resolvedAt: null, waitingSince: at },
          state: { status: 'resolved', resolvedAt: at, waitingSince: null },
          snoozedUntil: null,
          userId: camilleId,
          at,
        },
      ]),
    );
    expect(
      (await supervisor.request('GET', `/api/routing/conversations/${held?.conversation_id}`)).status,
    ).toBe(404);
    expect((await agentView('camille@vigie.demo'))?.openCount).toBe(before - 1);
    const [entry] = await logOf(held?.conversation_id as string);
    expect(entry).toMatchObject({ action: 'unassigned', reason: 'resolved', previousAgentId: camilleId });
  });

  it("gives a customer's conversation to the CRM account owner when they come online (stored with the CRM facts), and raises a VIP's priority", async () => {
    const sam = clients.get('sam@vigie.demo') as ApiClient;
    const camille = clients.get('camille@vigie.demo') as ApiClient;
    const samId = idOf('sam@vigie.demo');
    // Nobody online: the first post waits in the queue.
    expect((await camille.request('PUT', '/api/routing/me/status', { status: 'away' })).status).toBe(200);
    await createCustomer(context, 'boulangerie_mtn');
    const conversationId = await customerWrites(
      'boulangerie_mtn',
      '@VigieTelecom bonjour, une question sur mon forfait ?',
    );
    const firstPostId = lastPostId;
    const account = await supervisor.request('POST', '/api/crm/accounts', {
      name: 'Boulangerie Martin',
      ownerUserId: samId,
      tier: 'vip',
      value: 20_000,
    });
    expect(account.status).toBe(201);
    const [contact] = (await context.dataSource.query(`SELECT contact_id FROM conversation WHERE id = $1`, [
      conversationId,
    ])) as { contact_id: string }[];
    const link = await supervisor.request('PATCH', `/api/crm/contacts/${contact?.contact_id}`, {
      accountId: (account.body as { id: string }).id,
    });
    expect(link.status).toBe(200);
    // The customer writes again: routing reads the CRM facts afresh (owner, tier, value).
    expect(
      await customerWrites(
        'boulangerie_mtn',
        '@VigieTelecom toujours pas de réponse, la ligne est coupée !',
        { inReplyTo: firstPostId },
      ),
    ).toBe(conversationId);
    await waitUntil(async () =>
      (await routingOf(conversationId)).priorityReasons.join(' ').includes('VIP customer'),
    );

    expect((await sam.request('PUT', '/api/routing/me/status', { status: 'online' })).status).toBe(200);
    await waitUntil(async () => (await routingOf(conversationId)).assigneeId !== null);
    expect((await routingOf(conversationId)).assigneeId).toBe(samId);
    const [entry] = await logOf(conversationId);
    expect(entry).toMatchObject({ action: 'assigned', agentId: samId, reason: 'account_owner' });
    expect(entry?.explanation).toContain('Sam Taylor');
  });
});
