import type { FakeXStore } from '../store/fake-x-store';
import type { DmEventRecord, PostRecord, UserRecord } from '../store/models';

/** A number too large for a JS double, written verbatim into the JSON (v1.1 payloads carry numeric ids). */
class RawNumber {
  constructor(readonly digits: string) {}
}

const RAW_MARK = '\u0000num:';

/** JSON.stringify that writes RawNumber values as bare numbers, exactly as X's v1.1 payloads do. */
export function stringifyWithRawNumbers(value: unknown): string {
  const json = JSON.stringify(value, (_key, item: unknown) =>
    item instanceof RawNumber ? `${RAW_MARK}${item.digits}` : item,
  );
  return json.replace(/"\\u0000num:(\d+)"/g, '$1');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** v1.1 date: `"Mon May 19 14:01:46 +0000 2025"`. */
export function legacyDate(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000 ${date.getUTCFullYear()}`;
}

export function legacyUser(user: UserRecord): Record<string, unknown> {
  return {
    id: new RawNumber(user.id),
    id_str: user.id,
    name: user.name,
    screen_name: user.username,
    location: user.location ?? null,
    description: user.description,
    protected: user.isProtected,
    verified: user.verified,
    followers_count: user.followersCount,
    friends_count: user.followingCount,
    created_at: legacyDate(user.createdAtMs),
    profile_image_url_https: `https://pbs.twimg.com/profile_images/${user.id}/avatar_normal.jpg`,
  };
}

function legacyEntities(post: PostRecord, store: FakeXStore): Record<string, unknown> {
  return {
    hashtags: post.entities.hashtags.map((hashtag) => ({
      text: hashtag.tag,
      indices: [hashtag.start, hashtag.end],
    })),
    urls: post.entities.urls.map((url) => ({
      url: url.url,
      expanded_url: url.expanded_url,
      display_url: url.display_url,
      indices: [url.start, url.end],
    })),
    symbols: [],
    user_mentions: post.entities.mentions.flatMap((mention) => {
      const user = mention.id ? store.findUser(mention.id) : undefined;
      return user
        ? [
            {
              screen_name: user.username,
              name: user.name,
              id: new RawNumber(user.id),
              id_str: user.id,
              indices: [mention.start, mention.end],
            },
          ]
        : [];
    }),
  };
}

/** A v1.1-format tweet as carried by `tweet_create_events` (truncated at 140 with `extended_tweet`). */
export function legacyTweet(post: PostRecord, store: FakeXStore, depth = 0): Record<string, unknown> {
  const author = store.findUser(post.authorId);
  const characters = Array.from(post.text);
  const isTruncated = characters.length > 140;
  const entities = legacyEntities(post, store);
  const repliedTo = post.inReplyToUserId ? store.findUser(post.inReplyToUserId) : undefined;
  const quoted = post.quotedPostId ? store.findPost(post.quotedPostId) : undefined;
  const retweeted = post.retweetedPostId ? store.findPost(post.retweetedPostId) : undefined;
  return {
    created_at: legacyDate(post.createdAtMs),
    id: new RawNumber(post.id),
    id_str: post.id,
    text: isTruncated ? `${characters.slice(0, 139).join('')}…` : post.text,
    source: `<a href="https://mobile.twitter.com" rel="nofollow">${post.source}</a>`,
    truncated: isTruncated,
    in_reply_to_status_id: post.inReplyToPostId ? new RawNumber(post.inReplyToPostId) : null,
    in_reply_to_status_id_str: post.inReplyToPostId ?? null,
    in_reply_to_user_id: post.inReplyToUserId ? new RawNumber(post.inReplyToUserId) : null,
    in_reply_to_user_id_str: post.inReplyToUserId ?? null,
    in_reply_to_screen_name: repliedTo?.username ?? null,
    user: author ? legacyUser(author) : null,
    is_quote_status: quoted !== undefined,
    ...(quoted
      ? {
          quoted_status_id: new RawNumber(quoted.id),
          quoted_status_id_str: quoted.id,
          ...(depth === 0 ? { quoted_status: legacyTweet(quoted, store, 1) } : {}),
        }
      : {}),
    ...(retweeted && depth === 0 ? { retweeted_status: legacyTweet(retweeted, store, 1) } : {}),
    ...(isTruncated
      ? { extended_tweet: { full_text: post.text, display_text_range: [0, characters.length], entities } }
      : {}),
    quote_count: 0,
    reply_count: 0,
    retweet_count: 0,
    favorite_count: 0,
    entities,
    favorited: false,
    retweeted: false,
    filter_level: 'low',
    lang: post.lang,
    timestamp_ms: String(post.createdAtMs),
  };
}

/** Is this post an activity of `userId` in the AAA sense (their own post, a mention, a reply, a quote or retweet of them)? */
export function isTweetActivityOf(post: PostRecord, userId: string, store: FakeXStore): boolean {
  if (post.authorId === userId || post.inReplyToUserId === userId) return true;
  if (post.entities.mentions.some((mention) => mention.id === userId)) return true;
  const referenced = post.quotedPostId ?? post.retweetedPostId;
  return referenced !== undefined && store.findPost(referenced)?.authorId === userId;
}

export function tweetCreateEnvelope(post: PostRecord, forUserId: string, store: FakeXStore): string {
  const isMention = post.authorId !== forUserId;
  return stringifyWithRawNumbers({
    for_user_id: forUserId,
    ...(isMention ? { user_has_blocked: 'false' } : {}),
    tweet_create_events: [legacyTweet(post, store)],
  });
}

/** The fake's app id, reported as `source_app_id` on messages sent through the API. */
export const FAKE_APP_ID = '13090192';

export function directMessageEnvelope(event: DmEventRecord, forUserId: string, store: FakeXStore): string {
  const users: Record<string, unknown> = {};
  for (const id of [event.senderId, event.recipientId]) {
    const user = store.findUser(id);
    if (user) {
      users[id] = {
        id: user.id,
        created_timestamp: String(user.createdAtMs),
        name: user.name,
        screen_name: user.username,
        protected: user.isProtected,
        verified: user.verified,
        followers_count: user.followersCount,
        friends_count: user.followingCount,
        profile_image_url_https: `https://pbs.twimg.com/profile_images/${user.id}/avatar_normal.jpg`,
      };
    }
  }
  const isFromApp = event.origin === 'api';
  return JSON.stringify({
    for_user_id: forUserId,
    direct_message_events: [
      {
        type: 'message_create',
        id: event.id,
        created_timestamp: String(event.createdAtMs),
        message_create: {
          target: { recipient_id: event.recipientId },
          sender_id: event.senderId,
          ...(isFromApp ? { source_app_id: FAKE_APP_ID } : {}),
          message_data: {
            text: event.text,
            entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] },
          },
        },
      },
    ],
    ...(isFromApp
      ? { apps: { [FAKE_APP_ID]: { id: FAKE_APP_ID, name: 'Vigie', url: 'https://vigie.example' } } }
      : {}),
    users,
  });
}
