import { randomUUID } from 'node:crypto';
import type {
  ConversationPriorityState,
  ConversationSla,
  RoutingConversationView,
  SlaClockView,
  SlaPolicyBody,
} from '@vigie/contracts';
import { SlaScheduler } from '@vigie/sla-server';
import { seedContact } from '../crm/crm-test-helpers';
import { ApiClient } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitUntil,
} from '../testing/x-ingestion-test-context';

/**
 * SLA policies chosen by priority, tag and contact tier, and chosen again when the priority or the tags change
 * (docs/adr/0107-sla-policy-re-evaluation.md), on a real database with the real ingestion path, routing and a
 * FakeClock. Monday 23 Nov 2026 is CET (+01:00) in Paris; the default calendar is Mon-Fri 09:00-19:00.
 */
const longSessions = { SESSION_TTL_HOURS: '2160', SESSION_IDLE_MINUTES: '43200' };
const fallbackPolicy = 'tests-without-out-of-hours-answer';

const weekdays = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['09:00', '19:00']]]),
) as SlaPolicyBody['calendar']['weekly'];

function policy(params: {
  position: number;
  conditions: SlaPolicyBody['conditions'];
  minutes: number;
}): SlaPolicyBody {
  return {
    position: params.position,
    conditions: params.conditions,
    calendar: { timezone: 'Europe/Paris', weekly: weekdays },
    targets: { first_response: { minutes: params.minutes, hours: 'business' } },
    outOfHours: { isEnabled: false, templates: { fr: 'Retour {reopensAt}.', en: 'Back {reopensAt}.' } },
  };
}

describe('SLA policies by priority, tag and contact tier, chosen again on a change (real database)', () => {
  let context: IngestionTestContext;
  let agent: ApiClient;
  let supervisor: ApiClient;
  let admin: ApiClient;
  let policiesPath = '';

  beforeAll(async () => {
    context = await startIngestionTest({ env: longSessions });
    agent = new ApiClient(context.api.url);
    await agent.login('lea@vigie.demo');
    supervisor = new ApiClient(context.api.url);
    await supervisor.login('hugo@vigie.demo');
    admin = new ApiClient(context.api.url);
    await admin.login('admin@vigie.demo');
    policiesPath = `/api/brands/${context.demo.brandId}/sla-policies`;
    await waitUntil(
      async () =>
        (await context.control<{ data: { isConnected: boolean } }>('GET', '/control/stream')).body.data
          .isConnected,
    );
    const policies: [string, SlaPolicyBody][] = [
      ['Urgent', policy({ position: 0, conditions: { priorities: ['urgent'] }, minutes: 15 })],
      ['High band', policy({ position: 1, conditions: { priorities: ['high'] }, minutes: 20 })],
      ['VIP tagged', policy({ position: 2, conditions: { tags: ['vip'] }, minutes: 30 })],
      ['Premium accounts', policy({ position: 3, conditions: { contactTiers: ['premium'] }, minutes: 45 })],
    ];
    for (const [name, body] of policies)
      expect((await admin.request('PUT', `${policiesPath}/${name}`, body)).status).toBe(200);
  });
  afterAll(() => context?.close());

  async function setTime(at: string): Promise<void> {
    context.api.clock.set(at);
    await context.control('POST', '/control/clock', { offsetMs: Date.parse(at) - Date.now() });
  }

  async function mention(params: { author: string; text: string; at: string }): Promise<string> {
    await setTime(params.at);
    const post = await injectPost(context, {
      author: params.author,
      text: params.text,
      lang: 'fr',
      createdAt: params.at,
    });
    let conversationId = '';
    await waitUntil(async () => {
      const rows = (await context.dataSource.query(
        `SELECT m.conversation_id FROM message m JOIN sla_clock c ON c.conversation_id = m.conversation_id
         JOIN routing_conversation r ON r.conversation_id = m.conversation_id
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

  function contractOf(sla: ConversationSla): SlaClockView {
    const found = sla.clocks.find((clock) => clock.clock === 'contract' && clock.metric === 'first_response');
    if (!found) throw new Error(`no contract clock in ${JSON.stringify(sla.clocks)}`);
    return found;
  }

  async function routingOf(conversationId: string): Promise<RoutingConversationView> {
    return (await supervisor.request('GET', `/api/routing/conversations/${conversationId}`))
      .body as RoutingConversationView;
  }

  const appliedDetails = async (conversationId: string) =>
    (await slaOf(conversationId)).events
      .filter((event) => event.kind === 'applied' && event.clock === 'contract')
      .map((event) => event.detail);

  const paris = (local: string) => new Date(`2026-11-23T${local}:00+01:00`).toISOString();

  it('refuses bad conditions with a 400 naming the field', async () => {
    for (const [conditions, fragment] of [
      [{ priorities: ['normal'] }, 'conditions.priorities has unknown values normal'],
      [{ contactTiers: ['gold'] }, 'conditions.contactTiers has unknown values gold'],
      [{ tags: ['deux mots'] }, 'conditions.tags must be tags as agents set them'],
      [{ priority: ['high'] }, 'conditions has unknown keys priority'],
    ] as const) {
      const response = await admin.request('PUT', `${policiesPath}/Broken`, {
        ...policy({ position: 9, conditions: {}, minutes: 10 }),
        conditions,
      });
      expect(response.status).toBe(400);
      expect((response.body as { message: string }).message).toContain(fragment);
    }
  });

  it('chooses the policy by the contact account tier when the clocks start', async () => {
    const [account] = (await context.dataSource.query(
      `INSERT INTO crm_account (name, tier) VALUES ('Premium Co', 'premium') RETURNING id`,
    )) as { id: string }[];
    const externalUserId = await createCustomer(context, 'paula_premium');
    await seedContact(context.api, {
      externalUserId,
      handle: 'paula_premium',
      displayName: 'Paula',
      accountId: account?.id ?? null,
    });
    const conversationId = await mention({
      author: 'paula_premium',
      text: '@VigieTelecom comment changer mon forfait ?',
      at: '2026-11-23T09:30:00+01:00',
    });
    const sla = await slaOf(conversationId);
    expect(sla.policyName).toBe('Premium accounts');
    expect(contractOf(sla)).toMatchObject({ targetMinutes: 45, dueAt: paris('10:15') });
  });

  it('re-applies the clocks from their start when an agent sets the priority; a breach under the stricter policy stays in the log', async () => {
    await createCustomer(context, 'marc_forfait');
    const conversationId = await mention({
      author: 'marc_forfait',
      text: '@VigieTelecom comment changer mon forfait ?',
      at: '2026-11-23T10:00:00+01:00',
    });
    const before = await slaOf(conversationId);
    const band = (await routingOf(conversationId)).priority;
    expect(band).toBe('medium');
    expect(before.policyName).toBe(fallbackPolicy);
    expect(contractOf(before).dueAt).toBe(paris('11:00'));

    // Who may set it, and what is refused.
    const path = `/api/conversations/${conversationId}/priority`;
    expect((await new ApiClient(context.api.url).request('POST', path, { priority: 'urgent' })).status).toBe(
      401,
    );
    const ops = new ApiClient(context.api.url);
    await ops.login('ines@vigie.demo');
    expect((await ops.request('POST', path, { priority: 'urgent' })).status).toBe(403);
    const bad = await agent.request('POST', path, { priority: 'normal' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('priority must be one of: urgent, high, medium, low');
    expect(
      (await agent.request('POST', `/api/conversations/${randomUUID()}/priority`, { priority: 'high' }))
        .status,
    ).toBe(404);

    await setTime('2026-11-23T10:05:00+01:00');
    const set = await agent.request('POST', path, { priority: 'urgent' });
    expect(set.status).toBe(200);
    expect(set.body as ConversationPriorityState).toEqual({ conversationId, priority: 'urgent' });
    expect(await routingOf(conversationId)).toMatchObject({
      priority: 'urgent',
      priorityReasons: expect.arrayContaining(['set to urgent by hand']),
    });
    const urgent = await slaOf(conversationId);
    expect(urgent.policyName).toBe('Urgent');
    expect(contractOf(urgent)).toMatchObject({
      status: 'running',
      targetMinutes: 15,
      startedAt: paris('10:00'),
      dueAt: paris('10:15'),
      explanation: 'due Mon 23 Nov 10:15 because: received Mon 23 Nov 10:00; 15 min on Mon 23 Nov',
      // The same steps as data, for the console to say in French or English.
      explanationSteps: [
        { kind: 'started', how: 'received', at: paris('10:00'), isOutsideHours: false },
        { kind: 'counted', ms: 15 * 60_000, day: '2026-11-23' },
      ],
    });
    const [reapplied] = (await appliedDetails(conversationId)).slice(-1);
    expect(reapplied).toContain(
      'the priority changed from medium to urgent (set to urgent by hand); re-applied from the start',
    );
    expect(reapplied).toContain(`under policy "Urgent" (was policy "${fallbackPolicy}"), target 15 min`);

    await setTime('2026-11-23T10:16:00+01:00');
    await context.api.vigie.app.get(SlaScheduler).tick();
    const breached = contractOf(await slaOf(conversationId));
    expect(breached.breachedAt).not.toBeNull();

    // A supervisor takes the band back down: the 60-minute policy again, from 10:00; the breach is history.
    await setTime('2026-11-23T10:20:00+01:00');
    expect((await supervisor.request('POST', path, { priority: 'low' })).status).toBe(200);
    const relaxed = await slaOf(conversationId);
    expect(relaxed.policyName).toBe(fallbackPolicy);
    expect(contractOf(relaxed)).toMatchObject({ status: 'running', dueAt: paris('11:00'), breachedAt: null });
    expect(
      relaxed.events.filter((event) => event.kind === 'breached' && event.clock === 'contract'),
    ).toHaveLength(1);
    expect((await appliedDetails(conversationId)).slice(-1)[0]).toContain(
      'breached under policy "Urgent" at 2026-11-23T09:16:00.000Z',
    );
    await context.api.vigie.app.get(SlaScheduler).tick();
    expect(contractOf(await slaOf(conversationId)).breachedAt).toBeNull();

    // The answer fulfils the clocks under the policy in force: met, 30 min of 1 h.
    await setTime('2026-11-23T10:30:00+01:00');
    const reply = await agent.request('POST', `/api/conversations/${conversationId}/replies`, {
      text: '@marc_forfait Bonjour Marc, voici comment faire.',
      mode: 'public_reply',
      idempotencyKey: randomUUID(),
    });
    expect(reply.status).toBe(202);
    await waitUntil(async () => contractOf(await slaOf(conversationId)).status === 'fulfilled');
    const answered = await slaOf(conversationId);
    expect(
      answered.events.find((event) => event.kind === 'fulfilled' && event.clock === 'contract')?.detail,
    ).toContain('met: 30 min of 1 h');

    // Ended clocks keep their verdict: a tag that would choose another policy changes nothing now.
    const eventsBefore = answered.events.length;
    await setTime('2026-11-23T10:35:00+01:00');
    expect(
      (await agent.request('PUT', `/api/conversations/${conversationId}/tags`, { tags: ['vip'] })).status,
    ).toBe(200);
    const after = await slaOf(conversationId);
    expect(after.clocks).toEqual(answered.clocks);
    expect(after.events).toHaveLength(eventsBefore);
    expect(after.policyName).toBe(fallbackPolicy);
    // Answered and nobody holds it: routing no longer queues it, so it has no band to set.
    const refused = await agent.request('POST', path, { priority: 'high' });
    expect(refused.status).toBe(409);
    expect((refused.body as { message: string }).message).toContain('neither queued nor held');
  });

  it('chooses the policy again when an agent changes the tags', async () => {
    await createCustomer(context, 'nina_tags');
    const conversationId = await mention({
      author: 'nina_tags',
      text: '@VigieTelecom comment résilier mon abonnement ?',
      at: '2026-11-23T10:40:00+01:00',
    });
    expect(contractOf(await slaOf(conversationId)).dueAt).toBe(paris('11:40'));
    const tags = `/api/conversations/${conversationId}/tags`;

    await setTime('2026-11-23T10:45:00+01:00');
    expect((await agent.request('PUT', tags, { tags: ['VIP', 'fibre'] })).status).toBe(200);
    const tagged = await slaOf(conversationId);
    expect(tagged.policyName).toBe('VIP tagged');
    expect(contractOf(tagged)).toMatchObject({ targetMinutes: 30, dueAt: paris('11:10') });
    expect((await appliedDetails(conversationId)).slice(-1)[0]).toContain(
      'the tags changed from [] to [vip, fibre]; re-applied from the start',
    );

    // The same tags again: nothing to choose.
    const count = (await slaOf(conversationId)).events.length;
    expect((await agent.request('PUT', tags, { tags: ['vip', 'fibre'] })).status).toBe(200);
    expect((await slaOf(conversationId)).events).toHaveLength(count);

    await setTime('2026-11-23T10:50:00+01:00');
    expect((await agent.request('PUT', tags, { tags: ['fibre'] })).status).toBe(200);
    const untagged = await slaOf(conversationId);
    expect(untagged.policyName).toBe(fallbackPolicy);
    expect(contractOf(untagged).dueAt).toBe(paris('11:40'));
  });

  it('chooses the policy again when routing raises the band for a new customer message', async () => {
    await createCustomer(context, 'oscar_relance');
    const conversationId = await mention({
      author: 'oscar_relance',
      text: '@VigieTelecom comment changer mon forfait ?',
      at: '2026-11-23T11:30:00+01:00',
    });
    expect((await slaOf(conversationId)).policyName).toBe(fallbackPolicy);
    const [first] = (await context.dataSource.query(
      `SELECT external_id FROM message WHERE conversation_id = $1 AND direction = 'inbound'`,
      [conversationId],
    )) as { external_id: string }[];
    await setTime('2026-11-23T11:40:00+01:00');
    await injectPost(context, {
      author: 'oscar_relance',
      text: "@VigieTelecom toujours aucune réponse, c'est inadmissible, plus de connexion depuis ce matin, c'est urgent !",
      inReplyTo: first?.external_id,
      lang: 'fr',
      createdAt: '2026-11-23T11:40:00+01:00',
    });
    await waitUntil(async () => (await routingOf(conversationId)).priority !== 'medium');
    const band = (await routingOf(conversationId)).priority;
    const expected =
      band === 'urgent' ? { name: 'Urgent', due: '11:45' } : { name: 'High band', due: '11:50' };
    await waitUntil(async () => (await slaOf(conversationId)).policyName === expected.name);
    // Still from the first message (11:30): the wait goes on, under the stricter target.
    expect(contractOf(await slaOf(conversationId))).toMatchObject({
      startedAt: paris('11:30'),
      dueAt: paris(expected.due),
    });
    expect((await appliedDetails(conversationId)).slice(-1)[0]).toContain(
      `the priority changed from medium to ${band} as the customer wrote; re-applied from the start`,
    );
  });

  it('chooses the policy again when routing refines the priority with the CRM account', async () => {
    const [account] = (await context.dataSource.query(
      `INSERT INTO crm_account (name, tier) VALUES ('Big Co', 'vip') RETURNING id`,
    )) as { id: string }[];
    const externalUserId = await createCustomer(context, 'victor_vip');
    await seedContact(context.api, {
      externalUserId,
      handle: 'victor_vip',
      displayName: 'Victor',
      accountId: account?.id ?? null,
    });
    // A question is a medium band until routing reads the CRM: a VIP (+25) makes it high.
    const conversationId = await mention({
      author: 'victor_vip',
      text: '@VigieTelecom comment changer mon forfait ?',
      at: '2026-11-23T11:00:00+01:00',
    });
    await waitUntil(async () => (await slaOf(conversationId)).policyName === 'High band');
    expect((await routingOf(conversationId)).priority).toBe('high');
    expect(contractOf(await slaOf(conversationId))).toMatchObject({
      targetMinutes: 20,
      dueAt: paris('11:20'),
    });
    expect((await appliedDetails(conversationId)).slice(-1)[0]).toContain(
      'the priority changed from medium to high (recomputed with the CRM account: ',
    );
  });
});
