import type { AssignmentLogPage, RoutingAgentView, RoutingConversationView } from '@vigie/contracts';
import { DomainEventBus } from '@vigie/server';
import { ApiClient, connectSocket, type TestSocket, waitForConnect } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitForRoutedConversation,
  waitUntil,
} from '../testing/x-ingestion-test-context';

/** Events from outside routing: the console's presence, and the SLA's escalations. */
describe('routing reacting to presence and SLA escalations (real database, real socket.io clients)', () => {
  let context: IngestionTestContext;
  let lea: ApiClient;
  let supervisor: ApiClient;
  let leaId = '';
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    context = await startIngestionTest();
    lea = new ApiClient(context.api.url);
    leaId = ((await lea.login('lea@vigie.demo')).body as { user: { id: string } }).user.id;
    supervisor = new ApiClient(context.api.url);
    await supervisor.login('hugo@vigie.demo');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await context.close();
  });

  async function statusOfLea(): Promise<RoutingAgentView['status'] | undefined> {
    const agents = (await supervisor.request('GET', '/api/routing/agents')).body as RoutingAgentView[];
    return agents.find((agent) => agent.userId === leaId)?.status;
  }

  async function openConsole(): Promise<TestSocket> {
    const socket = connectSocket(context.api.url, lea.cookie);
    sockets.push(socket);
    await waitForConnect(socket);
    return socket;
  }

  /** A reload: the console's socket goes away (the agent turns offline), then a new one connects. */
  async function reload(socket: TestSocket): Promise<TestSocket> {
    socket.disconnect();
    await waitUntil(async () => (await statusOfLea()) === 'offline');
    const next = await openConsole();
    // Give the presence change time to reach routing before reading the status.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return next;
  }

  it('brings a returning agent back online by default, and keeps "away" or "offline" when they chose it', async () => {
    let socket = await openConsole();
    await waitUntil(async () => (await statusOfLea()) === 'online');

    socket = await reload(socket);
    expect(await statusOfLea()).toBe('online');

    expect((await lea.request('PUT', '/api/routing/me/status', { status: 'away' })).status).toBe(200);
    socket = await reload(socket);
    expect(await statusOfLea()).toBe('away');

    expect((await lea.request('PUT', '/api/routing/me/status', { status: 'offline' })).status).toBe(200);
    socket.disconnect();
    socket = await openConsole();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await statusOfLea()).toBe('offline');

    expect((await lea.request('PUT', '/api/routing/me/status', { status: 'online' })).status).toBe(200);
    socket = await reload(socket);
    expect(await statusOfLea()).toBe('online');
  });
  it('acts on SLA escalations: raises the priority one band, and takes a breached conversation back to the queue', async () => {
    await openConsole();
    await waitUntil(async () => (await statusOfLea()) === 'online');
    await createCustomer(context, 'breach_bob');
    const post = await injectPost(context, {
      author: 'breach_bob',
      text: "@VigieTelecom ma box ne marche plus, je n'ai plus de connexion",
    });
    const conversationId = await waitForRoutedConversation(context, post.id);
    const routingOf = async () =>
      (await supervisor.request('GET', `/api/routing/conversations/${conversationId}`))
        .body as RoutingConversationView;
    await waitUntil(async () => (await routingOf()).assigneeId === leaId);
    const before = await routingOf();

    const bus = context.api.vigie.app.get(DomainEventBus);
    // What the SLA scheduler queues with a breach (docs/adr/0109); the event only nudges the dispatcher.
    const escalate = async (action: 'raise_priority' | 'reassign_to_team_queue') => {
      const at = context.api.clock.now();
      await context.dataSource.query(
        `INSERT INTO sla_escalation (conversation_id, clock, metric, action, policy_name, breached_at, next_attempt_at)
         VALUES ($1, 'contract', 'first_response', $2, 'test', $3, $3)`,
        [conversationId, action, at],
      );
      bus.publish('sla.escalated', {
        conversationId,
        action,
        metric: 'first_response',
        at: at.toISOString(),
      });
    };
    await escalate('raise_priority');
    await waitUntil(async () => (await routingOf()).priority !== before.priority);
    const raised = await routingOf();
    const ranks = ['low', 'medium', 'high', 'urgent'];
    expect(ranks.indexOf(raised.priority)).toBe(Math.min(ranks.indexOf(before.priority) + 1, 3));
    expect(raised.priorityReasons[0]).toBe('SLA first response breached (raised)');

    await escalate('reassign_to_team_queue');
    const logOf = async () =>
      (
        (await supervisor.request('GET', `/api/routing/log?conversationId=${conversationId}`))
          .body as AssignmentLogPage
      ).items;
    await waitUntil(async () => (await logOf()).some((entry) => entry.reason === 'sla_escalation'));
    const returned = (await logOf()).find((entry) => entry.reason === 'sla_escalation');
    expect(returned).toMatchObject({ action: 'returned', previousAgentId: leaId, agentId: null });
    // Léa is the only agent online and has room: the queue drains back to her.
    await waitUntil(async () => (await routingOf()).assigneeId === leaId);
  });
});
