import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SpikeWebhookEvent } from '@vigie/contracts';
import { SpikeIncidentRepository } from '../incidents/spike-incident.repository';
import { webhookEventKey, webhookPayload } from './incident-webhook-payload';
import { IncidentWebhookRepository } from './incident-webhook.repository';

/**
 * Queues an incident event for the brand's webhooks inside the transaction that changed the incident: the
 * delivery exists exactly when the change committed, and is sent later by `IncidentWebhookDeliverer`.
 */
@Injectable()
export class IncidentWebhookOutbox {
  constructor(
    private readonly incidents: SpikeIncidentRepository,
    private readonly webhooks: IncidentWebhookRepository,
  ) {}

  /** The incident is read as the transaction sees it now, so the payload tells the change just made. */
  async enqueue(
    manager: EntityManager,
    params: { incidentId: string; type: SpikeWebhookEvent; at: Date },
  ): Promise<number> {
    const [incident] = await this.incidents.byIds(manager, [params.incidentId]);
    if (!incident) return 0;
    const eventKey = webhookEventKey({ type: params.type, incident });
    return this.webhooks.enqueue(manager, {
      brandId: incident.brandId,
      incidentId: incident.id,
      eventType: params.type,
      eventKey,
      payload: webhookPayload({ eventKey, type: params.type, occurredAt: params.at, incident }),
      at: params.at,
    });
  }
}
