import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  CrmConnectorCreated,
  CrmConnectorKind,
  CrmConnectorView,
  CrmUpsertReport,
  CrmUpsertRequest,
  CrmWebhookDeliveryView,
  CrmWebhookEvent,
} from '@vigie/contracts';
import { type Clock, CLOCK, DomainError } from '@vigie/kernel';
import { PeriodicJob, SECRET_CIPHER, type SecretCipher, sendSignedWebhooks } from '@vigie/server';
import { CrmAuditRepository } from '../audit/crm-audit.repository';
import { CrmConnectorRepository } from './crm-connector.repository';
import { parseUpsertBody } from './crm-connector.dto';
import { CrmSyncService } from './crm-sync.service';
import { maxDeliveryAttempts, retryDelaySeconds, verifySignature } from './webhook-signature';

const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * What a sealed connector secret is bound to (the AES-GCM additional data): the same text as the migration that
 * sealed the secrets stored in clear before (1764734400000), so rows it sealed open here (crm-connector-secrets
 * medium test).
 */
const secretData = (connectorId: string, slot: 'inbound' | 'outbound') =>
  `crm_connector:${connectorId}:${slot}`;

/** An HTTP attempt times out after 10 s (`webhookRequestTimeoutMs`): the lease is longer, never sent twice. */
const leaseSeconds = 60;
const deliveryBatchSize = 20;
const pollIntervalMs = 5_000;

/** A conversation event as a connector receives it (the JSON body of an outbound webhook). */
export type CrmWebhookPayload = {
  id: string;
  type: CrmWebhookEvent;
  occurredAt: string;
  data: Record<string, unknown>;
};

/**
 * The external CRM connector (docs/crm.md, docs/adr/0303-crm-connector.md): signed inbound upserts with replay
 * protection, and outbound signed webhooks on conversation events, enqueued in the transaction of the event,
 * delivered with retries and backoff, every attempt kept in the delivery log.
 */
/** A conversation event to send to the subscribed connectors. */
export type CrmWebhookEventToQueue = {
  type: CrmWebhookEvent;
  eventKey: string;
  occurredAt: Date;
  data: Record<string, unknown>;
};

@Injectable()
export class CrmConnectorsService implements OnModuleInit, OnApplicationShutdown {
  private readonly deliveryJob = new PeriodicJob({
    name: 'CrmWebhookDeliveries',
    intervalMs: pollIntervalMs,
    work: () => this.deliverBatch(),
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly connectors: CrmConnectorRepository,
    private readonly sync: CrmSyncService,
    private readonly audit: CrmAuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SECRET_CIPHER) private readonly cipher: SecretCipher,
  ) {}

  onModuleInit(): void {
    this.deliveryJob.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.deliveryJob.stop();
  }

  async create(params: {
    name: string;
    kind: CrmConnectorKind;
    outboundUrl: string | null;
    events: CrmWebhookEvent[];
    actorUserId: string;
  }): Promise<CrmConnectorCreated> {
    // Secrets are sealed at rest (docs/adr/0306) and shown once, in this answer; the id is chosen here because the
    // sealed text is bound to it.
    const id = randomUUID();
    const inboundSecret = newSecret();
    const outboundSecret = newSecret();
    const row = await this.connectors.insert({
      id,
      name: params.name,
      kind: params.kind,
      outboundUrl: params.outboundUrl,
      events: [...new Set(params.events)],
      inboundSecretSealed: this.cipher.encrypt({
        plaintext: inboundSecret,
        associatedData: secretData(id, 'inbound'),
      }),
      outboundSecretSealed: this.cipher.encrypt({
        plaintext: outboundSecret,
        associatedData: secretData(id, 'outbound'),
      }),
    });
    if (!row) {
      throw new DomainError({
        code: 'conflict',
        message: `A connector named ${params.name} already exists.`,
      });
    }
    await this.audit.record(this.dataSource.manager, {
      action: 'connector.created',
      actor: { kind: 'user', userId: params.actorUserId },
      details: { connectorId: row.id, name: row.name, kind: row.kind },
      at: this.clock.now(),
    });
    return { ...row, inboundSecret, outboundSecret };
  }

  async list(): Promise<CrmConnectorView[]> {
    return this.connectors.list();
  }

  async deliveries(connectorId: string): Promise<CrmWebhookDeliveryView[]> {
    await this.activeConnector(connectorId, { isActiveRequired: false });
    return this.connectors.deliveries(connectorId, 200);
  }

  /** The admin's upsert (same rules as the signed webhook, audited under the admin's name). */
  async upsertAsUser(params: { request: CrmUpsertRequest; actorUserId: string }): Promise<CrmUpsertReport> {
    return this.dataSource.transaction((manager) =>
      this.sync.apply(manager, {
        request: params.request,
        actor: { kind: 'user', userId: params.actorUserId },
        source: 'api',
      }),
    );
  }

  /**
   * A signed inbound upsert. 401 for a bad, missing or stale signature (nothing read from the body before);
   * a delivery id seen before answers `isDuplicate` without applying anything again.
   */
  async receive(params: {
    connectorId: string;
    signature: string | undefined;
    deliveryId: string | undefined;
    rawBody: Buffer;
  }): Promise<CrmUpsertReport> {
    const connector = await this.activeConnector(params.connectorId, { isActiveRequired: true });
    const now = this.clock.now();
    const verdict = verifySignature({
      header: params.signature,
      secret: await this.inboundSecret(connector.id),
      body: params.rawBody.toString('utf8'),
      now,
    });
    if (!verdict.isValid) {
      throw new DomainError({
        code: 'unauthenticated',
        message: `Webhook signature refused (${verdict.reason}).`,
        details: { reason: `signature_${verdict.reason}` },
      });
    }
    if (!params.deliveryId || !/^[\w.:-]{8,120}$/.test(params.deliveryId)) {
      throw new DomainError({
        code: 'invalid',
        message:
          'The vigie-delivery header must carry a unique delivery id (8-120 letters, digits, . : _ -).',
      });
    }
    const request = await parseUpsertBody(params.rawBody);
    const deliveryId = params.deliveryId;
    return this.dataSource.transaction(async (manager) => {
      const isFirst = await this.connectors.recordReceipt(manager, {
        connectorId: connector.id,
        deliveryId,
        at: now,
      });
      if (!isFirst) {
        return {
          isDuplicate: true,
          accounts: { created: 0, updated: 0, unchanged: 0 },
          contacts: { created: 0, updated: 0, unchanged: 0 },
          conflicts: [],
        };
      }
      return this.sync.apply(manager, {
        request,
        actor: { kind: 'connector' },
        source: `connector:${connector.name}:${deliveryId}`,
      });
    });
  }

  /**
   * Queues a conversation event for every subscribed connector, inside the caller's transaction: the webhook
   * exists if and only if the event committed. `eventKey` makes it idempotent (retried transactions, replays).
   */
  enqueue(manager: EntityManager, event: CrmWebhookEventToQueue): Promise<number> {
    return this.enqueueMany(manager, [event]);
  }

  /** {@link enqueue} for a whole recorded batch: two statements whatever its size. */
  async enqueueMany(manager: EntityManager, events: readonly CrmWebhookEventToQueue[]): Promise<number> {
    if (events.length === 0) return 0;
    const contactIds = [
      ...new Set(
        events.flatMap((event) =>
          typeof event.data['contactId'] === 'string' ? [event.data['contactId']] : [],
        ),
      ),
    ];
    const crmIds = new Map<string, string[]>();
    if (contactIds.length > 0) {
      const rows = (await manager.query(
        `SELECT contact_id, external_user_id FROM contact_identity
         WHERE contact_id = ANY($1::uuid[]) AND channel = 'crm' ORDER BY created_at`,
        [contactIds],
      )) as { contact_id: string; external_user_id: string }[];
      for (const row of rows)
        crmIds.set(row.contact_id, [...(crmIds.get(row.contact_id) ?? []), row.external_user_id]);
    }
    // Due now by Vigie's clock (occurredAt is the channel's time, which may run ahead of ours).
    const at = this.clock.now();
    return this.connectors.enqueue(
      manager,
      events.map((event) => {
        const contactId = typeof event.data['contactId'] === 'string' ? event.data['contactId'] : null;
        const payload: CrmWebhookPayload = {
          id: event.eventKey,
          type: event.type,
          occurredAt: event.occurredAt.toISOString(),
          data: { ...event.data, crmContactExternalIds: contactId ? (crmIds.get(contactId) ?? []) : [] },
        };
        return { eventType: event.type, eventKey: event.eventKey, payload, at };
      }),
    );
  }

  /** Sends the deliveries that are due; returns how many were attempted. Safe to run from several processes. */
  deliverDue(): Promise<number> {
    return this.deliveryJob.run();
  }

  private async deliverBatch(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.connectors.claimDue({
      now,
      leaseUntil: new Date(now.getTime() + leaseSeconds * 1000),
      limit: deliveryBatchSize,
    });
    // The outbound secret is opened only here, for signing; a secret that no longer opens (VIGIE_SECRET_KEY
    // changed) fails that attempt with a message, never the batch.
    const deliveries = [];
    for (const { sealedSecret, connectorId, ...delivery } of claimed) {
      let secret: string;
      try {
        secret = this.cipher.decrypt({
          stored: sealedSecret,
          associatedData: secretData(connectorId, 'outbound'),
        });
      } catch {
        await this.connectors.recordAttempt({
          id: delivery.id,
          status: 'failed',
          statusCode: null,
          error:
            'The connector secret cannot be opened with this VIGIE_SECRET_KEY: create the connector again.',
          nextAttemptAt: now,
          deliveredAt: null,
        });
        continue;
      }
      deliveries.push({ ...delivery, secret, body: JSON.stringify(delivery.payload) });
    }
    // Signing, the POST and the retry rule are shared with the incident webhooks (`@vigie/server`).
    await sendSignedWebhooks({
      deliveries,
      now: () => this.clock.now(),
      policy: { maxAttempts: maxDeliveryAttempts, delaySeconds: retryDelaySeconds },
      record: (outcome) =>
        this.connectors.recordAttempt({
          ...outcome,
          status: outcome.status === 'given_up' ? 'failed' : outcome.status,
        }),
    });
    return claimed.length;
  }

  /** The connector's inbound secret, opened for one signature check (never kept, never logged). */
  private async inboundSecret(connectorId: string): Promise<string> {
    const sealed = await this.connectors.sealedInboundSecret(connectorId);
    if (sealed === null)
      throw new DomainError({ code: 'not_found', message: `No active CRM connector ${connectorId}.` });
    try {
      return this.cipher.decrypt({ stored: sealed, associatedData: secretData(connectorId, 'inbound') });
    } catch {
      throw new DomainError({
        code: 'unavailable',
        message:
          "This connector's secret cannot be opened with this VIGIE_SECRET_KEY: create the connector again.",
      });
    }
  }

  private async activeConnector(
    id: string,
    options: { isActiveRequired: boolean },
  ): Promise<CrmConnectorView> {
    const connector = await this.connectors.findById(id);
    if (!connector || (options.isActiveRequired && !connector.isActive)) {
      throw new DomainError({ code: 'not_found', message: `No active CRM connector ${id}.` });
    }
    return connector;
  }
}
