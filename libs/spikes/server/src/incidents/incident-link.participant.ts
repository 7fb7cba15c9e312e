import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ConversationActivity, type ConversationParticipant } from '@vigie/inbox-server';
import { ALL_MENTIONS_TOPIC, topicsOfPost } from '@vigie/spikes-core';
import { BulkAnswerSender } from '../bulk-answers/bulk-answer-sender';
import { BulkAnswerRepository } from '../bulk-answers/bulk-answer.repository';
import { IncidentLinkRepository } from './incident-link.repository';
import { INCIDENT_LEAD_MINUTES } from './spike-incident-texts';

const MINUTE_MS = 60_000;

/**
 * Links conversations to the open incidents of their brand as customers write, inside the inbox's own
 * transaction: a post on the incident's topic (any post for a brand-wide incident), written since shortly
 * before the incident started, links its conversation once. A conversation linked this way also gets the
 * incident's bulk answers meant for newcomers, queued in the same transaction.
 */
@Injectable()
export class IncidentLinkParticipant implements ConversationParticipant {
  readonly name = 'spike-incidents';

  constructor(
    private readonly links: IncidentLinkRepository,
    private readonly answers: BulkAnswerRepository,
    private readonly sender: BulkAnswerSender,
  ) {}

  /**
   * Links the conversations to the incident (idempotent; `isRelinking` when ops link one they had unlinked) and
   * queues its newcomer bulk answers for the ones that were not linked yet; returns those.
   */
  async linkAndAnswer(
    manager: EntityManager,
    params: { incidentId: string; conversationIds: readonly string[]; at: Date; isRelinking?: boolean },
  ): Promise<string[]> {
    const linked = await this.links.link(manager, params);
    await this.answerNewcomers(manager, { incidentId: params.incidentId, conversationIds: linked });
    return linked;
  }

  /** Queues the incident's bulk answers meant for newcomers to conversations that just joined it. */
  async answerNewcomers(
    manager: EntityManager,
    params: { incidentId: string; conversationIds: readonly string[] },
  ): Promise<void> {
    if (params.conversationIds.length === 0) return;
    for (const answer of await this.answers.forNewcomers(manager, params.incidentId))
      await this.sender.send(manager, { answer, conversationIds: params.conversationIds });
  }

  async onActivity(manager: EntityManager, activities: readonly ConversationActivity[]): Promise<void> {
    const posts = activities.filter((activity) => activity.kind === 'customer_wrote');
    if (posts.length === 0) return;
    const incidents = await this.links.openIncidentsOf(manager, [
      ...new Set(posts.map((post) => post.brandId)),
    ]);
    for (const incident of incidents) {
      const earliestMs = incident.startedAt.getTime() - INCIDENT_LEAD_MINUTES * MINUTE_MS;
      const matching = posts.filter(
        (post) =>
          post.brandId === incident.brandId &&
          post.at.getTime() >= earliestMs &&
          (incident.topic === ALL_MENTIONS_TOPIC ||
            topicsOfPost({ text: post.text }).includes(incident.topic)),
      );
      if (matching.length === 0) continue;
      await this.linkAndAnswer(manager, {
        incidentId: incident.id,
        conversationIds: matching.map((post) => post.conversationId),
        at: matching[matching.length - 1].at,
      });
    }
  }
}
