import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  SpikeIncidentList,
  SpikeIncidentStatus,
  SpikeIncidentView,
  SpikeLinkedConversationPage,
  SpikeWebhookEvent,
} from '@vigie/contracts';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { DomainEventBus } from '@vigie/server';
import { IncidentWebhookOutbox } from '../webhooks/incident-webhook-outbox';
import { IncidentLinkParticipant } from './incident-link.participant';
import { IncidentLinkRepository } from './incident-link.repository';
import { type LockedSpikeIncident, SpikeIncidentRepository } from './spike-incident.repository';
import { SpikeIncidentViews } from './spike-incident-views';

/** What ops may do to an incident by hand. */
export type IncidentAction = 'acknowledge' | 'resolve' | 'false_alarm';

const webhookEventOf: Record<IncidentAction, SpikeWebhookEvent> = {
  acknowledge: 'incident.acknowledged',
  resolve: 'incident.resolved',
  false_alarm: 'incident.false_alarm',
};

/** Incidents for ops: reads, and the hand actions (the scanner opens, updates and closes them on volume). */
@Injectable()
export class SpikeIncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: SpikeIncidentRepository,
    private readonly views: SpikeIncidentViews,
    private readonly links: IncidentLinkRepository,
    private readonly linker: IncidentLinkParticipant,
    private readonly webhooks: IncidentWebhookOutbox,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(params: { status: SpikeIncidentStatus | null; limit: number }): Promise<SpikeIncidentList> {
    return { incidents: await this.views.list(this.dataSource.manager, params) };
  }

  async get(id: string): Promise<SpikeIncidentView> {
    return this.viewOf(this.dataSource.manager, id);
  }

  async linkedConversations(params: {
    id: string;
    limit: number;
    offset: number;
  }): Promise<SpikeLinkedConversationPage> {
    const incident = await this.viewOf(this.dataSource.manager, params.id);
    return {
      total: incident.linkedConversationCount,
      conversations: await this.links.page(this.dataSource.manager, {
        incidentId: params.id,
        limit: params.limit,
        offset: params.offset,
      }),
    };
  }

  /**
   * Acknowledging records who first took the incident on (a second acknowledgement keeps the first); resolving
   * and marking a false alarm close it by hand, for good (the detector opens a new incident if volume rises
   * again after its alert ends). A closed incident refuses all three (409). Each change is queued for the brand's
   * incident webhooks in the same transaction.
   */
  async act(params: { id: string; action: IncidentAction; userId: string }): Promise<SpikeIncidentView> {
    const { id, action, userId } = params;
    const result = await this.dataSource.transaction(async (manager) => {
      const incident = await this.lockOpen(manager, id);
      const at = this.clock.now();
      if (action === 'acknowledge') {
        const current = await this.viewOf(manager, id);
        if (current.acknowledgedAt) return { view: current, isChanged: false };
        await this.incidents.acknowledge(manager, { id: incident.id, userId, at });
      } else
        await this.incidents.closeByHand(manager, {
          id: incident.id,
          closure: action === 'resolve' ? 'resolved' : 'false_alarm',
          userId,
          at,
        });
      await this.webhooks.enqueue(manager, { incidentId: incident.id, type: webhookEventOf[action], at });
      return { view: await this.viewOf(manager, id), isChanged: true };
    });
    if (result.isChanged)
      this.events.publish(action === 'acknowledge' ? 'incident.updated' : 'incident.closed', {
        incident: result.view,
      });
    return result.view;
  }

  /**
   * Links a conversation of the incident's brand by hand (an open incident only; linking it again changes
   * nothing, and one ops unlinked is linked again). It gets the incident's bulk answers meant for newcomers, like a
   * conversation linked by topic.
   */
  async linkByHand(params: { id: string; conversationId: string }): Promise<SpikeIncidentView> {
    const result = await this.dataSource.transaction(async (manager) => {
      const incident = await this.lockOpen(manager, params.id);
      const brandId = await this.links.brandOfConversation(manager, params.conversationId);
      if (!brandId)
        throw new DomainError({
          code: 'not_found',
          message: 'Conversation not found',
          details: { conversationId: params.conversationId },
        });
      if (brandId !== incident.brandId)
        throw new DomainError({
          code: 'invalid',
          message: 'This conversation belongs to another brand than the incident.',
          details: { reason: 'other_brand' },
        });
      const linked = await this.linker.linkAndAnswer(manager, {
        incidentId: incident.id,
        conversationIds: [params.conversationId],
        at: this.clock.now(),
        isRelinking: true,
      });
      return { view: await this.viewOf(manager, incident.id), isChanged: linked.length > 0 };
    });
    if (result.isChanged) this.events.publish('incident.updated', { incident: result.view });
    return result.view;
  }

  /** The incident, locked, when it is still open; 404 or 409 otherwise. */
  async lockOpen(manager: EntityManager, id: string): Promise<LockedSpikeIncident> {
    const incident = await this.incidents.lock(manager, id);
    if (!incident)
      throw new DomainError({ code: 'not_found', message: 'Incident not found', details: { id } });
    if (incident.status !== 'open')
      throw new DomainError({
        code: 'conflict',
        message:
          incident.closure === 'merged'
            ? `This incident is already closed: it was merged into ${incident.mergedIntoId}.`
            : 'This incident is already closed.',
        details: { id, reason: 'incident_closed', mergedIntoId: incident.mergedIntoId },
      });
    return incident;
  }

  async viewOf(manager: EntityManager, id: string): Promise<SpikeIncidentView> {
    const [incident] = await this.views.byIds(manager, [id]);
    if (!incident)
      throw new DomainError({ code: 'not_found', message: 'Incident not found', details: { id } });
    return incident;
  }
}
