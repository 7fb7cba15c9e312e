import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SpikeIncidentView } from '@vigie/contracts';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { DomainEventBus } from '@vigie/server';
import { IncidentWebhookOutbox } from '../webhooks/incident-webhook-outbox';
import { IncidentLinkParticipant } from './incident-link.participant';
import { IncidentLinkRepository } from './incident-link.repository';
import { SpikeIncidentRepository } from './spike-incident.repository';
import { SpikeIncidentsService } from './spike-incidents.service';

/**
 * Ops regroup what the detector gathered (docs/spikes.md, ADR 0404): unlink a conversation that is not about
 * the incident, merge two incidents of one event, split some conversations off into an incident of their own.
 * Each runs in one transaction with the incidents locked (lowest id first when there are two, so two merges
 * the other way round cannot deadlock), queues its webhooks there, and tells the consoles after commit.
 */
@Injectable()
export class IncidentRegroupingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: SpikeIncidentsService,
    private readonly stored: SpikeIncidentRepository,
    private readonly links: IncidentLinkRepository,
    private readonly linker: IncidentLinkParticipant,
    private readonly webhooks: IncidentWebhookOutbox,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Unlinks a conversation from an open incident. It leaves the incident's count and its later bulk answers, and
   * the topic linker does not link it again (ops may link it again by hand). Replies already queued for it
   * still go.
   */
  async unlink(params: { id: string; conversationId: string; userId: string }): Promise<SpikeIncidentView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const incident = await this.incidents.lockOpen(manager, params.id);
      const isUnlinked = await this.links.unlink(manager, {
        incidentId: incident.id,
        conversationId: params.conversationId,
        userId: params.userId,
        at: this.clock.now(),
      });
      if (!isUnlinked)
        throw new DomainError({
          code: 'not_found',
          message: 'This conversation is not linked to the incident.',
          details: { id: params.id, conversationId: params.conversationId, reason: 'not_linked' },
        });
      return this.incidents.viewOf(manager, incident.id);
    });
    this.events.publish('incident.updated', { incident: view });
    return view;
  }

  /**
   * Merges `sourceId` into `targetId` (two alerts of one event). The source's linked conversations move to the
   * target (they get the target's bulk answers meant for newcomers); the source closes as `merged` with a
   * pointer to the target, and later bulk answers are written on the target, which reaches them all. Both must
   * be open incidents of the same brand.
   */
  async merge(params: { targetId: string; sourceId: string; userId: string }): Promise<SpikeIncidentView> {
    const { targetId, sourceId, userId } = params;
    if (targetId === sourceId)
      throw new DomainError({
        code: 'invalid',
        message: 'An incident cannot be merged into itself.',
        details: { reason: 'same_incident' },
      });
    const result = await this.dataSource.transaction(async (manager) => {
      const [first, second] = [targetId, sourceId].sort();
      const locked = new Map([
        [first, await this.incidents.lockOpen(manager, first)],
        [second, await this.incidents.lockOpen(manager, second)],
      ]);
      const target = locked.get(targetId);
      const source = locked.get(sourceId);
      if (!target || !source) throw new Error('merge: a locked incident is missing');
      if (target.brandId !== source.brandId)
        throw new DomainError({
          code: 'invalid',
          message: 'Only incidents of the same brand can be merged.',
          details: { reason: 'other_brand' },
        });
      const at = this.clock.now();
      const moved = await this.links.move(manager, {
        fromId: source.id,
        toId: target.id,
        conversationIds: null,
      });
      await this.linker.answerNewcomers(manager, { incidentId: target.id, conversationIds: moved });
      await this.stored.closeByHand(manager, {
        id: source.id,
        closure: 'merged',
        userId,
        at,
        mergedIntoId: target.id,
      });
      await this.webhooks.enqueue(manager, { incidentId: source.id, type: 'incident.closed', at });
      return {
        target: await this.incidents.viewOf(manager, target.id),
        source: await this.incidents.viewOf(manager, source.id),
      };
    });
    this.events.publish('incident.closed', { incident: result.source });
    this.events.publish('incident.updated', { incident: result.target });
    return result.target;
  }

  /**
   * Moves some linked conversations of an open incident to a new incident of the same brand, topic and severity,
   * opened by hand (acknowledged by whoever split it). The new incident keeps the parent's first-update SLA as it
   * stands; the detector neither updates nor closes it, and the topic linker adds nothing to it (ops link by
   * hand). Every conversation named must be linked to the parent.
   */
  async split(params: {
    id: string;
    conversationIds: readonly string[];
    userId: string;
  }): Promise<SpikeIncidentView> {
    const conversationIds = [...new Set(params.conversationIds)];
    const views = await this.dataSource.transaction(async (manager) => {
      const parent = await this.incidents.lockOpen(manager, params.id);
      const linked = await this.links.linkedAmong(manager, { incidentId: parent.id, conversationIds });
      const strangers = conversationIds.filter((id) => !linked.has(id));
      if (strangers.length > 0)
        throw new DomainError({
          code: 'invalid',
          message: `${strangers.length} of these conversations are not linked to the incident: ${strangers.slice(0, 5).join(', ')}${strangers.length > 5 ? ', …' : ''}.`,
          details: { reason: 'not_linked', conversationIds: strangers },
        });
      const at = this.clock.now();
      const childId = await this.stored.insertSplit(manager, {
        parentId: parent.id,
        conversationIds,
        userId: params.userId,
        at,
      });
      await this.links.move(manager, { fromId: parent.id, toId: childId, conversationIds });
      await this.webhooks.enqueue(manager, { incidentId: childId, type: 'incident.opened', at });
      return {
        parent: await this.incidents.viewOf(manager, parent.id),
        child: await this.incidents.viewOf(manager, childId),
      };
    });
    this.events.publish('incident.updated', { incident: views.parent });
    this.events.publish('incident.opened', { incident: views.child });
    return views.child;
  }
}
