import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SpikeRisingTermView, SpikeSampleView } from '@vigie/contracts';
import { ALL_MENTIONS_TOPIC, risingTerms, topicsOfPost } from '@vigie/spikes-core';
import { type BrandPost, SpikeIncidentRepository } from './spike-incident.repository';

const MINUTE_MS = 60_000;
/** Posts from a little before the alert started belong to the burst (the detector needs a few minutes). */
export const INCIDENT_LEAD_MINUTES = 15;
const BASELINE_HOURS = 24;
const RECENT_POST_LIMIT = 500;
const BASELINE_POST_LIMIT = 2000;
const SAMPLE_COUNT = 5;
const SAMPLE_TEXT_LENGTH = 280;
const TERM_COUNT = 10;

/**
 * What an incident is about: the terms that rose in the brand's (or the topic's) posts since shortly before
 * the alert against the day before, the latest posts as samples, and the conversations of the burst's posts.
 * Reads are bounded by time and count.
 */
@Injectable()
export class SpikeIncidentTexts {
  constructor(private readonly incidents: SpikeIncidentRepository) {}

  async describe(
    manager: EntityManager,
    params: { brandId: string; topic: string; startedAt: Date; until: Date },
  ): Promise<{ topTerms: SpikeRisingTermView[]; samples: SpikeSampleView[]; conversationIds: string[] }> {
    const { brandId, topic, startedAt, until } = params;
    const burstFrom = new Date(startedAt.getTime() - INCIDENT_LEAD_MINUTES * MINUTE_MS);
    const isInTopic = (post: BrandPost): boolean =>
      topic === ALL_MENTIONS_TOPIC || topicsOfPost({ text: post.text }).includes(topic);
    const recent = (
      await this.incidents.brandPosts(manager, {
        brandId,
        from: burstFrom,
        to: until,
        limit: RECENT_POST_LIMIT,
      })
    ).filter(isInTopic);
    const baseline = (
      await this.incidents.brandPosts(manager, {
        brandId,
        from: new Date(burstFrom.getTime() - BASELINE_HOURS * 3_600_000),
        to: burstFrom,
        limit: BASELINE_POST_LIMIT,
      })
    ).filter(isInTopic);
    const topTerms = risingTerms({
      recentTexts: recent.map((post) => post.text),
      baselineTexts: baseline.map((post) => post.text),
      limit: TERM_COUNT,
    }).map((term) => ({
      term: term.term,
      recentCount: term.recentCount,
      lift: Math.round(term.lift * 10) / 10,
    }));
    const samples = recent.slice(0, SAMPLE_COUNT).map((post) => ({
      messageId: post.messageId,
      conversationId: post.conversationId,
      text: post.text.slice(0, SAMPLE_TEXT_LENGTH),
      sentAt: post.sentAt.toISOString(),
    }));
    // The burst's conversations so far: the incident starts with them linked (later ones link as they come).
    const conversationIds = [
      ...new Set(recent.flatMap((post) => (post.conversationId ? [post.conversationId] : []))),
    ];
    return { topTerms, samples, conversationIds };
  }
}
