import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SpikeWebhookDeliveryView, SpikeWebhookEvent, SpikeWebhookView } from '@vigie/contracts';
import { returnedRows } from '../sql-rows';

/** A webhook with its encrypted secret (never leaves the server). */
export type StoredIncidentWebhook = SpikeWebhookView & { secretCiphertext: string };

type RawWebhook = {
  id: string;
  brand_id: string;
  name: string;
  url: string;
  events: SpikeWebhookEvent[];
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
  secret_ciphertext: string;
};

const webhookColumns =
  'id, brand_id, name, url, events, is_active, created_at, updated_at, secret_ciphertext';

const toWebhook = (row: RawWebhook): StoredIncidentWebhook => ({
  id: row.id,
  brandId: row.brand_id,
  name: row.name,
  url: row.url,
  events: row.events,
  isActive: row.is_active,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
  secretCiphertext: row.secret_ciphertext,
});

/** A delivery claimed for one attempt, with its webhook's URL and encrypted secret. */
export type ClaimedIncidentDelivery = {
  id: string;
  webhookId: string;
  eventType: SpikeWebhookEvent;
  payload: unknown;
  attempts: number;
  url: string;
  secretCiphertext: string;
};

/** SQL of `incident_webhook` and `incident_webhook_delivery` (docs/spikes.md, ADR 0403). */
@Injectable()
export class IncidentWebhookRepository {
  async insert(
    manager: EntityManager,
    params: {
      id: string;
      brandId: string;
      name: string;
      url: string;
      secretCiphertext: string;
      events: readonly SpikeWebhookEvent[];
      userId: string;
      at: Date;
    },
  ): Promise<StoredIncidentWebhook | null> {
    const rows: RawWebhook[] = await manager.query(
      `INSERT INTO incident_webhook (id, brand_id, name, url, secret_ciphertext, events, created_by_user_id,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (brand_id, name) DO NOTHING
       RETURNING ${webhookColumns}`,
      [
        params.id,
        params.brandId,
        params.name,
        params.url,
        params.secretCiphertext,
        params.events,
        params.userId,
        params.at,
      ],
    );
    return rows[0] ? toWebhook(rows[0]) : null;
  }

  async byId(manager: EntityManager, id: string): Promise<StoredIncidentWebhook | null> {
    const rows: RawWebhook[] = await manager.query(
      `SELECT ${webhookColumns} FROM incident_webhook WHERE id = $1`,
      [id],
    );
    return rows[0] ? toWebhook(rows[0]) : null;
  }

  async ofBrand(manager: EntityManager, brandId: string): Promise<StoredIncidentWebhook[]> {
    const rows: RawWebhook[] = await manager.query(
      `SELECT ${webhookColumns} FROM incident_webhook WHERE brand_id = $1 ORDER BY name`,
      [brandId],
    );
    return rows.map(toWebhook);
  }

  async update(
    manager: EntityManager,
    params: {
      id: string;
      url?: string;
      secretCiphertext?: string;
      events?: readonly SpikeWebhookEvent[];
      isActive?: boolean;
      at: Date;
    },
  ): Promise<StoredIncidentWebhook | null> {
    const result: RawWebhook[] | [RawWebhook[], number] = await manager.query(
      `UPDATE incident_webhook SET url = coalesce($2, url), secret_ciphertext = coalesce($3, secret_ciphertext),
         events = coalesce($4, events), is_active = coalesce($5, is_active), updated_at = $6
       WHERE id = $1 RETURNING ${webhookColumns}`,
      [
        params.id,
        params.url ?? null,
        params.secretCiphertext ?? null,
        params.events ?? null,
        params.isActive ?? null,
        params.at,
      ],
    );
    const [row] = returnedRows(result);
    return row ? toWebhook(row) : null;
  }

  async remove(manager: EntityManager, id: string): Promise<boolean> {
    const result: unknown[] | [unknown[], number] = await manager.query(
      `DELETE FROM incident_webhook WHERE id = $1 RETURNING id`,
      [id],
    );
    return returnedRows(result).length > 0;
  }

  /** True when the brand exists. */
  async isBrand(manager: EntityManager, brandId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM brand WHERE id = $1`, [brandId]);
    return rows.length > 0;
  }

  /**
   * One pending delivery per active webhook of the brand that listens to the event, in the caller's transaction;
   * the same event key twice for one webhook is queued once. Returns how many were queued.
   */
  async enqueue(
    manager: EntityManager,
    params: {
      brandId: string;
      incidentId: string;
      eventType: SpikeWebhookEvent;
      eventKey: string;
      payload: unknown;
      at: Date;
    },
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO incident_webhook_delivery (webhook_id, incident_id, event_key, event_type, payload, status,
         next_attempt_at, created_at)
       SELECT w.id, $2, $4, $3, $5, 'pending', $6, $6 FROM incident_webhook w
       WHERE w.brand_id = $1 AND w.is_active AND $3 = ANY(w.events)
       ON CONFLICT (webhook_id, event_key) DO NOTHING RETURNING id`,
      [
        params.brandId,
        params.incidentId,
        params.eventType,
        params.eventKey,
        JSON.stringify(params.payload),
        params.at,
      ],
    );
    return rows.length;
  }

  /**
   * Claims due deliveries for one attempt: counts the attempt and pushes `next_attempt_at` out by a lease, with
   * `FOR UPDATE SKIP LOCKED`. Two processes never claim one delivery, a delivered one is never claimed again,
   * and a process that dies mid-request leaves it to be retried when the lease runs out.
   */
  async claimDue(
    manager: EntityManager,
    params: { now: Date; leaseUntil: Date; limit: number },
  ): Promise<ClaimedIncidentDelivery[]> {
    type Claimed = {
      id: string;
      webhook_id: string;
      event_type: SpikeWebhookEvent;
      payload: unknown;
      attempts: number;
      url: string;
      secret_ciphertext: string;
      created_at: Date;
    };
    const result: [Claimed[], number] | Claimed[] = await manager.query(
      `UPDATE incident_webhook_delivery d SET attempts = d.attempts + 1, next_attempt_at = $2
       FROM incident_webhook w
       WHERE d.id IN (
         SELECT id FROM incident_webhook_delivery WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
       ) AND w.id = d.webhook_id
       RETURNING d.id, d.webhook_id, d.event_type, d.payload, d.attempts, w.url, w.secret_ciphertext, d.created_at`,
      [params.now, params.leaseUntil, params.limit],
    );
    // UPDATE … RETURNING keeps no order: events go out in the order they happened.
    const rows = returnedRows(result).sort(
      (left, right) =>
        new Date(left.created_at).getTime() - new Date(right.created_at).getTime() ||
        left.id.localeCompare(right.id),
    );
    return rows.map((row) => ({
      id: row.id,
      webhookId: row.webhook_id,
      eventType: row.event_type,
      payload: row.payload,
      attempts: row.attempts,
      url: row.url,
      secretCiphertext: row.secret_ciphertext,
    }));
  }

  async recordAttempt(
    manager: EntityManager,
    params: {
      id: string;
      status: 'pending' | 'delivered' | 'dead';
      statusCode: number | null;
      error: string | null;
      nextAttemptAt: Date;
      deliveredAt: Date | null;
    },
  ): Promise<void> {
    await manager.query(
      `UPDATE incident_webhook_delivery SET status = $2, last_status_code = $3, last_error = $4,
         next_attempt_at = $5, delivered_at = $6 WHERE id = $1`,
      [params.id, params.status, params.statusCode, params.error, params.nextAttemptAt, params.deliveredAt],
    );
  }

  async deliveries(
    manager: EntityManager,
    params: { webhookId: string; limit: number },
  ): Promise<SpikeWebhookDeliveryView[]> {
    const rows: {
      id: string;
      event_type: SpikeWebhookEvent;
      event_key: string;
      incident_id: string | null;
      status: SpikeWebhookDeliveryView['status'];
      attempts: number;
      next_attempt_at: Date;
      last_status_code: number | null;
      last_error: string | null;
      delivered_at: Date | null;
      created_at: Date;
    }[] = await manager.query(
      `SELECT id, event_type, event_key, incident_id, status, attempts, next_attempt_at, last_status_code,
         last_error, delivered_at, created_at
       FROM incident_webhook_delivery WHERE webhook_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [params.webhookId, params.limit],
    );
    return rows.map((row) => ({
      id: row.id,
      eventType: row.event_type,
      eventKey: row.event_key,
      incidentId: row.incident_id,
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: new Date(row.next_attempt_at).toISOString(),
      lastStatusCode: row.last_status_code,
      lastError: row.last_error,
      deliveredAt: row.delivered_at ? new Date(row.delivered_at).toISOString() : null,
      createdAt: new Date(row.created_at).toISOString(),
    }));
  }
}
