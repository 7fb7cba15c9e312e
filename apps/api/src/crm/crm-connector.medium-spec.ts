import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  CrmConnectorCreated,
  CrmUpsertReport,
  CrmUpsertRequest,
  CrmWebhookDeliveryView,
  CustomerPicture,
} from '@vigie/contracts';
import {
  CrmAccountsService,
  CrmConnectorsService,
  signatureHeaderValue,
  verifySignature,
} from '@vigie/crm-server';
import { ApiClient } from '../testing/api-test-context';
import {
  createCustomer,
  type IngestionTestContext,
  injectPost,
  startIngestionTest,
  waitUntil,
} from '../testing/x-ingestion-test-context';
import { userIdOf } from './crm-test-helpers';

type Received = { headers: IncomingHttpHeaders; body: string };

type Receiver = { url: string; received: Received[]; status: number; server: Server };

/** A CRM's webhook endpoint: answers `status` (200 unless the test says otherwise) and keeps every request. */
async function startReceiver(): Promise<Receiver> {
  const receiver = { received: [] as Received[], status: 200 } as Receiver;
  receiver.server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = receiver.status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

describe('the external CRM connector: signed upserts in, signed webhooks out (real ingestion, real database)', () => {
  let context: IngestionTestContext;
  let receiver: Receiver;
  let connector: CrmConnectorCreated;
  let deliveryCounter = 0;

  const send = (body: string, options: { secret?: string; at?: Date; deliveryId?: string } = {}) =>
    new ApiClient(context.api.url).request('POST', `/api/webhooks/crm/${connector.id}`, body, {
      'content-type': 'application/json',
      'vigie-signature': signatureHeaderValue({
        secret: options.secret ?? connector.inboundSecret,
        at: options.at ?? context.api.clock.now(),
        body,
      }),
      'vigie-delivery': options.deliveryId ?? `delivery-${(deliveryCounter += 1)}-${Date.now()}`,
    });

  beforeAll(async () => {
    context = await startIngestionTest();
    receiver = await startReceiver();
    const created = await context.admin.request('POST', '/api/crm/connectors', {
      name: 'hubspot-test',
      kind: 'hubspot',
      outboundUrl: receiver.url,
      events: ['conversation.created', 'conversation.resolved'],
    });
    expect(created.status).toBe(201);
    connector = created.body as CrmConnectorCreated;
  });
  afterAll(async () => {
    await context.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  it('shows secrets only when the connector is created, and refuses a second one with the same name', async () => {
    expect(connector.inboundSecret).toMatch(/^whsec_/);
    const listed = (await context.admin.request('GET', '/api/crm/connectors')).body as Record<
      string,
      unknown
    >[];
    expect(listed[0]).not.toHaveProperty('inboundSecret');
    const again = await context.admin.request('POST', '/api/crm/connectors', {
      name: 'hubspot-test',
      kind: 'generic',
    });
    expect(again.status).toBe(409);
    const bad = await context.admin.request('POST', '/api/crm/connectors', {
      name: 'X!',
      kind: 'zoho',
      events: ['nope'],
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toContain(
      'kind must be one of: generic, hubspot, salesforce',
    );
  });

  it('applies a signed upsert once, keyed by external ids, and links the X author it names to the account', async () => {
    const xUserId = await createCustomer(context, 'martine_b2b');
    const post = await injectPost(context, {
      author: 'martine_b2b',
      text: '@VigieTelecom ma ligne pro est coupée',
      lang: 'fr',
    });
    await waitUntil(
      async () =>
        (await context.count(`SELECT count(*) FROM message WHERE external_id = $1`, [post.id])) === 1,
    );
    const request: CrmUpsertRequest = {
      accounts: [
        { externalId: 'ACME-1', name: 'ACME SARL', ownerEmail: 'sam@vigie.demo', tier: 'vip', value: 48000 },
      ],
      contacts: [
        {
          externalId: 'HS-42',
          displayName: 'Martine B.',
          accountExternalId: 'ACME-1',
          xUserId,
          emails: ['martine@acme.fr'],
          tags: ['b2b'],
        },
      ],
    };
    const body = JSON.stringify(request);
    const first = await send(body, { deliveryId: 'delivery-fixed-0001' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      isDuplicate: false,
      accounts: { created: 1 },
      contacts: { updated: 1 },
      conflicts: [],
    });
    const replay = await send(body, { deliveryId: 'delivery-fixed-0001' });
    expect(replay.body).toMatchObject({
      isDuplicate: true,
      contacts: { created: 0, updated: 0, unchanged: 0 },
    });
    const again = (await send(body)).body as CrmUpsertReport;
    expect(again).toMatchObject({
      isDuplicate: false,
      accounts: { unchanged: 1 },
      contacts: { unchanged: 1 },
    });

    const [row] = (await context.dataSource.query(
      `SELECT contact_id FROM contact_identity WHERE channel = 'x' AND external_user_id = $1`,
      [xUserId],
    )) as { contact_id: string }[];
    const contactId = row?.contact_id ?? '';
    const facts = await context.api.vigie.app.get(CrmAccountsService).routingFacts([contactId]);
    expect(facts.get(contactId)).toMatchObject({
      ownerUserId: await userIdOf(context.api, 'sam@vigie.demo'),
      tier: 'vip',
      value: 48000,
    });
    const picture = (await context.admin.request('GET', `/api/crm/contacts/${contactId}`))
      .body as CustomerPicture;
    expect(
      picture.identities.map((identity) => `${identity.channel}:${identity.externalUserId}`).sort(),
    ).toEqual(['crm:HS-42', 'email:martine@acme.fr', `x:${xUserId}`].sort());
    expect(picture.conversations).toHaveLength(1);
  });

  it('never takes an identity from another contact: the conflict is reported, not applied', async () => {
    const body = JSON.stringify({
      contacts: [{ externalId: 'HS-99', displayName: 'Someone Else', emails: ['martine@acme.fr'] }],
    });
    const answer = (await send(body)).body as CrmUpsertReport;
    expect(answer.contacts.created).toBe(1);
    expect(answer.conflicts).toEqual([
      { externalId: 'HS-99', reason: expect.stringContaining('email martine@acme.fr belongs to contact') },
    ]);
  });

  it.each([
    ['a forged signature', 'forged', 'signature_mismatch'],
    ['a stale signature (replayed an hour later)', 'stale', 'signature_stale'],
  ] as const)('refuses %s with 401 and applies nothing', async (_label, kind, code) => {
    const body = JSON.stringify({ accounts: [{ externalId: 'FORGED', name: 'Forged' }] });
    const answer = await send(
      body,
      kind === 'forged'
        ? { secret: 'whsec_forged' }
        : { at: new Date(context.api.clock.now().getTime() - 3_600_000) },
    );
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code });
    expect(await context.count(`SELECT count(*) FROM crm_account WHERE external_id = 'FORGED'`)).toBe(0);
  });

  it('answers 400 for a signed but invalid body, naming the field', async () => {
    const answer = await send(JSON.stringify({ contacts: [{ externalId: 'bad id with spaces' }] }));
    expect(answer.status).toBe(400);
    expect((answer.body as { message: string }).message).toContain('externalId must be');
  });

  it('sends a signed webhook when a conversation is created, retrying with backoff until the CRM accepts it', async () => {
    receiver.status = 503;
    await createCustomer(context, 'hook_customer');
    const post = await injectPost(context, {
      author: 'hook_customer',
      text: '@VigieTelecom plus de 4G depuis ce matin',
      lang: 'fr',
    });
    const connectors = context.api.vigie.app.get(CrmConnectorsService);
    await waitUntil(
      async () =>
        (await context.count(`SELECT count(*) FROM message WHERE external_id = $1`, [post.id])) === 1,
    );
    const [conversation] = (await context.dataSource.query(
      `SELECT conversation_id FROM message WHERE external_id = $1`,
      [post.id],
    )) as { conversation_id: string }[];
    const eventKey = `conversation.created:${conversation?.conversation_id}`;
    const delivery = async () =>
      (
        (await context.admin.request('GET', `/api/crm/connectors/${connector.id}/deliveries`))
          .body as CrmWebhookDeliveryView[]
      ).find((candidate) => candidate.eventKey === eventKey);
    // Enqueued in the recording transaction: it is there as soon as the message is.
    expect(await delivery()).toMatchObject({ eventType: 'conversation.created' });
    await connectors.deliverDue();
    await waitUntil(async () => (await delivery())?.attempts === 1);
    expect(await delivery()).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
    });
    await connectors.deliverDue();
    expect((await delivery())?.attempts).toBe(1);
    receiver.status = 200;
    context.api.clock.advance({ seconds: 31 });
    await connectors.deliverDue();
    await waitUntil(async () => (await delivery())?.status === 'delivered');
    expect(await delivery()).toMatchObject({ attempts: 2, lastStatusCode: 200, lastError: null });

    const mine = receiver.received.filter((request) =>
      request.body.includes(conversation?.conversation_id ?? 'none'),
    );
    expect(mine).toHaveLength(2);
    for (const request of mine) {
      const header = request.headers['vigie-signature'] as string;
      expect(
        verifySignature({
          header,
          secret: connector.outboundSecret,
          body: request.body,
          now: context.api.clock.now(),
        }),
      ).toEqual({ isValid: true });
      expect(JSON.parse(request.body)).toMatchObject({
        type: 'conversation.created',
        data: { conversationId: conversation?.conversation_id },
      });
    }
    expect(
      verifySignature({
        header: mine[0]?.headers['vigie-signature'] as string,
        secret: connector.inboundSecret,
        body: mine[0]?.body ?? '',
        now: context.api.clock.now(),
      }).isValid,
    ).toBe(false);
  });

  it('proposes an e-mail given in a DM to the agent, and links it only when the agent accepts', async () => {
    const xUserId = await createCustomer(context, 'dm_giver');
    const dm = await context.control<{ data: { id: string } }>('POST', '/control/dms', {
      from: 'dm_giver',
      to: 'VigieTelecom',
      text: 'mon mail c’est Paul.Giver@exemple.fr, rappelez-moi au 06 11 22 33 44 🙏',
    });
    await waitUntil(
      async () =>
        (await context.count(`SELECT count(*) FROM message WHERE external_id = $1`, [dm.body.data.id])) === 1,
    );
    const [row] = (await context.dataSource.query(
      `SELECT contact_id FROM contact_identity WHERE channel = 'x' AND external_user_id = $1`,
      [xUserId],
    )) as { contact_id: string }[];
    const agent = new ApiClient(context.api.url);
    await agent.login('camille@vigie.demo');
    const before = (await agent.request('GET', `/api/crm/contacts/${row?.contact_id}`))
      .body as CustomerPicture;
    expect(before.identities.map((identity) => identity.channel)).toEqual(['x']);
    expect(before.linkProposals.map((proposal) => `${proposal.channel}:${proposal.value}`)).toEqual([
      'email:paul.giver@exemple.fr',
      'phone:0611223344',
    ]);
    const [email, phone] = before.linkProposals;
    const accepted = await agent.request('POST', `/api/crm/link-proposals/${email?.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ channel: 'email', externalUserId: 'paul.giver@exemple.fr' });
    expect((await agent.request('POST', `/api/crm/link-proposals/${phone?.id}/reject`)).status).toBe(204);
    expect((await agent.request('POST', `/api/crm/link-proposals/${phone?.id}/accept`)).status).toBe(409);
    const after = (await agent.request('GET', `/api/crm/contacts/${row?.contact_id}`))
      .body as CustomerPicture;
    expect(after.linkProposals).toEqual([]);
    expect(after.identities.map((identity) => identity.channel).sort()).toEqual(['email', 'x']);
  });

  it('keeps the connector admin-only (401 without a session, 403 for a supervisor)', async () => {
    expect((await new ApiClient(context.api.url).request('GET', '/api/crm/connectors')).status).toBe(401);
    const supervisor = new ApiClient(context.api.url);
    await supervisor.login('hugo@vigie.demo');
    expect((await supervisor.request('POST', '/api/crm/sync', { accounts: [] })).status).toBe(403);
    expect((await supervisor.request('GET', `/api/crm/connectors/${connector.id}/deliveries`)).status).toBe(
      403,
    );
  });
});
