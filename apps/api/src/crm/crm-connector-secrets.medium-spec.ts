import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource, type MigrationInterface } from 'typeorm';
import type { CrmConnectorCreated, CrmWebhookDeliveryView } from '@vigie/contracts';
import { CrmConnectorsService, signatureHeaderValue, verifySignature } from '@vigie/crm-server';
import { buildDataSourceOptions, migrations, withMigrationSecrets } from '@vigie/database';
import { loadConfig, SecretCipher } from '@vigie/server';
import { createTestDatabase, FakeClock, type TestDatabase } from '@vigie/testing';
import { createVigieApp, type VigieApp } from '../create-vigie-app';
import { ApiClient, type ApiTestContext, demoPassword, startApiForTest } from '../testing/api-test-context';

const secretKey = Buffer.alloc(32, 7).toString('base64');
const cipher = new SecretCipher(Buffer.from(secretKey, 'base64'));
const inboundData = (connectorId: string) => `crm_connector:${connectorId}:inbound`;

type Received = { headers: IncomingHttpHeaders; body: string };

async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, server };
}

/** A signed inbound upsert, as the external CRM sends it. */
function sendUpsert(params: {
  url: string;
  connectorId: string;
  secret: string;
  at: Date;
  deliveryId: string;
}) {
  const body = JSON.stringify({ accounts: [{ externalId: `ACME-${params.deliveryId}`, name: 'ACME SARL' }] });
  return new ApiClient(params.url).request('POST', `/api/webhooks/crm/${params.connectorId}`, body, {
    'content-type': 'application/json',
    'vigie-signature': signatureHeaderValue({ secret: params.secret, at: params.at, body }),
    'vigie-delivery': params.deliveryId,
  });
}

describe('CRM connector secrets sealed at rest (AES-256-GCM, real database)', () => {
  let context: ApiTestContext;
  let admin: ApiClient;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let connector: CrmConnectorCreated;
  let dataSource: DataSource;

  beforeAll(async () => {
    context = await startApiForTest({ VIGIE_SECRET_KEY: secretKey });
    dataSource = context.vigie.app.get(DataSource);
    receiver = await startReceiver();
    admin = new ApiClient(context.url);
    await admin.login('admin@vigie.demo');
    const created = await admin.request('POST', '/api/crm/connectors', {
      name: 'sealed-crm',
      kind: 'salesforce',
      outboundUrl: receiver.url,
      events: ['conversation.created'],
    });
    expect(created.status).toBe(201);
    connector = created.body as CrmConnectorCreated;
  });
  afterAll(async () => {
    await context.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  it('seals both secrets at rest, shows them only at creation, and still checks signatures with them', async () => {
    expect(connector.inboundSecret).toMatch(/^whsec_/);
    const [row] = (await dataSource.query(
      `SELECT inbound_secret_sealed, outbound_secret_sealed FROM crm_connector WHERE id = $1`,
      [connector.id],
    )) as { inbound_secret_sealed: string; outbound_secret_sealed: string }[];
    for (const [sealed, secret, slot] of [
      [row?.inbound_secret_sealed, connector.inboundSecret, 'inbound'],
      [row?.outbound_secret_sealed, connector.outboundSecret, 'outbound'],
    ] as const) {
      expect(sealed).toMatch(/^v1\./);
      expect(sealed).not.toContain(secret.slice('whsec_'.length, 20));
      expect(
        cipher.decrypt({ stored: sealed ?? '', associatedData: `crm_connector:${connector.id}:${slot}` }),
      ).toBe(secret);
    }
    // The sealed text is bound to its row and slot: the inbound one does not open as the outbound one.
    expect(() =>
      cipher.decrypt({
        stored: row?.inbound_secret_sealed ?? '',
        associatedData: `crm_connector:${connector.id}:outbound`,
      }),
    ).toThrow();

    for (const path of ['/api/crm/connectors', `/api/crm/connectors/${connector.id}/deliveries`]) {
      const answer = await admin.request('GET', path);
      expect(answer.status).toBe(200);
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(connector.inboundSecret);
      expect(text).not.toContain(connector.outboundSecret);
      expect(text).not.toMatch(/secret/i);
    }

    const at = context.clock.now();
    const signed = { url: context.url, connectorId: connector.id, at };
    expect(
      (await sendUpsert({ ...signed, secret: connector.inboundSecret, deliveryId: 'sealed-0001' })).status,
    ).toBe(200);
    const forged = await sendUpsert({
      ...signed,
      secret: connector.outboundSecret,
      deliveryId: 'sealed-0002',
    });
    expect(forged.status).toBe(401);
  });

  it('signs outbound webhooks with the opened outbound secret, and fails a delivery whose secret no longer opens without sending it', async () => {
    const service = context.vigie.app.get(CrmConnectorsService);
    const enqueue = (key: string) =>
      dataSource.transaction((manager) =>
        service.enqueue(manager, {
          type: 'conversation.created',
          eventKey: `conversation.created:${key}`,
          occurredAt: context.clock.now(),
          data: { conversationId: key },
        }),
      );
    expect(await enqueue('secrets-1')).toBe(1);
    expect(await service.deliverDue()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(
      verifySignature({
        header: request?.headers['vigie-signature'] as string,
        secret: connector.outboundSecret,
        body: request?.body ?? '',
        now: context.clock.now(),
      }),
    ).toEqual({ isValid: true });

    // A sealed text moved to another slot (or a changed VIGIE_SECRET_KEY) does not open: that delivery fails,
    // with a reason, and nothing is sent unsigned.
    await dataSource.query(
      `UPDATE crm_connector SET outbound_secret_sealed = inbound_secret_sealed WHERE id = $1`,
      [connector.id],
    );
    expect(await enqueue('secrets-2')).toBe(1);
    expect(await service.deliverDue()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const deliveries = (await admin.request('GET', `/api/crm/connectors/${connector.id}/deliveries`))
      .body as CrmWebhookDeliveryView[];
    const failed = deliveries.find((delivery) => delivery.eventKey === 'conversation.created:secrets-2');
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed?.lastError).toContain('cannot be opened with this VIGIE_SECRET_KEY');

    // Same for the inbound secret: the signed request is refused with a 503 that says why.
    await dataSource.query(
      `UPDATE crm_connector SET inbound_secret_sealed = 'v1.AAAA.BBBB.CCCC' WHERE id = $1`,
      [connector.id],
    );
    const refused = await sendUpsert({
      url: context.url,
      connectorId: connector.id,
      secret: connector.inboundSecret,
      at: context.clock.now(),
      deliveryId: 'sealed-0003',
    });
    expect(refused.status).toBe(503);
    expect((refused.body as { message: string }).message).toContain(
      'cannot be opened with this VIGIE_SECRET_KEY',
    );
  });
});

describe('the migration that seals CRM connector secrets stored in clear (real database)', () => {
  const migration = migrations.find(
    (candidate) => candidate.name === 'RoutingHoursSkillsAndSealedSecrets1764734400000',
  ) as unknown as new () => MigrationInterface;
  let database: TestDatabase;
  let dataSource: DataSource;
  let vigie: VigieApp | undefined;
  const connectorId = '3f1a9c5e-7b2d-4e8f-9a6b-0c1d2e3f4a5b';
  const clearInbound = 'whsec_clear-inbound-secret-from-before';

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(
      buildDataSourceOptions({ connection: database.connection, entities: [], poolSize: 2 }),
    );
    await dataSource.initialize();
    // Back to the schema before the migration, with a connector as it was stored then: in clear.
    const runner = dataSource.createQueryRunner();
    await new migration().down(runner);
    await runner.release();
    await dataSource.query(
      `INSERT INTO crm_connector (id, name, kind, inbound_secret, outbound_secret) VALUES ($1, 'legacy', 'generic', $2, $3)`,
      [connectorId, clearInbound, 'whsec_clear-outbound-secret-from-before'],
    );
  });
  afterAll(async () => {
    await vigie?.close();
    await dataSource?.destroy();
    await database?.destroy();
  });

  it('refuses to run without the application cipher while secrets wait in clear, and changes nothing', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    await expect(new migration().up(runner)).rejects.toThrow('1 CRM connector(s) hold secrets to seal');
    await runner.rollbackTransaction();
    await runner.release();
    const [row] = (await dataSource.query(`SELECT inbound_secret FROM crm_connector WHERE id = $1`, [
      connectorId,
    ])) as { inbound_secret: string }[];
    expect(row?.inbound_secret).toBe(clearInbound);
  });

  it('seals every existing row with the lent cipher, and the API then verifies the old secret', async () => {
    const runner = dataSource.createQueryRunner();
    await withMigrationSecrets(cipher, () => new migration().up(runner));
    await runner.release();
    const [row] = (await dataSource.query(`SELECT inbound_secret_sealed FROM crm_connector WHERE id = $1`, [
      connectorId,
    ])) as { inbound_secret_sealed: string }[];
    expect(row?.inbound_secret_sealed).toMatch(/^v1\./);
    expect(
      cipher.decrypt({ stored: row?.inbound_secret_sealed ?? '', associatedData: inboundData(connectorId) }),
    ).toBe(clearInbound);

    const clock = new FakeClock(new Date());
    vigie = await createVigieApp({
      config: loadConfig(
        {
          HOST: '127.0.0.1',
          PORT: '0',
          LOG_LEVEL: 'silent',
          SHUTDOWN_DRAIN_DELAY_MS: '0',
          VIGIE_DEMO: 'true',
          VIGIE_DEMO_PASSWORD: demoPassword,
          VIGIE_SECRET_KEY: secretKey,
        },
        { nodeName: 'migration-test' },
      ),
      connection: database.connection,
      clock,
    });
    const answer = await sendUpsert({
      url: vigie.url,
      connectorId,
      secret: clearInbound,
      at: clock.now(),
      deliveryId: 'legacy-0001',
    });
    expect(answer.status).toBe(200);
  });
});
