import type {
  AssignmentLogPage,
  RoutingAgentView,
  RoutingConversationView,
  SlaPolicyBody,
} from '@vigie/contracts';
import { SlaEscalationDispatcher, SlaScheduler } from '@vigie/sla-server';
import type { VigieApp } from '../create-vigie-app';
import { ApiClient, connectSocket, type TestSocket, waitForConnect } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  startSecondNode,
  waitForRoutedConversation,
  waitUntil,
} from '../testing/x-ingestion-test-context';

/**
 * Escalations that are not lost (docs/adr/0109-durable-sla-escalations.md): the scheduler queues them in the
 * breach's transaction, routing carries each out once in the transaction that marks it applied, from either of
 * two API processes on one real database, whatever happens between the breach and the routing action. A FakeClock
 * shared by both processes; Monday 23 Nov 2026 is CET (+01:00).
 */
const longSessions = { SESSION_TTL_HOURS: '2160', SESSION_IDLE_MINUTES: '43200' };

type EscalationRow = {
  action: string;
  status: string;
  attempts: number;
  outcome: string | null;
  last_error: string | null;
};

describe('SLA escalations queued with the breach, carried out once by routing (two processes)', () => {
  let context: IngestionTestContext;
  let nodeB: VigieApp;
  let supervisor: ApiClient;
  let leaId = '';
  let socket: TestSocket;

  beforeAll(async () => {
    context = await startIngestionTest({ env: longSessions });
    nodeB = await startSecondNode(context, { nodeName: 'escalation-node-b', env: longSessions });
    supervisor = new ApiClient(context.api.url);
    await supervisor.login('hugo@vigie.demo');
    const admin = new ApiClient(context.api.url);
    await admin.login('admin@vigie.demo');
    const escalating: SlaPolicyBody = {
      position: 0,
      calendar: {
        timezone: 'Europe/Paris',
        weekly: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['09:00', '19:00']]]),
        ),
      },
      targets: { first_response: { minutes: 30, hours: 'business' } },
      escalation: ['notify', 'raise_priority', 'reassign_to_team_queue'],
      outOfHours: { isEnabled: false, templates: { fr: 'Retour {reopensAt}.', en: 'Back {reopensAt}.' } },
    };
    const saved = await admin.request(
      'PUT',
      `/api/brands/${context.demo.brandId}/sla-policies/Escalating`,
      escalating,
    );
    expect(saved.status).toBe(200);
    // Léa's console is open: she is online and gets what the queue holds.
    const lea = new ApiClient(context.api.url);
    leaId = ((await lea.login('lea@vigie.demo')).body as { user: { id: string } }).user.id;
    socket = connectSocket(context.api.url, lea.cookie);
    await waitForConnect(socket);
    await waitUntil(async () => {
      const agents = (await supervisor.request('GET', '/api/routing/agents')).body as RoutingAgentView[];
      return agents.find((agent) => agent.userId === leaId)?.status === 'online';
    });
    await waitUntil(
      async () =>
        (await context.control<{ data: { isConnected: boolean } }>('GET', '/control/stream')).body.data
          .isConnected,
    );
  });
  afterAll(async () => {
    socket?.disconnect();
    await nodeB?.close();
    await context?.close();
  });

  const dispatchers = () => [
    context.api.vigie.app.get(SlaEscalationDispatcher),
    nodeB.app.get(SlaEscalationDispatcher),
  ];
  const schedulers = () => [context.api.vigie.app.get(SlaScheduler), nodeB.app.get(SlaScheduler)];

  async function setTime(at: string): Promise<void> {
    context.api.clock.set(at);
    await context.control('POST', '/control/clock', { offsetMs: Date.parse(at) - Date.now() });
  }

  /** A mention at `at`, routed and given to Léa; its conversation id. */
  async function assignedMention(author: string, at: string): Promise<string> {
    await createCustomer(context, author);
    await setTime(at);
    const post = await injectPost(context, {
      author,
      text: '@VigieTelecom comment changer mon forfait ?',
      lang: 'fr',
      createdAt: at,
    });
    const conversationId = await waitForRoutedConversation(context, post.id);
    await waitUntil(async () => (await routingOf(conversationId)).assigneeId === leaId);
    return conversationId;
  }

  async function routingOf(conversationId: string): Promise<RoutingConversationView> {
    return (await supervisor.request('GET', `/api/routing/conversations/${conversationId}`))
      .body as RoutingConversationView;
  }

  async function escalationsOf(conversationId: string): Promise<EscalationRow[]> {
    return (await context.dataSource.query(
      `SELECT action, status, attempts, outcome, last_error FROM sla_escalation WHERE conversation_id = $1
       ORDER BY action`,
      [conversationId],
    )) as EscalationRow[];
  }

  async function returnsOf(conversationId: string) {
    const log = (await supervisor.request('GET', `/api/routing/log?conversationId=${conversationId}`))
      .body as AssignmentLogPage;
    return log.items.filter((entry) => entry.reason === 'sla_escalation');
  }

  const escalatedEvents = (conversationId: string, detail: string) =>
    context.count(
      `SELECT count(*) FROM sla_event WHERE conversation_id = $1 AND kind = 'escalated' AND detail LIKE $2`,
      [conversationId, `%${detail}%`],
    );

  async function tickEverywhere(): Promise<void> {
    await Promise.all(schedulers().map((scheduler) => scheduler.tick()));
  }

  it('keeps the escalations of a breach when nothing carries them out, then applies each once from two processes', async () => {
    // Both processes stop carrying out escalations: what a crash right after the breach's commit leaves behind.
    await Promise.all(dispatchers().map((dispatcher) => dispatcher.stop()));
    const conversationId = await assignedMention('eva_escalade', '2026-11-23T10:00:00+01:00');
    const before = await routingOf(conversationId);
    expect(before.priority).toBe('medium');

    await setTime('2026-11-23T10:31:00+01:00');
    await tickEverywhere();
    expect(await escalationsOf(conversationId)).toEqual([
      expect.objectContaining({ action: 'raise_priority', status: 'pending', attempts: 0 }),
      expect.objectContaining({ action: 'reassign_to_team_queue', status: 'pending', attempts: 0 }),
    ]);
    expect(await escalatedEvents(conversationId, 'queued for routing')).toBe(2);
    // `sla.escalated` was published, but nobody acted on it: routing is as it was.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await routingOf(conversationId)).toMatchObject({ priority: 'medium', assigneeId: leaId });

    // Back up: both processes run at once, twice each. Each escalation is carried out exactly once.
    // (A process's calls made during its own run share that run: the database tells what was done.)
    await Promise.all([...dispatchers(), ...dispatchers()].map((dispatcher) => dispatcher.run()));
    const raised = await routingOf(conversationId);
    expect(raised.priority).toBe('high');
    expect(raised.priorityReasons[0]).toBe('SLA first response breached (raised)');
    expect(await returnsOf(conversationId)).toEqual([
      expect.objectContaining({ action: 'returned', previousAgentId: leaId, agentId: null }),
    ]);
    expect(await escalationsOf(conversationId)).toEqual([
      {
        action: 'raise_priority',
        status: 'applied',
        attempts: 1,
        outcome: 'priority raised from medium to high',
        last_error: null,
      },
      {
        action: 'reassign_to_team_queue',
        status: 'applied',
        attempts: 1,
        outcome: `taken from agent ${leaId} back to the team queue`,
        last_error: null,
      },
    ]);
    expect(await escalatedEvents(conversationId, 'carried out by routing')).toBe(2);
    // Léa is the only agent online and has room: the queue gives it back to her.
    await waitUntil(async () => (await routingOf(conversationId)).assigneeId === leaId);

    // Nothing is applied twice: later runs find nothing to do.
    expect(await Promise.all(dispatchers().map((dispatcher) => dispatcher.run()))).toEqual([0, 0]);
    expect((await routingOf(conversationId)).priority).toBe('high');
    expect(await returnsOf(conversationId)).toHaveLength(1);
  });

  it('rolls a failed attempt back whole and retries it later: the band rises once', async () => {
    for (const dispatcher of dispatchers()) dispatcher.start();
    const conversationId = await assignedMention('felix_reprise', '2026-11-23T11:00:00+01:00');
    // Routing refuses any change of this conversation's band until the trigger goes (a routing failure).
    await context.dataSource.query(`
      CREATE FUNCTION test_refuse_priority() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.priority <> OLD.priority THEN RAISE EXCEPTION 'routing is down (test)'; END IF;
        RETURN NEW;
      END $$`);
    await context.dataSource.query(`
      CREATE TRIGGER test_refuse_priority BEFORE UPDATE ON routing_conversation FOR EACH ROW
      WHEN (OLD.conversation_id = '${conversationId}') EXECUTE FUNCTION test_refuse_priority()`);
    try {
      await setTime('2026-11-23T11:31:00+01:00');
      await tickEverywhere();
      // The nudge after the breach runs the dispatchers: the reassignment goes through, the raise fails.
      await waitUntil(async () => {
        const rows = await escalationsOf(conversationId);
        return (
          rows.some((row) => row.action === 'raise_priority' && row.attempts === 1) &&
          rows.some((row) => row.action === 'reassign_to_team_queue' && row.status === 'applied')
        );
      });
      const [raise] = await escalationsOf(conversationId);
      expect(raise).toMatchObject({ status: 'pending', attempts: 1, outcome: null });
      expect(raise?.last_error).toContain('routing is down (test)');
      expect((await routingOf(conversationId)).priority).toBe('medium');
    } finally {
      await context.dataSource.query(`DROP TRIGGER test_refuse_priority ON routing_conversation`);
      await context.dataSource.query(`DROP FUNCTION test_refuse_priority()`);
    }
    // Not before its retry time (5 s later), then once.
    expect(await dispatchers()[1]?.run()).toBe(0);
    await setTime('2026-11-23T11:31:06+01:00');
    await Promise.all([...dispatchers(), ...dispatchers()].map((dispatcher) => dispatcher.run()));
    expect((await escalationsOf(conversationId))[0]).toMatchObject({
      action: 'raise_priority',
      status: 'applied',
      attempts: 2,
      outcome: 'priority raised from medium to high',
      last_error: null,
    });
    const routing = await routingOf(conversationId);
    expect(routing.priority).toBe('high');
    expect(routing.priorityReasons.filter((reason) => reason.startsWith('SLA first response'))).toHaveLength(
      1,
    );
  });
});
