import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ConversationActivity, type ConversationParticipant } from '@vigie/inbox-server';
import { ALL_MENTIONS_TOPIC, topicsOfPost } from '@vigie/spikes-core';
import { SpikeSeriesRepository } from './spike-series.repository';

const MINUTE_MS = 60_000;

/**
 * Counts every customer post into the per-minute buckets of its brand and of the topics it belongs to, inside
 * the inbox's own transaction: a post is counted exactly when it is stored, and a crash loses neither.
 */
@Injectable()
export class SpikeCountParticipant implements ConversationParticipant {
  readonly name = 'spikes';

  constructor(private readonly series: SpikeSeriesRepository) {}

  async onActivity(manager: EntityManager, activities: readonly ConversationActivity[]): Promise<void> {
    // A batch of posts lands in a few buckets: add them up first, one upsert per bucket and series.
    const counts = new Map<
      string,
      { brandId: string; topics: string[]; bucketAt: Date; mentionCount: number }
    >();
    for (const activity of activities) {
      if (activity.kind !== 'customer_wrote') continue;
      const bucketAt = new Date(Math.floor(activity.at.getTime() / MINUTE_MS) * MINUTE_MS);
      const topics = [ALL_MENTIONS_TOPIC, ...topicsOfPost({ text: activity.text })];
      const key = `${activity.brandId}|${bucketAt.getTime()}|${topics.join(',')}`;
      const entry = counts.get(key) ?? { brandId: activity.brandId, topics, bucketAt, mentionCount: 0 };
      entry.mentionCount += 1;
      counts.set(key, entry);
    }
    for (const entry of counts.values()) await this.series.countMentions(manager, entry);
  }
}
