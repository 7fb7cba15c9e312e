import { parseTweet } from 'twitter-text';
import { assertNever, DomainError } from '@vigie/kernel';
import {
  applyConversationEvent,
  type ConversationState,
  type ConversationStatus,
} from './conversation-rules';

export type ReplyMode = 'public_reply' | 'direct_message';

/** X's limits: 280 weighted characters for a post (URLs count 23, CJK 2), 10,000 characters for a DM. */
export const maxPostWeightedLength = 280;
export const maxDirectMessageLength = 10_000;

export type ReplyTextCheck =
  | { isValid: true; weightedLength: number; maxWeightedLength: number }
  | { isValid: false; reason: 'empty' | 'too_long'; weightedLength: number; maxWeightedLength: number };

/**
 * Measures a reply the way X counts it: twitter-text's weighted length for posts (the same library X's own
 * clients use), code points for DMs. Whitespace-only text is empty.
 */
export function checkReplyText(params: { text: string; mode: ReplyMode }): ReplyTextCheck {
  const isPost = params.mode === 'public_reply';
  const weightedLength = isPost ? parseTweet(params.text).weightedLength : Array.from(params.text).length;
  const maxWeightedLength = isPost ? maxPostWeightedLength : maxDirectMessageLength;
  if (params.text.trim().length === 0)
    return { isValid: false, reason: 'empty', weightedLength, maxWeightedLength };
  if (weightedLength > maxWeightedLength)
    return { isValid: false, reason: 'too_long', weightedLength, maxWeightedLength };
  return { isValid: true, weightedLength, maxWeightedLength };
}

/** The longest an agent may snooze a conversation. */
export const maxSnoozeDays = 90;
const dayMs = 86_400_000;

export type StatusChange =
  | { isAllowed: true; state: ConversationState; snoozedUntil: Date | null; isChanged: boolean }
  | { isAllowed: false; reason: string };

/**
 * An agent's status change. Snoozing needs a wake-up time in the future (at most {@link maxSnoozeDays}); a
 * resolved conversation is reopened before anything else; resolving stops the customer's wait. Asking for
 * the status it already has changes nothing (a double click is not an error).
 */
export function changeStatus(params: {
  state: ConversationState;
  snoozedUntil: Date | null;
  to: ConversationStatus;
  requestedSnoozedUntil: Date | null;
  now: Date;
}): StatusChange {
  const { state, to, now } = params;
  if (to !== 'snoozed' && params.requestedSnoozedUntil)
    return { isAllowed: false, reason: 'snoozedUntil is only for the snoozed status.' };
  if (to === 'snoozed') {
    const until = params.requestedSnoozedUntil;
    if (!until) return { isAllowed: false, reason: 'Snoozing needs snoozedUntil.' };
    if (until.getTime() <= now.getTime())
      return { isAllowed: false, reason: 'snoozedUntil must be in the future.' };
    if (until.getTime() - now.getTime() > maxSnoozeDays * dayMs)
      return { isAllowed: false, reason: `A conversation can be snoozed for at most ${maxSnoozeDays} days.` };
    if (state.status === 'resolved')
      return { isAllowed: false, reason: 'A resolved conversation must be reopened before it is snoozed.' };
    const isChanged = state.status !== 'snoozed' || params.snoozedUntil?.getTime() !== until.getTime();
    return {
      isAllowed: true,
      state: applyConversationEvent(state, { kind: 'snoozed' }),
      snoozedUntil: until,
      isChanged,
    };
  }
  if (state.status === to) return { isAllowed: true, state, snoozedUntil: null, isChanged: false };
  const reopened = state.status === 'resolved' ? applyConversationEvent(state, { kind: 'reopened' }) : state;
  switch (to) {
    case 'open':
      return { isAllowed: true, state: { ...reopened, status: 'open' }, snoozedUntil: null, isChanged: true };
    case 'pending':
      return {
        isAllowed: true,
        state: applyConversationEvent(reopened, { kind: 'marked_pending' }),
        snoozedUntil: null,
        isChanged: true,
      };
    case 'resolved':
      return {
        isAllowed: true,
        state: applyConversationEvent(state, { kind: 'resolved', at: now }),
        snoozedUntil: null,
        isChanged: true,
      };
    default:
      return assertNever(to);
  }
}

/** A snoozed conversation whose time has come wakes up open; the customer's wait (if any) carries on. */
export function isSnoozeOver(params: {
  status: ConversationStatus;
  snoozedUntil: Date | null;
  now: Date;
}): boolean {
  return params.status === 'snoozed' && params.snoozedUntil !== null && params.snoozedUntil <= params.now;
}

export const maxTags = 20;
const tagPattern = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,39}$/u;

/**
 * Tags as stored: trimmed, lower-cased, de-duplicated, in the order given. Raises `invalid` for a malformed
 * tag (1 to 40 letters, digits, `_` or `-`, starting with a letter or digit) or more than {@link maxTags}.
 */
export function normaliseTags(tags: string[]): string[] {
  const normalised = [...new Set(tags.map((tag) => tag.trim().toLowerCase()))];
  const bad = normalised.filter((tag) => !tagPattern.test(tag));
  if (bad.length > 0)
    throw new DomainError({
      code: 'invalid',
      message: `Tags are 1 to 40 letters, digits, _ or -, starting with a letter or digit: ${bad.map((tag) => JSON.stringify(tag)).join(', ')} is not.`,
    });
  if (normalised.length > maxTags)
    throw new DomainError({ code: 'invalid', message: `A conversation has at most ${maxTags} tags.` });
  return normalised;
}
