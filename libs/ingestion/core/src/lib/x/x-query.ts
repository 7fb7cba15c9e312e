/**
 * The filtered-stream rule (and the backfill search query) of an account: posts mentioning it, and its own
 * posts (its answers made directly on X). Retweets are let through and skipped at normalisation, so they are
 * counted rather than silently absent.
 */
export function accountRuleValue(handle: string): string {
  return `@${handle} OR from:${handle}`;
}

/** The rule tag that ties stream matches to the account (X echoes it in `matching_rules`). */
export function accountRuleTag(channelAccountId: string): string {
  return `vigie:${channelAccountId}`;
}

/** Snowflake ids compare as numbers: longer is larger, then lexicographic. */
export function compareSnowflakes(left: string, right: string): number {
  if (left.length !== right.length) return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function newestSnowflake(ids: (string | null | undefined)[]): string | null {
  let newest: string | null = null;
  for (const id of ids) if (id && (newest === null || compareSnowflakes(id, newest) > 0)) newest = id;
  return newest;
}
