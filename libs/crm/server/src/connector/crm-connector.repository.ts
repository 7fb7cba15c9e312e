import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  CrmConnectorKind,
  CrmConnectorView,
  CrmWebhookDeliveryView,
  CrmWebhookEvent,
} from '@vigie/contracts';

type RawConnector = {
  id: string;
  name: string;
  kind: CrmConnectorKind;
  outbound_url: string | null;
  events: CrmWebhookEvent[];
  is_active: boolean;
  created_at: Date;
};

const toConnector = (raw: RawConnector): CrmConnectorView => ({
  id: raw.id,
  name: raw.name,
  kind: raw.kind,
  outboundUrl: raw.outbound_url,
  events: raw.events,
  isActive: raw.is_active,
  createdAt: raw.created_at.toISOString(),
});

type RawDelivery = {
  id: string;
  event_type: CrmWebhookEvent;
  event_key: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
};

const toDelivery = (raw: RawDelivery): CrmWebhookDeliveryView => ({
  id: raw.id,
  eventType: raw.event_type,
  eventKey: raw.event_key,
  status: raw.status,
  attempts: raw.attempts,
  nextAttemptAt: raw.next_attempt_at.toISOString(),
  lastStatusCode: raw.last_status_code,
  lastError: raw.last_error,
  deliveredAt: raw.delivered_at?.toISOString() ?? null,
  createdAt: raw.created_at.toISOString(),
});

// Secrets are never part of a connector's columns: only the two reads that need one select it, still sealed.
const connectorColumns = 'id, name, kind, outbound_url, events, is_active, created_at';

/** A delivery claimed for one attempt, with what is needed to send it (the secret still sealed). */
export type ClaimedDelivery = {
  id: string;
  connectorId: string;
  eventType: CrmWebhookEvent;
  payload: unknown;
  attempts: number;
  url: string;
  sealedSecret: string;
};

/** SQL for connectors, inbound receipts (replay protection) and the outbound delivery log. */
@Injectable()
export class CrmConnectorRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts a connector whose secrets the service has already sealed (under the id it chose). */
  async insert(params: {
    id: string;
    name: string;
    kind: CrmConnectorKind;
    outboundUrl: string | null;
    events: CrmWebhookEvent[];
    inboundSecretSealed: string;
    outboundSecretSealed: string;
  }): Promise<CrmConnectorView | null> {
    const rows = (await this.dataSource.query(
      `INSERT INTO crm_connector (id, name, kind, outbound_url, events, inbound_secret_sealed, outbound_secret_sealed)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING RETURNING ${connectorColumns}`,
      [
        params.id,
        params.name,
        params.kind,
        params.outboundUrl,
        params.events,
        params.inboundSecretSealed,
        params.outboundSecretSealed,
      ],
    )) as RawConnector[];
    return rows[0] ? toConnector(rows[0]) : null;
  }

  async findById(id: string): Promise<CrmConnectorView | null> {
    const rows = (await this.dataSource.query(`SELECT ${connectorColumns} FROM crm_connector WHERE id = $1`, [
      id,
    ])) as RawConnector[];
    return rows[0] ? toConnector(rows[0]) : null;
  }

  /** The connector's inbound secret, still sealed (the signed webhook opens it to check a signature). */
  async sealedInboundSecret(id: string): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT inbound_secret_sealed FROM crm_connector WHERE id = $1`,
      [id],
    )) as { inbound_secret_sealed: string }[];
    return rows[0]?.inbound_secret_sealed ?? null;
  }

  async list(): Promise<CrmConnectorView[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${connectorColumns} FROM crm_connector ORDER BY name`,
    )) as RawConnector[];
    return rows.map(toConnector);
  }

  /** True the first time a delivery id is seen for this connector (the insert and the upsert commit together). */
  async recordReceipt(
    manager: EntityManager,
    params: { connectorId: string; deliveryId: string; at: Date },
  ): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO crm_inbound_receipt (connector_id, delivery_id, received_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING delivery_id`,
      [params.connectorId, params.deliveryId, params.at],
    )) as unknown[];
    return rows.length === 1;
  }

  /**
   * One pending delivery per event and subscribed active connector, in the events' order; the same event key
   * twice is enqueued once.
   */
  async enqueue(
    manager: EntityManager,
    events: { eventType: CrmWebhookEvent; eventKey: string; payload: unknown; at: Date }[],
  ): Promise<number> {
    if (events.length === 0) return 0;
    // One JSON parameter: pg would escape each payload of a jsonb[] by hand, JSON.stringify is native.
    const result = (await manager.query(
      `INSERT INTO crm_webhook_delivery (connector_id, event_key, event_type, payload, status, next_attempt_at, created_at)
       SELECT c.id, e.event_key, e.event_type, e.payload, 'pending', e.at, e.at
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (event_type text, event_key text, payload jsonb, at timestamptz))
         WITH ORDINALITY AS e(event_type, event_key, payload, at, position)
       JOIN crm_connector c ON c.is_active AND c.outbound_url IS NOT NULL AND e.event_type = ANY(c.events)
       ORDER BY e.position
       ON CONFLICT (connector_id, event_key) DO NOTHING RETURNING id`,
      [
        JSON.stringify(
          events.map((event) => ({
            event_type: event.eventType,
            event_key: event.eventKey,
            payload: event.payload,
            at: event.at,
          })),
        ),
      ],
    )) as unknown[];
    return result.length;
  }

  /**
   * Claims due deliveries for one attempt: counts the attempt and pushes `next_attempt_at` out by a lease, so a
   * process that dies mid-request leaves the delivery to be retried, and two processes never send it at once.
   */
  async claimDue(params: { now: Date; leaseUntil: Date; limit: number }): Promise<ClaimedDelivery[]> {
    const rows = (await this.dataSource.query(
      `UPDATE crm_webhook_delivery d SET attempts = d.attempts + 1, next_attempt_at = $2
       FROM crm_connector c
       WHERE d.id IN (
         SELECT id FROM crm_webhook_delivery WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
       ) AND c.id = d.connector_id
       RETURNING d.id, d.connector_id, d.event_type, d.payload, d.attempts, c.outbound_url, c.outbound_secret_sealed`,
      [params.now, params.leaseUntil, params.limit],
    )) as [
      {
        id: string;
        connector_id: string;
        event_type: CrmWebhookEvent;
        payload: unknown;
        attempts: number;
        outbound_url: string | null;
        outbound_secret_sealed: string;
      }[],
      number,
    ];
    return rows[0].map((row) => ({
      id: row.id,
      connectorId: row.connector_id,
      eventType: row.event_type,
      payload: row.payload,
      attempts: row.attempts,
      url: row.outbound_url ?? '',
      sealedSecret: row.outbound_secret_sealed,
    }));
  }

  async recordAttempt(params: {
    id: string;
    status: 'pending' | 'delivered' | 'failed';
    statusCode: number | null;
    error: string | null;
    nextAttemptAt: Date;
    deliveredAt: Date | null;
  }): Promise<void> {
    await this.dataSource.query(
      `UPDATE crm_webhook_delivery SET status = $2, last_status_code = $3, last_error = $4, next_attempt_at = $5,
         delivered_at = $6 WHERE id = $1`,
      [params.id, params.status, params.statusCode, params.error, params.nextAttemptAt, params.deliveredAt],
    );
  }

  async deliveries(connectorId: string, limit: number): Promise<CrmWebhookDeliveryView[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, event_type, event_key, status, attempts, next_attempt_at, last_status_code, last_error,
         delivered_at, created_at
       FROM crm_webhook_delivery WHERE connector_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [connectorId, limit],
    )) as RawDelivery[];
    return rows.map(toDelivery);
  }
}
