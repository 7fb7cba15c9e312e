import { DataSource } from 'typeorm';
import type {
  AssignmentLogPage,
  ConversationSla,
  RoutingAgentView,
  RoutingBrandSettingsView,
  RoutingConversationView,
  RoutingQueuePage,
  RoutingSettingsView,
  RoutingTeamSettingsView,
  SlaPolicyBody,
  WorkingHoursCalendar,
} from '@vigie/contracts';
import { HoursOpenings, QueueDrainer, RoutingRepository } from '@vigie/routing-server';
import { defaultSlaPolicySpec } from '@vigie/sla-core';
import { ApiClient } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitForRoutedConversation,
  waitForStream,
  waitUntil,
} from '../testing/x-ingestion-test-context';

/** Weekdays in Paris, from `start` to `end`. */
function weekdays(start: string, end: string): WorkingHoursCalendar {
  const day: [string, string][] = [[start, end]];
  return { timezone: 'Europe/Paris', weekly: { mon: day, tue: day, wed: day, thu: day, fri: day } };
}

/**
 * Issue 5's last routing points on a real database, through the fake X and the real client, with Vigie's test clock
 * (and the fake X's) set to a Tuesday in Paris: agents' working hours (the CRM owner rule, the drain at an opening),
 * required skills from the brand's rules, and the queue ordered by the SLA contract's due time.
 */
describe('routing: working hours, required skills and SLA due times (real database, fake X, test clock)', () => {
  let context: IngestionTestContext;
  let admin: ApiClient;
  let supervisor: ApiClient;
  const clients = new Map<string, ApiClient>();
  const ids = new Map<string, string>();
  let careFrId = '';

  /** Vigie's clock and the fake X's move together (X stamps the posts). */
  async function setTime(at: string): Promise<void> {
    context.api.clock.set(at);
    await context.control('POST', '/control/clock', { offsetMs: Date.parse(at) - Date.now() });
  }

  async function signIn(email: string): Promise<ApiClient> {
    const client = new ApiClient(context.api.url);
    const login = await client.login(email);
    ids.set(email, (login.body as { user: { id: string } }).user.id);
    clients.set(email, client);
    return client;
  }

  const idOf = (email: string) => ids.get(email) as string;
  const clientOf = (email: string) => clients.get(email) as ApiClient;

  async function setStatus(email: string, status: 'online' | 'away' | 'offline'): Promise<void> {
    expect((await clientOf(email).request('PUT', '/api/routing/me/status', { status })).status).toBe(200);
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
    return (
      (await supervisor.request('GET', `/api/routing/log?conversationId=${conversationId}`))
        .body as AssignmentLogPage
    ).items;
  }

  /** Posts are stamped at the test clock's instant exactly, so due times are exact. */
  async function customerPosts(author: string, text: string): Promise<string> {
    const createdAt = context.api.clock.now().toISOString();
    const post = await injectPost(context, { author, text, lang: 'fr', createdAt });
    return waitForRoutedConversation(context, post.id);
  }

  async function customerSendsDm(from: string, text: string): Promise<string> {
    const dm = await context.control<{ data: { id: string } }>('POST', '/control/dms', {
      from,
      to: 'VigieTelecom',
      text,
      createdAt: context.api.clock.now().toISOString(),
    });
    return waitForRoutedConversation(context, dm.body.data.id);
  }

  /** A fresh watcher with nothing in memory: what a restarted process runs first. */
  function restartedWatcher(): HoursOpenings {
    const app = context.api.vigie.app;
    return new HoursOpenings(
      app.get(DataSource),
      app.get(RoutingRepository),
      app.get(QueueDrainer),
      context.api.clock,
    );
  }

  beforeAll(async () => {
    context = await startIngestionTest();
    await setTime('2026-11-24T10:00:00+01:00');
    // Sessions live on the test clock: sign in after moving it.
    admin = await signIn('admin@vigie.demo');
    supervisor = await signIn('hugo@vigie.demo');
    for (const email of ['camille@vigie.demo', 'lea@vigie.demo', 'sam@vigie.demo']) await signIn(email);
    const [team] = (await context.dataSource.query(`SELECT id FROM team WHERE name = 'Care FR'`)) as {
      id: string;
    }[];
    careFrId = team?.id as string;
    await waitForStream(context);
  });
  afterAll(async () => {
    await context.close();
  });

  const someId = '00000000-0000-4000-8000-000000000001';

  it('guards the settings: 401 without a session, admins only for hours, 400 naming the field, 404 for no such agent or team', async () => {
    const anonymous = new ApiClient(context.api.url);
    const hours = { calendar: weekdays('09:00', '17:00') };
    const rules = { rules: [] };
    for (const [method, path, body] of [
      ['GET', '/api/routing/settings', undefined],
      ['PUT', `/api/routing/agents/${someId}/hours`, hours],
      ['PUT', `/api/routing/teams/${someId}/hours`, hours],
      ['PUT', `/api/routing/brands/${someId}/skill-rules`, rules],
      ['PUT', `/api/routing/teams/${someId}/skill-rules`, rules],
    ] as [string, string, unknown][]) {
      expect((await anonymous.request(method, path, body)).status).toBe(401);
    }
    const camille = clientOf('camille@vigie.demo');
    expect(
      (await supervisor.request('PUT', `/api/routing/agents/${idOf('sam@vigie.demo')}/hours`, hours)).status,
    ).toBe(403);
    expect((await supervisor.request('PUT', `/api/routing/teams/${careFrId}/hours`, hours)).status).toBe(403);
    expect(
      (await camille.request('PUT', `/api/routing/brands/${context.demo.brandId}/skill-rules`, rules)).status,
    ).toBe(403);
    expect((await camille.request('GET', '/api/routing/settings')).status).toBe(403);

    const samHours = `/api/routing/agents/${idOf('sam@vigie.demo')}/hours`;
    for (const [body, fragment] of [
      [{}, 'calendar is required'],
      [{ calendar: weekdays('09:00', '17:00'), note: 'x' }, 'Unknown field "note"'],
      [
        { calendar: { ...weekdays('09:00', '17:00'), timezone: 'Paris' } },
        'timezone must be an IANA time zone',
      ],
      [{ calendar: weekdays('17:00', '09:00') }, 'weekly.mon[0] must start before it ends'],
      [{ calendar: { timezone: 'Europe/Paris', weekly: {} } }, 'weekly has no open interval'],
    ] as [unknown, string][]) {
      const answer = await admin.request('PUT', samHours, body);
      expect(answer.status).toBe(400);
      expect((answer.body as { message: string }).message).toContain(fragment);
    }
    const brandRules = `/api/routing/brands/${context.demo.brandId}/skill-rules`;
    for (const [body, fragment] of [
      [
        { rules: [{ when: { intents: ['rant'] }, skills: ['network'] }] },
        'rules[0].when.intents[0] must be one of',
      ],
      [{ rules: [{ when: {}, skills: ['network'] }] }, 'rules[0].when needs at least one condition'],
      [{ rules: [], fallback: 'maybe' }, 'fallback must be one of wait, any_agent'],
    ] as [unknown, string][]) {
      const answer = await supervisor.request('PUT', brandRules, body);
      expect(answer.status).toBe(400);
      expect((answer.body as { message: string }).message).toContain(fragment);
    }
    expect((await admin.request('PUT', `/api/routing/agents/${someId}/hours`, hours)).status).toBe(404);
    // A supervisor is not routed to: no working hours for them.
    expect(
      (await admin.request('PUT', `/api/routing/agents/${idOf('hugo@vigie.demo')}/hours`, hours)).status,
    ).toBe(404);
    expect((await admin.request('PUT', `/api/routing/teams/${someId}/hours`, hours)).status).toBe(404);
    expect((await supervisor.request('PUT', `/api/routing/teams/${someId}/skill-rules`, rules)).status).toBe(
      404,
    );
  });

  it("gives the CRM owner's conversation to the team while the owner is outside his hours, and says why", async () => {
    // Sam starts at 10:10; Care FR (Léa's and Camille's team) works 08:00-20:00.
    const sam = await admin.request('PUT', `/api/routing/agents/${idOf('sam@vigie.demo')}/hours`, {
      calendar: weekdays('10:10', '22:00'),
    });
    expect(sam.status).toBe(200);
    expect(sam.body as RoutingAgentView).toMatchObject({
      hoursSource: 'agent',
      isWithinHours: false,
      nextOpeningAt: '2026-11-24T09:10:00.000Z',
    });
    const team = await admin.request('PUT', `/api/routing/teams/${careFrId}/hours`, {
      calendar: weekdays('08:00', '20:00'),
    });
    expect(team.status).toBe(200);
    expect((team.body as RoutingTeamSettingsView).hours).toEqual(weekdays('08:00', '20:00'));
    const settings = (await supervisor.request('GET', '/api/routing/settings')).body as RoutingSettingsView;
    expect(settings.teams.find((candidate) => candidate.teamId === careFrId)?.hours?.timezone).toBe(
      'Europe/Paris',
    );

    await setStatus('sam@vigie.demo', 'online');
    await setStatus('lea@vigie.demo', 'away');
    expect(await agentView('lea@vigie.demo')).toMatchObject({ hoursSource: 'team', isWithinHours: true });
    const xUserId = await createCustomer(context, 'boulange_owner');
    const first = await injectPost(context, {
      author: 'boulange_owner',
      text: '@VigieTelecom bonjour, ma facture de novembre est fausse, pouvez-vous la corriger ?',
      lang: 'fr',
      createdAt: context.api.clock.now().toISOString(),
    });
    const conversationId = await waitForRoutedConversation(context, first.id);
    // The CRM says this customer's account belongs to Sam; the customer writes again, so routing reads it.
    const sync = await admin.request('POST', '/api/crm/sync', {
      accounts: [
        { externalId: 'HOURS-1', name: 'Boulangerie des Heures', ownerEmail: 'sam@vigie.demo', tier: 'vip' },
      ],
      contacts: [
        { externalId: 'HOURS-C1', displayName: 'Boulangerie', accountExternalId: 'HOURS-1', xUserId },
      ],
    });
    expect(sync.status).toBe(200);
    expect((sync.body as { conflicts: unknown[] }).conflicts).toEqual([]);
    const again = await injectPost(context, {
      author: 'boulange_owner',
      text: '@VigieTelecom toujours rien, pouvez-vous corriger ma facture ?',
      inReplyTo: first.id,
      lang: 'fr',
      createdAt: context.api.clock.now().toISOString(),
    });
    expect(await waitForRoutedConversation(context, again.id)).toBe(conversationId);
    await context.api.vigie.app.get(QueueDrainer).drain();
    const waiting = await routingOf(conversationId);
    expect(waiting.assigneeId).toBeNull();
    expect(waiting.waiting?.explanation).toContain('is outside their working hours');

    // Léa comes online: Sam is online too, but outside his hours; the conversation goes to Léa.
    await setStatus('lea@vigie.demo', 'online');
    await waitUntil(async () => (await routingOf(conversationId)).assigneeId !== null);
    expect((await routingOf(conversationId)).assigneeId).toBe(idOf('lea@vigie.demo'));
    const [entry] = await logOf(conversationId);
    expect(entry).toMatchObject({ action: 'assigned', agentId: idOf('lea@vigie.demo') });
    expect(entry?.explanation).toContain(
      `account owner Sam Taylor (${idOf('sam@vigie.demo')}) is outside their working hours`,
    );
  });

  it('keeps a conversation waiting while the only agent online is outside his hours, and drains it to him at the opening, even after a restart', async () => {
    await setStatus('lea@vigie.demo', 'away');
    await createCustomer(context, 'late_client');
    const conversationId = await customerPosts(
      'late_client',
      '@VigieTelecom my invoice is wrong this month, can you fix it?',
    );
    await context.api.vigie.app.get(QueueDrainer).drain();
    const waiting = await routingOf(conversationId);
    expect(waiting.assigneeId).toBeNull();
    expect(waiting.waiting?.why).toBe('no_agent_on_duty');
    expect(waiting.waiting?.explanation).toContain('none is online and within their hours');

    // A process that starts now knows when Sam's hours open, from the calendars in the database alone.
    const before = await restartedWatcher().check();
    expect(before.opened).toEqual([]);
    expect(before.nextOpeningAt?.toISOString()).toBe('2026-11-24T09:10:00.000Z');

    await setTime('2026-11-24T10:10:00+01:00');
    const opening = await restartedWatcher().check();
    expect(opening.opened).toEqual([idOf('sam@vigie.demo')]);
    await waitUntil(async () => (await routingOf(conversationId)).assigneeId !== null);
    expect((await routingOf(conversationId)).assigneeId).toBe(idOf('sam@vigie.demo'));
    const [entry] = await logOf(conversationId);
    expect(entry).toMatchObject({ action: 'assigned', agentId: idOf('sam@vigie.demo') });
    expect(await agentView('sam@vigie.demo')).toMatchObject({ isWithinHours: true, nextOpeningAt: null });
  });

  it("requires the skills the brand's rules map the conversation to, and never gives it to an agent without them", async () => {
    const brandRules = `/api/routing/brands/${context.demo.brandId}/skill-rules`;
    const rules = [
      { when: { intents: ['outage_report'] }, skills: ['network'] },
      { when: { conversationKinds: ['direct_message'] }, skills: ['billing'] },
      { when: { tags: ['legal'] }, skills: ['legal'] },
    ];
    const saved = await supervisor.request('PUT', brandRules, { rules });
    expect(saved.status).toBe(200);
    expect(saved.body as RoutingBrandSettingsView).toMatchObject({
      skillRules: rules,
      skillFallback: 'wait',
    });

    // An outage report needs network: Sam (billing) is online with room and is passed over; Léa (network) is away.
    await createCustomer(context, 'panne_quartier');
    const outage = await customerPosts(
      'panne_quartier',
      "@VigieTelecom panne réseau : plus d'internet ni de 4G dans tout le quartier depuis ce matin",
    );
    await context.api.vigie.app.get(QueueDrainer).drain();
    const waiting = await routingOf(outage);
    expect(waiting).toMatchObject({ assigneeId: null, requiredSkills: ['network'] });
    expect(waiting.waiting).toMatchObject({ why: 'missing_skills' });
    expect(waiting.waiting?.explanation).toContain('nobody on duty with the skills network');
    await setStatus('lea@vigie.demo', 'online');
    await waitUntil(async () => (await routingOf(outage)).assigneeId !== null);
    expect((await routingOf(outage)).assigneeId).toBe(idOf('lea@vigie.demo'));

    // A DM needs billing: Léa (French, no billing) is passed over for Sam (billing), French or not.
    await createCustomer(context, 'dm_facture');
    const dm = await customerSendsDm(
      'dm_facture',
      'Bonjour, ma facture de novembre est fausse, pouvez-vous la corriger ?',
    );
    await waitUntil(async () => (await routingOf(dm)).assigneeId !== null);
    expect(await routingOf(dm)).toMatchObject({
      assigneeId: idOf('sam@vigie.demo'),
      requiredSkills: ['billing'],
    });
  });

  it('keeps a conversation nobody in the team can take waiting and says so, until the policy lets any agent take it', async () => {
    await setStatus('lea@vigie.demo', 'away');
    await setStatus('sam@vigie.demo', 'away');
    await createCustomer(context, 'avocat_client');
    const conversationId = await customerPosts(
      'avocat_client',
      '@VigieTelecom votre service client est une honte, je veux parler à un responsable',
    );
    // Tags are facts of the rules: tagged "legal", it needs a skill no agent holds.
    const tagged = await supervisor.request('PUT', `/api/conversations/${conversationId}/tags`, {
      tags: ['legal'],
    });
    expect(tagged.status).toBe(200);
    await waitUntil(async () => ((await routingOf(conversationId)).requiredSkills ?? []).includes('legal'));
    await setStatus('sam@vigie.demo', 'online');
    await context.api.vigie.app.get(QueueDrainer).drain();
    const waiting = await routingOf(conversationId);
    expect(waiting.assigneeId).toBeNull();
    expect(waiting.waiting?.why).toBe('skill_not_in_team');
    expect(waiting.waiting?.explanation).toContain(
      'has nobody with the skill legal; the routing policy waits for one',
    );

    const fallback = await supervisor.request(
      'PUT',
      `/api/routing/brands/${context.demo.brandId}/skill-rules`,
      {
        rules: [{ when: { tags: ['legal'] }, skills: ['legal'] }],
        fallback: 'any_agent',
      },
    );
    expect(fallback.status).toBe(200);
    await waitUntil(async () => (await routingOf(conversationId)).assigneeId !== null);
    expect((await routingOf(conversationId)).assigneeId).toBe(idOf('sam@vigie.demo'));
    const [entry] = await logOf(conversationId);
    expect(entry?.explanation).toContain('has the skill legal, so the routing policy lets any agent take it');
  });

  it("orders the queue by the SLA contract's due time within a priority, and re-orders it when the SLA re-evaluates", async () => {
    expect(
      (
        await supervisor.request('PUT', `/api/routing/brands/${context.demo.brandId}/skill-rules`, {
          rules: [],
        })
      ).status,
    ).toBe(200);
    await setStatus('sam@vigie.demo', 'away');
    // DMs get a 10-minute first response in this brand's contract; public posts keep the hour of the test policy.
    const fastDms = (minutes: number): SlaPolicyBody => ({
      ...defaultSlaPolicySpec,
      position: 0,
      conditions: { conversationKinds: ['direct_message'] },
      targets: {
        first_response: { minutes, hours: 'business' },
        next_response: { minutes: 60, hours: 'business' },
      },
      outOfHours: { ...defaultSlaPolicySpec.outOfHours, isEnabled: false },
    });
    const policyPath = `/api/brands/${context.demo.brandId}/sla-policies/fast-dms`;
    expect((await admin.request('PUT', policyPath, fastDms(10))).status).toBe(200);

    const text = 'bonjour, ma facture de novembre est fausse, pouvez-vous la corriger ?';
    await setTime('2026-11-24T10:20:00+01:00');
    await createCustomer(context, 'ordre_public');
    const publicPost = await customerPosts('ordre_public', `@VigieTelecom ${text}`);
    await setTime('2026-11-24T10:25:00+01:00');
    await createCustomer(context, 'ordre_dm');
    const directMessage = await customerSendsDm('ordre_dm', text);

    const positions = async () => {
      const queue = (await supervisor.request('GET', '/api/routing/queue')).body as RoutingQueuePage;
      const ids = queue.items.map((item) => item.conversationId);
      return { publicPost: ids.indexOf(publicPost), directMessage: ids.indexOf(directMessage), queue };
    };
    await waitUntil(async () => (await routingOf(directMessage)).dueSource === 'contract');
    const [publicRouting, dmRouting] = [await routingOf(publicPost), await routingOf(directMessage)];
    expect(dmRouting.priority).toBe(publicRouting.priority);
    expect(publicRouting.dueAt).toBe('2026-11-24T10:20:00.000Z');
    expect(dmRouting.dueAt).toBe('2026-11-24T09:35:00.000Z');
    const first = await positions();
    expect(first.directMessage).toBeGreaterThanOrEqual(0);
    expect(first.directMessage).toBeLessThan(first.publicPost);

    // The contract changes: the DM's clock is recomputed (2 business hours) and its queue place follows.
    expect((await admin.request('PUT', policyPath, fastDms(120))).status).toBe(200);
    await waitUntil(async () => (await positions()).publicPost < (await positions()).directMessage);
    const sla = (await supervisor.request('GET', `/api/conversations/${directMessage}/sla`))
      .body as ConversationSla;
    const contract = sla.clocks.find(
      (clock) => clock.clock === 'contract' && clock.metric === 'first_response',
    );
    expect((await routingOf(directMessage)).dueAt).toBe(contract?.dueAt);
    expect(contract?.dueAt).toBe('2026-11-24T11:25:00.000Z');
  });

  it("applies a team's own skill rules when a conversation moves to its queue, and the brand's again when the team hands them back", async () => {
    const [careEn] = (await context.dataSource.query(`SELECT id FROM team WHERE name = 'Care EN'`)) as {
      id: string;
    }[];
    const teamRules = `/api/routing/teams/${careEn?.id}/skill-rules`;
    const saved = await supervisor.request('PUT', teamRules, {
      rules: [{ when: { conversationKinds: ['public_thread'] }, skills: ['billing'] }],
      fallback: 'wait',
    });
    expect(saved.status).toBe(200);
    expect(saved.body as RoutingTeamSettingsView).toMatchObject({ skillFallback: 'wait' });
    await createCustomer(context, 'vers_equipe');
    const conversationId = await customerPosts(
      'vers_equipe',
      '@VigieTelecom bonjour, comment changer mon forfait ?',
    );
    expect((await routingOf(conversationId)).requiredSkills).toEqual([]);

    const moved = await supervisor.request('POST', `/api/routing/conversations/${conversationId}/transfer`, {
      teamId: careEn?.id,
    });
    expect(moved.status).toBe(200);
    expect(moved.body as RoutingConversationView).toMatchObject({
      teamId: careEn?.id,
      requiredSkills: ['billing'],
    });
    const [entry] = await logOf(conversationId);
    expect(entry?.explanation).toContain('with the skill it needs: billing');

    expect((await supervisor.request('PUT', teamRules, { rules: null })).status).toBe(200);
    await waitUntil(async () => ((await routingOf(conversationId)).requiredSkills ?? []).length === 0);
  });
});
