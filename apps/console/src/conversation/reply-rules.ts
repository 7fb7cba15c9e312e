import { type MessageView, type ReplyMode } from '@vigie/contracts';
// twitter-text's ESM build has only a default export (its CJS build, used by jest, has named ones).
import twitterText from 'twitter-text';
import { type RequestFailure } from '../shared/http';

/** X's limits: 280 weighted characters for a post (twitter-text weighs URLs, emoji, CJK), 10,000 for a DM. */
export const maxDirectMessageLength = 10_000;
export const maxPostWeightedLength = 280;

export type ReplyLength = { used: number; max: number; isValid: boolean };

/** The length X will count for this text, the way X counts it (the API checks with the same library). */
export function replyLength(text: string, mode: ReplyMode): ReplyLength {
  if (mode === 'direct_message') {
    const used = [...text].length;
    return { used, max: maxDirectMessageLength, isValid: used > 0 && used <= maxDirectMessageLength };
  }
  const parsed = twitterText.parseTweet(text);
  return {
    used: parsed.weightedLength,
    max: maxPostWeightedLength,
    isValid: text.trim().length > 0 && parsed.valid,
  };
}

/** Whether another agent's reply in this conversation is still on its way to X (then sending waits). */
export function replyInFlightByOther(
  messages: readonly MessageView[],
  selfUserId: string,
): MessageView | null {
  return (
    messages.find(
      (message) =>
        message.direction === 'outbound' &&
        message.deliveryStatus === 'pending' &&
        message.authorUserId !== null &&
        message.authorUserId !== selfUserId,
    ) ?? null
  );
}

/** The last message of the thread as the agent sees it, sent back so the API can stop a stale reply. */
export function lastMessageId(messages: readonly MessageView[]): string | undefined {
  return messages[messages.length - 1]?.id;
}

export type ReplyErrorKey =
  | 'conversation.reply.errors.conversationChanged'
  | 'conversation.reply.errors.tooLong'
  | 'conversation.reply.errors.inFlight'
  | 'conversation.reply.errors.forbidden'
  | 'conversation.reply.errors.network'
  | 'conversation.reply.errors.unexpected';

/** What to tell the agent when the API refused a reply. */
export function replyErrorKey(failure: RequestFailure): ReplyErrorKey {
  if (failure.kind === 'network') return 'conversation.reply.errors.network';
  if (failure.status === 409 && failure.body?.code === 'conversation_changed')
    return 'conversation.reply.errors.conversationChanged';
  if (failure.status === 409) return 'conversation.reply.errors.inFlight';
  if (failure.status === 422) return 'conversation.reply.errors.tooLong';
  if (failure.status === 403) return 'conversation.reply.errors.forbidden';
  return 'conversation.reply.errors.unexpected';
}

/** Drafts are per user and conversation, so a shared computer never shows one agent's draft to another. */
export function draftKey(userId: string, conversationId: string): string {
  return `vigie.draft.${userId}.${conversationId}`;
}

export type StoredDraft = { text: string; mode: ReplyMode };

export function readDraft(storage: Pick<Storage, 'getItem'>, key: string): StoredDraft | null {
  try {
    const value: unknown = JSON.parse(storage.getItem(key) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const candidate = value as Record<string, unknown>;
    if (typeof candidate['text'] !== 'string') return null;
    const mode = candidate['mode'] === 'direct_message' ? 'direct_message' : 'public_reply';
    return { text: candidate['text'], mode };
  } catch {
    return null;
  }
}

export function writeDraft(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  key: string,
  draft: StoredDraft,
): void {
  try {
    if (draft.text === '') storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(draft));
  } catch {
    // A full or disabled storage loses the draft on reload, nothing worse.
  }
}
