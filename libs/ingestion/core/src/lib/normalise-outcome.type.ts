import type { InboundMessage } from '@vigie/inbox-core';

/** Why an item is not stored: it carries no conversation (a retweet, the brand's own broadcast). */
export type SkipReason = 'retweet' | 'own_broadcast';

/**
 * What normalising one channel item gives: an inbound message, a deliberate skip (counted, not stored), or
 * a dead letter (malformed: stored apart with its reason and raw payload; ingestion carries on).
 */
export type NormaliseOutcome =
  | { outcome: 'item'; item: InboundMessage }
  | { outcome: 'skipped'; reason: SkipReason; externalId: string }
  | { outcome: 'dead_letter'; reason: string; raw: unknown };

/** The connected account an item is normalised for. */
export type AccountRef = { brandId: string; channelAccountId: string; externalUserId: string };
