import type { ChannelAuthor, MessageKind } from '@vigie/inbox-core';
import type { AccountRef, NormaliseOutcome } from '../normalise-outcome.type';
import {
  isObject,
  type JsonObject,
  languageOf,
  optionalId,
  PayloadProblem,
  requireId,
  requireObject,
  requireString,
} from './payload-reader';
import { isPassingMention, orDeadLetter, xItem } from './x-item';
import { directMessageThreadKey, oneToOneDmConversationId, publicThreadKey } from './x-thread-key';

function legacyAuthor(user: JsonObject, language: string | null): ChannelAuthor {
  return {
    externalUserId: requireId(user, 'id_str'),
    handle: typeof user['screen_name'] === 'string' ? user['screen_name'] : null,
    displayName: typeof user['name'] === 'string' ? user['name'] : null,
    followersCount: typeof user['followers_count'] === 'number' ? user['followers_count'] : null,
    isVerified: user['verified'] === true,
    language,
  };
}

/** v1.1 dates: `timestamp_ms` when present, else `created_at` like `Mon Jan 15 10:35:00 +0000 2024`. */
function legacyDate(object: JsonObject, millisecondsField: string, textField?: string): Date {
  const milliseconds = object[millisecondsField];
  const date =
    typeof milliseconds === 'string' && /^[0-9]{10,16}$/.test(milliseconds)
      ? new Date(Number(milliseconds))
      : textField && typeof object[textField] === 'string'
        ? new Date(object[textField])
        : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    throw new PayloadProblem(`invalid_field:${textField ?? millisecondsField}`);
  return date;
}

/**
 * One v1.1 tweet of an Account Activity `tweet_create_events` array. v1.1 has no `conversation_id`, so a
 * reply's thread is keyed by the post it answers and marked inexact (the inbox prefers the stored thread of
 * that post). Numeric ids lose precision in JSON.parse: only the `*_str` fields are read.
 */
export function normaliseLegacyTweet(params: { tweet: unknown; account: AccountRef }): NormaliseOutcome {
  const raw = params.tweet;
  return orDeadLetter(raw, () => {
    const tweet = requireObject(raw, 'tweet_create_events[]');
    const id = requireId(tweet, 'id_str');
    const user = requireObject(tweet['user'], 'user');
    const language = languageOf(tweet['lang']);
    const author = legacyAuthor(user, language);
    const extended = isObject(tweet['extended_tweet']) ? tweet['extended_tweet'] : undefined;
    const text =
      extended && typeof extended['full_text'] === 'string'
        ? extended['full_text']
        : requireString(tweet, 'text');
    const inReplyTo = optionalId(tweet, 'in_reply_to_status_id_str');
    const isFromAccount = author.externalUserId === params.account.externalUserId;
    const customerUserId = isFromAccount
      ? optionalId(tweet, 'in_reply_to_user_id_str')
      : author.externalUserId;
    if (customerUserId === null || customerUserId === params.account.externalUserId) {
      return { outcome: 'skipped', reason: 'own_broadcast', externalId: id };
    }
    const isQuote = tweet['is_quote_status'] === true || typeof tweet['quoted_status_id_str'] === 'string';
    const kind: MessageKind =
      tweet['retweeted_status'] !== undefined
        ? 'retweet'
        : isFromAccount
          ? 'own_post'
          : isQuote
            ? 'quote'
            : inReplyTo
              ? 'reply'
              : 'mention';
    return xItem(params.account, {
      externalId: id,
      kind,
      conversationKind: 'public_thread',
      threadKey: publicThreadKey({ rootPostId: inReplyTo ?? id, customerUserId }),
      isThreadKeyExact: inReplyTo === null,
      text,
      language,
      sentAt: legacyDate(tweet, 'timestamp_ms', 'created_at'),
      inReplyToExternalId: inReplyTo,
      author,
      isFromAccount,
      isPassingMention:
        kind === 'reply' &&
        isPassingMention({
          text,
          account: params.account,
          authorId: author.externalUserId,
          repliesToUserId: optionalId(tweet, 'in_reply_to_user_id_str'),
        }),
      raw,
    });
  });
}

/** One v1.1 `direct_message_events` entry (`type: message_create`), with the envelope's `users` map. */
export function normaliseLegacyDirectMessage(params: {
  event: unknown;
  users: unknown;
  account: AccountRef;
}): NormaliseOutcome {
  const raw = params.event;
  return orDeadLetter(raw, () => {
    const event = requireObject(raw, 'direct_message_events[]');
    const id = requireId(event, 'id');
    const messageCreate = requireObject(event['message_create'], 'message_create');
    const senderId = requireId(messageCreate, 'sender_id');
    const recipientId = requireId(requireObject(messageCreate['target'], 'target'), 'recipient_id');
    const messageData = requireObject(messageCreate['message_data'], 'message_data');
    const users = isObject(params.users) ? params.users : {};
    const sender = isObject(users[senderId]) ? (users[senderId] as JsonObject) : { id_str: senderId };
    return xItem(params.account, {
      externalId: id,
      kind: 'direct_message',
      conversationKind: 'direct_message',
      threadKey: directMessageThreadKey(oneToOneDmConversationId(senderId, recipientId)),
      isThreadKeyExact: true,
      text: requireString(messageData, 'text'),
      language: null,
      sentAt: legacyDate(event, 'created_timestamp'),
      inReplyToExternalId: null,
      author: legacyAuthor({ ...sender, id_str: senderId }, null),
      isFromAccount: senderId === params.account.externalUserId,
      raw: { event, users: { [senderId]: users[senderId] } },
    });
  });
}

/**
 * An Account Activity envelope `{for_user_id, tweet_create_events?, direct_message_events?, …}`: one outcome
 * per tweet or DM; other activity (favorites, follows, typing, reads) carries no message and yields nothing.
 */
export function normaliseAccountActivity(envelope: unknown, account: AccountRef): NormaliseOutcome[] {
  if (!isObject(envelope))
    return [{ outcome: 'dead_letter', reason: 'invalid_field:envelope', raw: envelope }];
  if (envelope['for_user_id'] !== account.externalUserId) {
    return [{ outcome: 'dead_letter', reason: 'invalid_field:for_user_id', raw: envelope }];
  }
  const outcomes: NormaliseOutcome[] = [];
  const tweets = envelope['tweet_create_events'];
  if (Array.isArray(tweets))
    outcomes.push(...tweets.map((tweet) => normaliseLegacyTweet({ tweet, account })));
  const messages = envelope['direct_message_events'];
  if (Array.isArray(messages)) {
    for (const event of messages) {
      if (isObject(event) && event['type'] !== 'message_create') continue;
      outcomes.push(normaliseLegacyDirectMessage({ event, users: envelope['users'], account }));
    }
  }
  return outcomes;
}
