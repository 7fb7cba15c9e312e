import type { FakeXStore } from '../store/fake-x-store';
import type { PostRecord, UserRecord } from '../store/models';
import { isoDate } from '../server/http-helpers';
import type { TweetSelection } from './field-selection';

export type Json = Record<string, unknown>;

/** A v2 Tweet object: the defaults (`id`, `text`, `edit_history_tweet_ids`) plus the requested fields, in X's order. */
export function renderTweet(post: PostRecord, fields: ReadonlySet<string>): Json {
  const tweet: Json = { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] };
  if (fields.has('author_id')) tweet['author_id'] = post.authorId;
  if (fields.has('conversation_id')) tweet['conversation_id'] = post.conversationId;
  if (fields.has('created_at')) tweet['created_at'] = isoDate(post.createdAtMs);
  if (fields.has('in_reply_to_user_id') && post.inReplyToUserId)
    tweet['in_reply_to_user_id'] = post.inReplyToUserId;
  if (fields.has('referenced_tweets')) {
    const references = referencedTweets(post);
    if (references.length > 0) tweet['referenced_tweets'] = references;
  }
  if (fields.has('lang')) tweet['lang'] = post.lang;
  if (fields.has('entities')) {
    const entities: Json = {};
    if (post.entities.mentions.length > 0) entities['mentions'] = post.entities.mentions;
    if (post.entities.hashtags.length > 0) entities['hashtags'] = post.entities.hashtags;
    if (post.entities.urls.length > 0) entities['urls'] = post.entities.urls;
    if (Object.keys(entities).length > 0) tweet['entities'] = entities;
  }
  if (fields.has('public_metrics'))
    tweet['public_metrics'] = {
      retweet_count: 0,
      reply_count: 0,
      like_count: 0,
      quote_count: 0,
      bookmark_count: 0,
      impression_count: 0,
    };
  if (fields.has('possibly_sensitive')) tweet['possibly_sensitive'] = false;
  if (fields.has('reply_settings')) tweet['reply_settings'] = post.replySettings;
  if (fields.has('source')) tweet['source'] = post.source;
  if (fields.has('edit_controls'))
    tweet['edit_controls'] = {
      edits_remaining: 5,
      is_edit_eligible: false,
      editable_until: isoDate(post.createdAtMs + 3_600_000),
    };
  return tweet;
}

export function referencedTweets(
  post: PostRecord,
): { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[] {
  const references: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[] = [];
  if (post.retweetedPostId) references.push({ type: 'retweeted', id: post.retweetedPostId });
  if (post.quotedPostId) references.push({ type: 'quoted', id: post.quotedPostId });
  if (post.inReplyToPostId) references.push({ type: 'replied_to', id: post.inReplyToPostId });
  return references;
}

/** A v2 User object: `id`, `name`, `username` by default, plus the requested fields. */
export function renderUser(user: UserRecord, fields: ReadonlySet<string>, store: FakeXStore): Json {
  const rendered: Json = { id: user.id, name: user.name, username: user.username };
  if (fields.has('created_at')) rendered['created_at'] = isoDate(user.createdAtMs);
  if (fields.has('description')) rendered['description'] = user.description;
  if (fields.has('location') && user.location) rendered['location'] = user.location;
  if (fields.has('profile_image_url'))
    rendered['profile_image_url'] = `https://pbs.twimg.com/profile_images/${user.id}/avatar_normal.jpg`;
  if (fields.has('protected')) rendered['protected'] = user.isProtected;
  if (fields.has('verified')) rendered['verified'] = user.verified;
  if (fields.has('verified_type'))
    rendered['verified_type'] = user.verified ? (user.kind === 'brand' ? 'business' : 'blue') : 'none';
  if (fields.has('url')) rendered['url'] = '';
  if (fields.has('pinned_tweet_id') && user.pinnedPostId) rendered['pinned_tweet_id'] = user.pinnedPostId;
  if (fields.has('most_recent_tweet_id')) {
    const latest = mostRecentPostOf(user.id, store);
    if (latest) rendered['most_recent_tweet_id'] = latest.id;
  }
  if (fields.has('public_metrics')) {
    const tweetCount = store.allPostsNewestFirst().filter((post) => post.authorId === user.id).length;
    rendered['public_metrics'] = {
      followers_count: user.followersCount,
      following_count: user.followingCount,
      tweet_count: tweetCount,
      listed_count: 0,
      like_count: 0,
      media_count: 0,
    };
  }
  return rendered;
}

export function mostRecentPostOf(userId: string, store: FakeXStore): PostRecord | undefined {
  return store.allPostsNewestFirst().find((post) => post.authorId === userId);
}

/** Ordered, de-duplicated collection of ids (X lists each included object once, in first-seen order). */
class IdSet {
  readonly ids: string[] = [];
  add(id: string | undefined): void {
    if (id && !this.ids.includes(id)) this.ids.push(id);
  }
}

/** Builds `includes` from `expansions` for a list of primary posts; omits empty arrays (minItems 1). */
export function buildTweetIncludes(
  posts: PostRecord[],
  selection: TweetSelection,
  store: FakeXStore,
): Json | undefined {
  const { expansions } = selection;
  const userIds = new IdSet();
  const tweetIds = new IdSet();
  const primaryIds = new Set(posts.map((post) => post.id));
  if (expansions.has('author_id')) for (const post of posts) userIds.add(post.authorId);
  for (const post of posts) {
    if (expansions.has('in_reply_to_user_id')) userIds.add(post.inReplyToUserId);
    if (expansions.has('entities.mentions.username'))
      for (const mention of post.entities.mentions) userIds.add(mention.id);
    if (expansions.has('referenced_tweets.id'))
      for (const reference of referencedTweets(post))
        if (!primaryIds.has(reference.id)) tweetIds.add(reference.id);
  }
  const referenced = tweetIds.ids.flatMap((id) => {
    const post = store.findPost(id);
    return post ? [post] : [];
  });
  if (expansions.has('referenced_tweets.id.author_id')) {
    for (const post of posts)
      for (const reference of referencedTweets(post)) userIds.add(store.findPost(reference.id)?.authorId);
  }
  const users = userIds.ids.flatMap((id) => {
    const user = store.findUser(id);
    return user ? [renderUser(user, selection.userFields, store)] : [];
  });
  const includes: Json = {};
  if (users.length > 0) includes['users'] = users;
  if (referenced.length > 0)
    includes['tweets'] = referenced.map((post) => renderTweet(post, selection.tweetFields));
  return Object.keys(includes).length > 0 ? includes : undefined;
}
