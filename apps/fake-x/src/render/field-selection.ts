import { invalidParameter } from '../server/x-errors';

/** Values the spec accepts (OAS159 enums). Unknown values are X's 400; known but unmodelled ones are ignored. */
export const TWEET_FIELDS = [
  'article',
  'attachments',
  'author_id',
  'card_uri',
  'community_id',
  'context_annotations',
  'conversation_id',
  'created_at',
  'display_text_range',
  'edit_controls',
  'edit_history_tweet_ids',
  'entities',
  'geo',
  'id',
  'in_reply_to_user_id',
  'lang',
  'media_metadata',
  'non_public_metrics',
  'note_tweet',
  'organic_metrics',
  'possibly_sensitive',
  'promoted_metrics',
  'public_metrics',
  'referenced_tweets',
  'reply_settings',
  'scopes',
  'source',
  'suggested_source_links',
  'text',
  'withheld',
] as const;

export const USER_FIELDS = [
  'affiliation',
  'connection_status',
  'created_at',
  'description',
  'entities',
  'id',
  'is_identity_verified',
  'location',
  'most_recent_tweet_id',
  'name',
  'parody',
  'pinned_tweet_id',
  'profile_banner_url',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'subscription',
  'subscription_type',
  'url',
  'username',
  'verified',
  'verified_followers_count',
  'verified_type',
  'withheld',
] as const;

export const TWEET_EXPANSIONS = [
  'article.cover_media',
  'article.media_entities',
  'attachments.media_keys',
  'attachments.media_source_tweet',
  'attachments.poll_ids',
  'author_id',
  'edit_history_tweet_ids',
  'entities.mentions.username',
  'geo.place_id',
  'in_reply_to_user_id',
  'entities.note.mentions.username',
  'referenced_tweets.id',
  'referenced_tweets.id.attachments.media_keys',
  'referenced_tweets.id.author_id',
] as const;

export const USER_EXPANSIONS = ['affiliation.user_id', 'most_recent_tweet_id', 'pinned_tweet_id'] as const;

export const DM_EVENT_FIELDS = [
  'attachments',
  'created_at',
  'dm_conversation_id',
  'entities',
  'event_type',
  'id',
  'participant_ids',
  'referenced_tweets',
  'sender_id',
  'text',
] as const;

export const DM_EXPANSIONS = [
  'attachments.media_keys',
  'participant_ids',
  'referenced_tweets.id',
  'sender_id',
] as const;

/** Field/expansion parameters accepted next to each endpoint's own ones. */
export const TWEET_FIELD_PARAMETERS = [
  'tweet.fields',
  'post.fields',
  'expansions',
  'media.fields',
  'poll.fields',
  'user.fields',
  'place.fields',
] as const;

/** Parses a comma-separated list parameter, rejecting values outside `allowed` with X's 400. */
export function parseListParameter(
  query: URLSearchParams,
  name: string,
  allowed: readonly string[],
): Set<string> {
  const raw = query.get(name);
  if (raw === null) return new Set();
  const values = raw
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
  for (const value of values) {
    if (!allowed.includes(value)) {
      throw invalidParameter(
        name,
        raw,
        `The \`${name}\` query parameter value [${value}] is not one of [${allowed.join(',')}]`,
      );
    }
  }
  return new Set(values);
}

export interface TweetSelection {
  tweetFields: Set<string>;
  userFields: Set<string>;
  expansions: Set<string>;
}

/** `tweet.fields` or its 2.167 alias `post.fields` (both accepted; classic names are emitted). */
export function parseTweetSelection(query: URLSearchParams): TweetSelection {
  const tweetFields = parseListParameter(query, 'tweet.fields', TWEET_FIELDS);
  for (const field of parseListParameter(query, 'post.fields', TWEET_FIELDS)) tweetFields.add(field);
  return {
    tweetFields,
    userFields: parseListParameter(query, 'user.fields', USER_FIELDS),
    expansions: parseListParameter(query, 'expansions', TWEET_EXPANSIONS),
  };
}
