import type { ChannelAuthor, MessageKind } from '@vigie/inbox-core';
import type { AccountRef, NormaliseOutcome } from '../normalise-outcome.type';
import {
  isObject,
  type JsonObject,
  languageOf,
  optionalId,
  PayloadProblem,
  requireDate,
  requireId,
  requireObject,
  requireString,
} from './payload-reader';
import { isPassingMention, normaliseXPage, orDeadLetter, xItem } from './x-item';
import { publicThreadKey } from './x-thread-key';

/** What a v2 post is to the account. */
export type XPostClass = MessageKind;

type ReferencedPost = { type: string; id: string };

function referencedPosts(post: JsonObject): ReferencedPost[] {
  const value = post['referenced_tweets'];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new PayloadProblem('invalid_field:referenced_tweets');
  return value.map((entry) => {
    const reference = requireObject(entry, 'referenced_tweets');
    return { type: requireString(reference, 'type'), id: requireId(reference, 'id') };
  });
}

/**
 * Classifies a v2 post for the account. A retweet is stored for search but triage makes it wait for nothing;
 * the account's own post is an answer; a quote and a reply are kept apart from a plain mention.
 */
export function classifyXPost(params: {
  authorId: string;
  references: ReferencedPost[];
  account: AccountRef;
}): XPostClass {
  const types = new Set(params.references.map((reference) => reference.type));
  if (types.has('retweeted')) return 'retweet';
  if (params.authorId === params.account.externalUserId) return 'own_post';
  if (types.has('quoted')) return 'quote';
  if (types.has('replied_to')) return 'reply';
  return 'mention';
}

/** A v2 user object (from `includes.users`) as a channel author; absent fields stay null. */
export function authorFromV2User(userId: string, users: unknown, language: string | null): ChannelAuthor {
  const user = Array.isArray(users)
    ? users.find((candidate): candidate is JsonObject => isObject(candidate) && candidate['id'] === userId)
    : undefined;
  const metrics = user && isObject(user['public_metrics']) ? user['public_metrics'] : undefined;
  return {
    externalUserId: userId,
    handle: typeof user?.['username'] === 'string' ? user['username'] : null,
    displayName: typeof user?.['name'] === 'string' ? user['name'] : null,
    followersCount: typeof metrics?.['followers_count'] === 'number' ? metrics['followers_count'] : null,
    isVerified: user?.['verified'] === true,
    language,
  };
}

/**
 * Normalises one v2 post (with the envelope's `includes`) into an inbound message for the account.
 * @param raw what is stored as the message's raw payload (the stream message, or the post and its includes).
 */
export function normaliseXPost(params: {
  post: unknown;
  includes: unknown;
  account: AccountRef;
  raw: unknown;
}): NormaliseOutcome {
  return orDeadLetter(params.raw, () => {
    const post = requireObject(params.post, 'data');
    const id = requireId(post, 'id');
    const text = requireString(post, 'text');
    const authorId = requireId(post, 'author_id');
    const sentAt = requireDate(post, 'created_at');
    const rootPostId = requireId(post, 'conversation_id');
    const references = referencedPosts(post);
    const kind = classifyXPost({ authorId, references, account: params.account });
    const inReplyTo = references.find((reference) => reference.type === 'replied_to')?.id ?? null;
    const isFromAccount = kind === 'own_post';
    // The brand's post belongs to the thread of the customer it answers; a post answering nobody is a broadcast.
    const customerUserId = isFromAccount ? optionalId(post, 'in_reply_to_user_id') : authorId;
    if (customerUserId === null || customerUserId === params.account.externalUserId) {
      return { outcome: 'skipped', reason: 'own_broadcast', externalId: id };
    }
    const language = languageOf(post['lang']);
    const includes = isObject(params.includes) ? params.includes : {};
    return xItem(params.account, {
      externalId: id,
      kind,
      conversationKind: 'public_thread',
      threadKey: publicThreadKey({ rootPostId, customerUserId }),
      isThreadKeyExact: true,
      text,
      language,
      sentAt,
      inReplyToExternalId: inReplyTo,
      author: authorFromV2User(authorId, includes['users'], language),
      isFromAccount,
      isPassingMention:
        kind === 'reply' &&
        isPassingMention({
          text,
          account: params.account,
          authorId: authorId,
          repliesToUserId: optionalId(post, 'in_reply_to_user_id'),
        }),
      raw: params.raw,
    });
  });
}

/** One filtered-stream message `{data, includes, matching_rules}`. */
export function normaliseXStreamMessage(message: unknown, account: AccountRef): NormaliseOutcome {
  if (!isObject(message)) return { outcome: 'dead_letter', reason: 'invalid_field:message', raw: message };
  return normaliseXPost({ post: message['data'], includes: message['includes'], account, raw: message });
}

/** A timeline or search page `{data: [...], includes, meta}`: one outcome per post. */
export function normaliseXPostPage(page: unknown, account: AccountRef): NormaliseOutcome[] {
  return normaliseXPage({
    page,
    authorField: 'author_id',
    normalise: ({ entry, includes, raw }) => normaliseXPost({ post: entry, includes, account, raw }),
  });
}
