import type { InboundMessage } from '@vigie/inbox-core';

/**
 * Why an item is not stored: it belongs to no customer thread (the brand's own broadcast). Retweets are
 * stored (searchable) and triage keeps them from waiting (docs/adr/0013).
 */
export type SkipReason = 'own_broadcast';

/**
 * What normalising one channel item gives: an inbound message, a deliberate skip (counted, not stored), or
 * a dead letter (malformed: stored apart with its reason and raw payload; ingestion carries on).
 */
export type NormaliseOutcome =
  | { outcome: 'item'; item: InboundMessage }
  | { outcome: 'skipped'; reason: SkipReason; externalId: string }
  | { outcome: 'dead_letter'; reason: string; raw: unknown };

/** The connected account an item is normalised for; `handle` without `@`. */
export type AccountRef = {
  brandId: string;
  channelAccountId: string;
  externalUserId: string;
  handle: string;
};
