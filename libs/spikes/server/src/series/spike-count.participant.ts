import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ConversationActivity, type ConversationParticipant } from '@vigie/inbox-server';
import { ALL_MENTIONS_TOPIC, topicsOfPost } from '@vigie/spikes-core';
import { type SpikeBucketCount, SpikeSeriesRepository } from './spike-series.repository';

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
    // A batch of posts lands in a few buckets: add them up first, then one statement for them all.
    const counts = new Map<string, SpikeBucketCount>();
    for (const activity of activities) {
      if (activity.kind !== 'customer_wrote') continue;
      const bucketAt = new Date(Math.floor(activity.at.getTime() / MINUTE_MS) * MINUTE_MS);
      for (const topic of [ALL_MENTIONS_TOPIC, ...topicsOfPost({ text: activity.text })]) {
        const key = `${activity.brandId}|${topic}|${bucketAt.getTime()}`;
        const entry = counts.get(key) ?? { brandId: activity.brandId, topic, bucketAt, mentionCount: 0 };
        entry.mentionCount += 1;
        counts.set(key, entry);
      }
    }
    await this.series.countMentions(manager, [...counts.values()]);
  }
}
