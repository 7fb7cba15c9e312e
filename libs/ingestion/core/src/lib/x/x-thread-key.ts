/**
 * Thread keys (docs/adr/0010). A public thread is X's `conversation_id` (the root post) *per customer*: many
 * customers answering one brand post are many conversations, not one. A DM thread is the DM conversation id.
 */
export function publicThreadKey(params: { rootPostId: string; customerUserId: string }): string {
  return `x:thread:${params.rootPostId}:${params.customerUserId}`;
}

export function directMessageThreadKey(dmConversationId: string): string {
  return `x:dm:${dmConversationId}`;
}

/** X names a one-to-one DM conversation `<smaller id>-<larger id>` (ids compared as numbers). */
export function oneToOneDmConversationId(firstUserId: string, secondUserId: string): string {
  const [low, high] =
    BigInt(firstUserId) < BigInt(secondUserId) ? [firstUserId, secondUserId] : [secondUserId, firstUserId];
  return `${low}-${high}`;
}
