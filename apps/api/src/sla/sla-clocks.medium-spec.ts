import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type {
  ConversationSla,
  SlaAlertDigest,
  SlaClockView,
  SlaFigures,
  SlaPolicyView,
  SlaUpdated,
} from '@vigie/contracts';
import { ConversationParticipants } from '@vigie/inbox-server';
import { SlaScheduler } from '@vigie/sla-server';
import type { VigieApp } from '../create-vigie-app';
import { ApiClient, connectSocket, type TestSocket, waitForConnect } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  startSecondNode,
  waitUntil,
} from '../testing/x-ingestion-test-context';

/**
 * The SLA clocks end to end on a real database, with the real twitter-api-v2 client against the fake X and a
 * FakeClock: the Friday 19:30 / 18:50 mentions, the out-of-hours answer, warnings and breaches fired
 * once by two scheduler processes on one database, pauses, a late answer, policy changes and figures.
 * Friday 20 Nov 2026 and Monday 23 Nov 2026 are CET (+01:00) in Paris.
 */
/** The FakeClock travels days back and forth: sessions must outlive the trip. */
const longSessions = { SESSION_TTL_HOURS: '2160', SESSION_IDLE_MINUTES: '43200' };

describe('SLA clocks (real database, fake X, two scheduler processes)', () => {
  let context: IngestionTestContext;
  let nodeB: VigieApp;
  let supervisor: ApiClient;
  let agent: ApiClient;
  const sockets: TestSocket[] = [];
  const warnings: SlaAlertDigest[] = [];
  const breaches: SlaAlertDigest[] = [];
  const updates: SlaUpdated[] = [];
  const conversations: Record<'evening' | 'beforeClose' | 'paused', string> = {
    evening: '',
    beforeClose: '',
    paused: '',
  };

  beforeAll(async () => {
    context = await startIngestionTest({ env: longSessions, isOutOfHoursAnswerOn: true });
    nodeB = await startSecondNode(context, { nodeName: 'sla-node-b', env: longSessions });
    supervisor = new ApiClient(context.api.url);
    await supervisor.login('hugo@vigie.demo');
    agent = new ApiClient(context.api.url);
    await agent.login('lea@vigie.demo');
    // One supervisor console on each process: an alert fired by either scheduler reaches exactly one of them.
    for (const url of [context.api.url, nodeB.url]) {
      const client = new ApiClient(url);
      await client.login('hugo@vigie.demo');
      const socket = connectSocket(url, client.cookie);
      socket.on('sla.warning', (payload) => warnings.push(payload));
      socket.on('sla.breached', (payload) => breaches.push(payload));
      socket.on('sla.updated', (payload) => updates.push(payload));
      await waitForConnect(socket);
      sockets.push(socket);
    }
    await waitUntil(
      async () =>
        (await context.control<{ data: { isConnected: boolean } }>('GET', '/control/stream')).body.data
          .isConnected,
    );
    await createCustomer(context, 'nadia_soir');
    await createCustomer(context, 'paul_avant');
    await createCustomer(context, 'jeanne_pause');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await nodeB?.close();
    await context?.close();
  });

  /** Vigie's FakeClock and the fake X's clock move together (X stamps the posts Vigie sends). */
  async function setTime(at: string): Promise<void> {
    context.api.clock.set(at);
    await context.control('POST', '/control/clock', { offsetMs: Date.parse(at) - Date.now() });
  }

  async function mention(params: {
    author: string;
    text: string;
    at: string;
    lang?: string;
  }): Promise<string> {
    await setTime(params.at);
    const post = await injectPost(context, {
      author: params.author,
      text: params.text,
      lang: params.lang ?? 'fr',
      createdAt: params.at,
    });
    let conversationId = '';
    await waitUntil(async () => {
      const rows = (await context.dataSource.query(
        `SELECT m.conversation_id FROM message m JOIN sla_clock c ON c.conversation_id = m.conversation_id
         WHERE m.external_id = $1 LIMIT 1`,
        [post.id],
      )) as { conversation_id: string }[];
      conversationId = rows[0]?.conversation_id ?? '';
      return conversationId !== '';
    });
    return conversationId;
  }

  async function slaOf(conversationId: string): Promise<ConversationSla> {
    const response = await agent.request('GET', `/api/conversations/${conversationId}/sla`);
    expect(response.status).toBe(200);
    return response.body as ConversationSla;
  }

  function clockOf(
    sla: ConversationSla,
    clock: SlaClockView['clock'],
    metric: SlaClockView['metric'],
  ): SlaClockView {
    const found = sla.clocks.find((item) => item.clock === clock && item.metric === metric);
    if (!found) throw new Error(`no ${clock} ${metric} clock in ${JSON.stringify(sla.clocks)}`);
    return found;
  }

  const eventCount = (conversationId: string, kind: string, detail = '') =>
    context.count(
      `SELECT count(*) FROM sla_event WHERE conversation_id = $1 AND kind = $2 AND detail LIKE $3`,
      [conversationId, kind, `%${detail}%`],
    );

  /** Both processes tick at once, twice, on top of their own polling loops. */
  async function tickEverywhere(): Promise<void> {
    const schedulers = [context.api.vigie.app.get(SlaScheduler), nodeB.app.get(SlaScheduler)];
    await Promise.all([...schedulers, ...schedulers].map((scheduler) => scheduler.tick()));
  }

  it('a mention on Friday at 19:30 gets the out-of-hours answer naming Monday 09:00 and is due Monday 10:00', async () => {
    conversations.evening = await mention({
      author: 'nadia_soir',
      text: '@VigieTelecom ma box ne fonctionne plus depuis ce soir, pouvez-vous m’aider ?',
      at: '2026-11-20T19:30:00+01:00',
    });
    const sla = await slaOf(conversations.evening);
    const contract = clockOf(sla, 'contract', 'first_response');
    expect(contract).toMatchObject({ status: 'running', hours: 'business', targetMinutes: 60 });
    expect(contract.dueAt).toBe(new Date('2026-11-23T10:00:00+01:00').toISOString());
    expect(contract.explanation).toBe(
      'due Mon 23 Nov 10:00 because: received Fri 20 Nov 19:30, outside business hours; closed Sat 21 Nov – Sun 22 Nov; opens Mon 23 Nov 09:00; 1 h on Mon 23 Nov',
    );
    const customer = clockOf(sla, 'customer', 'first_response');
    expect(customer).toMatchObject({ status: 'running', hours: 'calendar' });
    expect(customer.dueAt).toBe(new Date('2026-11-20T20:30:00+01:00').toISOString());

    // The answer is queued with the message, sent by the outbox, and is not a response: the clocks run on.
    await waitUntil(async () => {
      const rows = (await context.dataSource.query(
        `SELECT text, delivery_status FROM message WHERE conversation_id = $1 AND direction = 'outbound'`,
        [conversations.evening],
      )) as { text: string; delivery_status: string }[];
      return rows.length === 1 && rows[0]?.delivery_status === 'sent';
    });
    const [answer] = (await context.dataSource.query(
      `SELECT text FROM message WHERE conversation_id = $1 AND direction = 'outbound'`,
      [conversations.evening],
    )) as { text: string }[];
    expect(answer?.text).toContain('Nous revenons lundi à 9h');
    const afterAnswer = await slaOf(conversations.evening);
    expect(afterAnswer.clocks.every((clock) => clock.status === 'running')).toBe(true);
    expect(afterAnswer.events.map((event) => event.kind)).toEqual(
      expect.arrayContaining(['applied', 'auto_answered']),
    );
    expect(afterAnswer.events.some((event) => event.kind === 'fulfilled')).toBe(false);
  });

  it('answers once per closed period: a second message that night gets no second answer', async () => {
    const [first] = (await context.dataSource.query(
      `SELECT external_id FROM message WHERE conversation_id = $1 AND direction = 'inbound'`,
      [conversations.evening],
    )) as { external_id: string }[];
    await setTime('2026-11-20T19:40:00+01:00');
    const follow = await injectPost(context, {
      author: 'nadia_soir',
      text: '@VigieTelecom toujours rien, c’est urgent',
      inReplyTo: first?.external_id,
      lang: 'fr',
      createdAt: '2026-11-20T19:40:00+01:00',
    });
    await waitUntil(
      async () =>
        (await context.count(`SELECT count(*) FROM message WHERE external_id = $1`, [follow.id])) === 1,
    );
    expect(
      await context.count(`SELECT count(*) FROM sla_auto_answer WHERE conversation_id = $1`, [
        conversations.evening,
      ]),
    ).toBe(1);
    // The wait that started at 19:30 goes on: same due time.
    const contract = clockOf(await slaOf(conversations.evening), 'contract', 'first_response');
    expect(contract.dueAt).toBe(new Date('2026-11-23T10:00:00+01:00').toISOString());
  });

  it('a mention on Friday at 18:50 gets no automatic answer and is due Monday 09:50', async () => {
    conversations.beforeClose = await mention({
      author: 'paul_avant',
      text: '@VigieTelecom ma facture est fausse ce mois-ci, que faire ?',
      at: '2026-11-20T18:50:00+01:00',
    });
    const contract = clockOf(await slaOf(conversations.beforeClose), 'contract', 'first_response');
    expect(contract.dueAt).toBe(new Date('2026-11-23T09:50:00+01:00').toISOString());
    expect(contract.explanation).toBe(
      'due Mon 23 Nov 09:50 because: received Fri 20 Nov 18:50; 10 min on Fri 20 Nov; closed Sat 21 Nov – Sun 22 Nov; 50 min on Mon 23 Nov',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      await context.count(`SELECT count(*) FROM sla_auto_answer WHERE conversation_id = $1`, [
        conversations.beforeClose,
      ]),
    ).toBe(0);
  });

  it('fires each warning and breach once with two scheduler processes polling the same database', async () => {
    await setTime('2026-11-23T09:20:00+01:00');
    await tickEverywhere();
    await tickEverywhere();
    // Customer promises were missed on Friday evening; the 18:50 contract clock is half used at 09:20.
    for (const conversationId of [conversations.evening, conversations.beforeClose])
      expect(await eventCount(conversationId, 'breached', "customer's one-hour promise")).toBe(1);
    expect(await eventCount(conversations.beforeClose, 'warned', '50%')).toBe(1);
    expect(await eventCount(conversations.evening, 'warned')).toBe(0);

    await setTime('2026-11-23T09:50:00+01:00');
    await tickEverywhere();
    await tickEverywhere();
    expect(await eventCount(conversations.beforeClose, 'warned', '80%')).toBe(1);
    expect(await eventCount(conversations.beforeClose, 'breached', 'contract')).toBe(1);
    expect(await eventCount(conversations.evening, 'warned', '50%')).toBe(1);
    expect(await eventCount(conversations.evening, 'warned', '80%')).toBe(1);
    expect(await eventCount(conversations.evening, 'breached', 'contract')).toBe(0);

    // Each alert reached the consoles once, across both processes, digested per tick and audience.
    await waitUntil(() => breaches.flatMap((digest) => digest.alerts).length >= 3);
    const contractBreaches = breaches
      .flatMap((digest) => digest.alerts)
      .filter((alert) => alert.clock === 'contract' && alert.conversationId === conversations.beforeClose);
    expect(contractBreaches).toHaveLength(1);
    const halfWarnings = warnings
      .flatMap((digest) => digest.alerts)
      .filter((alert) => alert.conversationId === conversations.beforeClose && alert.fraction === 0.5);
    expect(halfWarnings).toEqual([
      expect.objectContaining({
        kind: 'warning',
        metric: 'first_response',
        dueAt: '2026-11-23T08:50:00.000Z',
      }),
    ]);
    const contract = clockOf(await slaOf(conversations.beforeClose), 'contract', 'first_response');
    expect(contract.breachedAt).not.toBeNull();
  });

  it("an agent's late reply through Vigie fulfils both clocks and records how late", async () => {
    await setTime('2026-11-23T09:55:00+01:00');
    const response = await agent.request('POST', `/api/conversations/${conversations.beforeClose}/replies`, {
      text: '@paul_avant Bonjour Paul, nous regardons votre facture tout de suite.',
      mode: 'public_reply',
      idempotencyKey: randomUUID(),
    });
    expect(response.status).toBe(202);
    await waitUntil(
      async () =>
        clockOf(await slaOf(conversations.beforeClose), 'contract', 'first_response').status === 'fulfilled',
    );
    const sla = await slaOf(conversations.beforeClose);
    // Counted to the answer: 10 min on Friday and 55 on Monday (X stamps its copy within a second of that).
    expect(Math.round(clockOf(sla, 'contract', 'first_response').countedMs / 60_000)).toBe(65);
    expect(
      sla.events.find((event) => event.kind === 'fulfilled' && event.clock === 'contract')?.detail,
    ).toContain('late by 5 min (1 h 5 min of 1 h)');
    await waitUntil(() =>
      updates.some(
        (update) =>
          update.conversationId === conversations.beforeClose &&
          update.clocks.some((clock) => clock.status === 'fulfilled'),
      ),
    );
  });

  it('a new customer message after the answer starts the next-response clocks; the first response stays met', async () => {
    const [first] = (await context.dataSource.query(
      `SELECT external_id FROM message WHERE conversation_id = $1 AND direction = 'inbound'`,
      [conversations.beforeClose],
    )) as { external_id: string }[];
    await setTime('2026-11-23T10:30:00+01:00');
    await injectPost(context, {
      author: 'paul_avant',
      text: '@VigieTelecom merci, mais le montant est toujours faux, pouvez-vous corriger ?',
      inReplyTo: first?.external_id,
      lang: 'fr',
      createdAt: '2026-11-23T10:30:00+01:00',
    });
    await waitUntil(async () =>
      (await slaOf(conversations.beforeClose)).clocks.some((clock) => clock.metric === 'next_response'),
    );
    const sla = await slaOf(conversations.beforeClose);
    expect(clockOf(sla, 'contract', 'next_response')).toMatchObject({
      status: 'running',
      dueAt: new Date('2026-11-23T11:30:00+01:00').toISOString(),
    });
    expect(clockOf(sla, 'customer', 'next_response').dueAt).toBe(
      new Date('2026-11-23T11:30:00+01:00').toISOString(),
    );
    expect(clockOf(sla, 'contract', 'first_response').status).toBe('fulfilled');
  });

  it('pending pauses the contract clock (no warning while paused) and open resumes it with the time left', async () => {
    conversations.paused = await mention({
      author: 'jeanne_pause',
      text: '@VigieTelecom comment changer mon forfait ?',
      at: '2026-11-23T10:00:00+01:00',
    });
    const participants = context.api.vigie.app.get(ConversationParticipants);
    const dataSource = context.api.vigie.app.get(DataSource);
    const [brand] = (await dataSource.query(
      `SELECT brand_id, channel_account_id FROM conversation WHERE id = $1`,
      [conversations.paused],
    )) as { brand_id: string; channel_account_id: string }[];
    const changeStatus = (from: 'open' | 'pending', to: 'open' | 'pending', at: string) =>
      dataSource.transaction((manager) =>
        participants.notify(manager, [
          {
            kind: 'status_changed',
            conversationId: conversations.paused,
            brandId: brand?.brand_id ?? '',
            channelAccountId: brand?.channel_account_id ?? '',
            from: { status: from, resolvedAt: null, waitingSince: null },
            state: { status: to, resolvedAt: null, waitingSince: null },
            snoozedUntil: null,
            userId: null,
            at: new Date(at),
          },
        ]),
      );
    await changeStatus('open', 'pending', '2026-11-23T10:20:00+01:00');
    const paused = clockOf(await slaOf(conversations.paused), 'contract', 'first_response');
    expect(paused).toMatchObject({ status: 'paused', dueAt: null, countedMs: 20 * 60_000 });

    await setTime('2026-11-23T10:45:00+01:00');
    await tickEverywhere();
    expect(await eventCount(conversations.paused, 'warned')).toBe(0);

    await changeStatus('pending', 'open', '2026-11-23T14:00:00+01:00');
    const resumed = clockOf(await slaOf(conversations.paused), 'contract', 'first_response');
    expect(resumed.dueAt).toBe(new Date('2026-11-23T14:40:00+01:00').toISOString());
    expect(resumed.explanation).toBe(
      'due Mon 23 Nov 14:40 because: resumed Mon 23 Nov 14:00; 20 min already counted before the pause; 40 min on Mon 23 Nov',
    );
    const kinds = (await slaOf(conversations.paused)).events
      .filter((event) => event.clock === 'contract')
      .map((event) => event.kind);
    expect(kinds).toEqual(expect.arrayContaining(['applied', 'paused', 'resumed']));
  });

  describe('policies (admin REST)', () => {
    let admin: ApiClient;

    beforeAll(async () => {
      admin = new ApiClient(context.api.url);
      await admin.login('admin@vigie.demo');
    });

    const lunchPolicy = {
      calendar: {
        timezone: 'Europe/Paris',
        weekly: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [
            day,
            [
              ['09:00', '12:00'],
              ['14:00', '18:00'],
            ],
          ]),
        ),
      },
      targets: { first_response: { minutes: 30, hours: 'business' } },
      warningFractions: [0.5, 0.8],
      escalation: ['notify', 'raise_priority'],
    };

    it('refuses anonymous (401) and agents (403); supervisors read the default', async () => {
      const path = `/api/brands/${context.demo.brandId}/sla-policies`;
      expect((await new ApiClient(context.api.url).request('GET', path)).status).toBe(401);
      expect((await agent.request('GET', path)).status).toBe(403);
      expect((await supervisor.request('PUT', `${path}/Lunch`, lunchPolicy)).status).toBe(403);
      expect((await agent.request('DELETE', `${path}/Lunch`)).status).toBe(403);
      const list = await supervisor.request('GET', path);
      expect(list.status).toBe(200);
      expect(list.body as SlaPolicyView[]).toEqual([
        expect.objectContaining({ id: null, name: 'Default (Mon-Fri 09:00-19:00 Paris)' }),
      ]);
    });

    it.each([
      [{ ...lunchPolicy, calendar: { timezone: 'Europe/Pariss', weekly: {} } }, 'calendar'],
      [
        { ...lunchPolicy, calendar: { ...lunchPolicy.calendar, weekly: { mon: [['14:00', '09:00']] } } },
        'weekly.mon',
      ],
      [{ ...lunchPolicy, targets: {} }, 'targets.first_response is required'],
    ])('answers 400 with a clear message for a bad policy (%#)', async (body, fragment) => {
      const response = await admin.request(
        'PUT',
        `/api/brands/${context.demo.brandId}/sla-policies/Lunch`,
        body,
      );
      expect(response.status).toBe(400);
      expect((response.body as { message: string }).message).toContain(fragment);
    });

    it('applies a new policy to new conversations and recomputes live clocks when a holiday is added', async () => {
      const path = `/api/brands/${context.demo.brandId}/sla-policies/Lunch`;
      const created = await admin.request('PUT', path, lunchPolicy);
      expect(created.status).toBe(200);
      expect(created.body as SlaPolicyView).toMatchObject({ name: 'Lunch', version: 1 });
      await createCustomer(context, 'lucie_midi');
      const conversationId = await mention({
        author: 'lucie_midi',
        text: '@VigieTelecom ma ligne est coupée, pouvez-vous vérifier ?',
        at: '2026-11-24T11:50:00+01:00',
      });
      const before = clockOf(await slaOf(conversationId), 'contract', 'first_response');
      expect(before.dueAt).toBe(new Date('2026-11-24T14:20:00+01:00').toISOString());
      expect(before.explanation).toBe(
        'due Tue 24 Nov 14:20 because: received Tue 24 Nov 11:50; 30 min on Tue 24 Nov',
      );

      const updated = await admin.request('PUT', path, {
        ...lunchPolicy,
        calendar: {
          ...lunchPolicy.calendar,
          dateOverrides: [{ date: '2026-11-24', intervals: [['09:00', '12:00']] }],
        },
      });
      expect(updated.body as SlaPolicyView).toMatchObject({ version: 2 });
      const after = await slaOf(conversationId);
      expect(clockOf(after, 'contract', 'first_response').dueAt).toBe(
        new Date('2026-11-25T09:20:00+01:00').toISOString(),
      );
      expect(after.events.some((event) => event.kind === 'recomputed')).toBe(true);
      expect((await admin.request('DELETE', path)).status).toBe(204);
      expect((await admin.request('DELETE', path)).status).toBe(404);
    });
  });

  describe('holidays from an iCalendar file', () => {
    it('adds all-day events to a policy (admin only), refusing a file that is not a calendar', async () => {
      const admin = new ApiClient(context.api.url);
      await admin.login('admin@vigie.demo');
      const path = `/api/brands/${context.demo.brandId}/sla-policies/Ical`;
      const body = {
        calendar: {
          timezone: 'Europe/Paris',
          weekly: { mon: [['09:00', '18:00']] },
          holidays: ['2026-01-01'],
        },
        targets: { first_response: { minutes: 60, hours: 'business' } },
        position: 5,
        conditions: { conversationKinds: ['direct_message'] },
      };
      expect((await admin.request('PUT', path, body)).status).toBe(200);
      const ics = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20261225',
        'SUMMARY:Noël',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20260101',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n');
      expect((await supervisor.request('POST', `${path}/holidays/ical`, { ics })).status).toBe(403);
      const refused = await admin.request('POST', `${path}/holidays/ical`, { ics: 'hello' });
      expect(refused.status).toBe(400);
      expect((refused.body as { message: string }).message).toContain('Invalid iCalendar file');
      const imported = await admin.request('POST', `${path}/holidays/ical`, { ics });
      expect(imported.status).toBe(200);
      expect(imported.body as SlaPolicyView).toMatchObject({
        version: 2,
        position: 5,
        spec: { calendar: { holidays: ['2026-01-01', '2026-12-25'] } },
      });
      expect((await admin.request('DELETE', path)).status).toBe(204);
    });
  });

  describe('figures', () => {
    it('refuses agents and bad queries, and counts both clocks per agent in SQL', async () => {
      expect((await agent.request('GET', '/api/sla/figures')).status).toBe(403);
      expect((await supervisor.request('GET', '/api/sla/figures?groupBy=planet')).status).toBe(400);
      expect((await supervisor.request('GET', '/api/sla/figures?timezone=Mars/Olympus')).status).toBe(400);
      const response = await supervisor.request(
        'GET',
        '/api/sla/figures?from=2026-11-16T00:00:00Z&to=2026-11-30T00:00:00Z&groupBy=agent',
      );
      expect(response.status).toBe(200);
      const figures = response.body as SlaFigures;
      const [lea] = (await context.dataSource.query(
        `SELECT id FROM app_user WHERE email = 'lea@vigie.demo'`,
      )) as {
        id: string;
      }[];
      const row = figures.rows.find((item) => item.key === lea?.id);
      expect(row).toMatchObject({ key: lea?.id, conversations: 1, answeredWithinPromise: 0, compliance: 0 });
      const minutes = (ms: number | null | undefined) => Math.round((ms ?? 0) / 60_000);
      expect([row?.contractP50Ms, row?.contractP90Ms].map(minutes)).toEqual([65, 65]);
      const customerMinutes = 2 * 24 * 60 + 15 * 60 + 5; // Fri 18:50 → Mon 09:55, wall-clock
      expect([row?.customerP50Ms, row?.customerP90Ms].map(minutes)).toEqual([
        customerMinutes,
        customerMinutes,
      ]);
      const byBrand = (
        await supervisor.request(
          'GET',
          '/api/sla/figures?from=2026-11-16T00:00:00Z&to=2026-11-30T00:00:00Z&groupBy=brand',
        )
      ).body as SlaFigures;
      expect(byBrand.rows).toEqual([
        expect.objectContaining({ key: context.demo.brandId, conversations: 4 }),
      ]);
    });

    it('answers 401 and 404 on a conversation SLA as expected', async () => {
      expect(
        (
          await new ApiClient(context.api.url).request(
            'GET',
            `/api/conversations/${conversations.evening}/sla`,
          )
        ).status,
      ).toBe(401);
      expect((await agent.request('GET', `/api/conversations/${randomUUID()}/sla`)).status).toBe(404);
    });
  });
});
