import { EventEmitter } from 'node:events';
import { FakeClock } from './fake-clock';
import type { DmEventRecord, PostOrigin, PostRecord, StreamRuleRecord, UserKind, UserRecord } from './models';
import { SnowflakeGenerator, compareIds } from './snowflake';
import { extractEntities } from './text-entities';
import { SortedIdIndex } from './sorted-id-index';

export interface CreateUserInput {
  username: string;
  name?: string;
  kind?: UserKind;
  id?: string;
  description?: string;
  location?: string;
  verified?: boolean;
  followersCount?: number;
  followingCount?: number;
  lang?: string;
  accessTokens?: string[];
}

export interface CreatePostInput {
  authorId: string;
  text: string;
  inReplyToPostId?: string;
  quotedPostId?: string;
  retweetedPostId?: string;
  lang?: string;
  /** Back-dates the post (epoch ms); the id is minted from it. Default: now. */
  createdAtMs?: number;
  origin: PostOrigin;
}

export interface CreateDmInput {
  senderId: string;
  recipientId: string;
  text: string;
  createdAtMs?: number;
  origin: PostOrigin;
}

export type StoreEvents = { post: [PostRecord]; dm: [DmEventRecord] };

/** One-to-one DM conversation id: `"{smaller}-{larger}"` (numeric order). */
export function oneToOneConversationId(firstUserId: string, secondUserId: string): string {
  return compareIds(firstUserId, secondUserId) < 0
    ? `${firstUserId}-${secondUserId}`
    : `${secondUserId}-${firstUserId}`;
}

/** The whole in-memory world of the fake: users, posts, DMs and stream rules. Emits `post` and `dm`. */
export class FakeXStore extends EventEmitter<StoreEvents> {
  readonly snowflake = new SnowflakeGenerator();
  private readonly users = new Map<string, UserRecord>();
  private readonly usersByUsername = new Map<string, UserRecord>();
  private readonly tokens = new Map<string, string>();
  private readonly posts = new Map<string, PostRecord>();
  private readonly postIndex = new SortedIdIndex();
  private readonly mentionIndex = new Map<string, SortedIdIndex>();
  private readonly dms = new Map<string, DmEventRecord>();
  private readonly dmIndex = new Map<string, SortedIdIndex>();
  private readonly rules = new Map<string, StreamRuleRecord>();
  private nextUserId = 2_000_000_001;

  constructor(readonly clock: FakeClock) {
    super();
  }

  reset(): void {
    for (const collection of [
      this.users,
      this.usersByUsername,
      this.tokens,
      this.posts,
      this.mentionIndex,
      this.dms,
      this.dmIndex,
      this.rules,
    ])
      collection.clear();
    this.postIndex.clear();
    this.snowflake.reset();
    this.nextUserId = 2_000_000_001;
  }

  createUser(input: CreateUserInput): UserRecord {
    const existing = this.findUserByUsername(input.username);
    if (existing) return existing;
    const id = input.id ?? String(this.nextUserId++);
    const user: UserRecord = {
      id,
      username: input.username,
      name: input.name ?? input.username,
      kind: input.kind ?? 'customer',
      createdAtMs: this.clock.now() - 3 * 365 * 24 * 3600 * 1000,
      description: input.description ?? '',
      location: input.location,
      verified: input.verified ?? false,
      isProtected: false,
      followersCount: input.followersCount ?? 120,
      followingCount: input.followingCount ?? 180,
      lang: input.lang,
      // X's OAuth 1.0a access tokens start with the user id: "<id>-<random>".
      accessTokens: input.accessTokens ?? [`${id}-fakexaccesstoken`],
    };
    this.users.set(id, user);
    this.usersByUsername.set(user.username.toLowerCase(), user);
    for (const token of user.accessTokens) this.tokens.set(token, id);
    return user;
  }

  findUser(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  findUserByUsername(username: string): UserRecord | undefined {
    return this.usersByUsername.get(username.replace(/^@/, '').toLowerCase());
  }

  findUserByToken(token: string): UserRecord | undefined {
    const id = this.tokens.get(token);
    return id ? this.users.get(id) : undefined;
  }

  listUsers(): UserRecord[] {
    return [...this.users.values()];
  }

  createPost(input: CreatePostInput): PostRecord {
    const { id, createdAtMs } =
      input.createdAtMs === undefined
        ? this.snowflake.nextNow(this.clock.now())
        : this.snowflake.nextAt(input.createdAtMs);
    const repliedTo = input.inReplyToPostId ? this.posts.get(input.inReplyToPostId) : undefined;
    const post: PostRecord = {
      id,
      text: input.text,
      authorId: input.authorId,
      createdAtMs,
      conversationId: repliedTo ? repliedTo.conversationId : id,
      inReplyToUserId: repliedTo?.authorId,
      inReplyToPostId: repliedTo?.id,
      quotedPostId: input.quotedPostId,
      retweetedPostId: input.retweetedPostId,
      lang: input.lang ?? 'und',
      entities: extractEntities(input.text, (username) => this.findUserByUsername(username)?.id),
      origin: input.origin,
      replySettings: 'everyone',
      source: input.origin === 'api' ? 'Vigie' : 'Twitter for iPhone',
    };
    this.posts.set(id, post);
    this.postIndex.insert(id);
    const mentionedIds = new Set(
      post.entities.mentions.flatMap((mention) => (mention.id ? [mention.id] : [])),
    );
    for (const userId of mentionedIds) this.indexFor(this.mentionIndex, userId).insert(id);
    this.emit('post', post);
    return post;
  }

  findPost(id: string): PostRecord | undefined {
    return this.posts.get(id);
  }

  /** Posts mentioning a user, newest first. */
  mentionsOf(userId: string): PostRecord[] {
    return this.resolve(this.mentionIndex.get(userId)?.newestFirst() ?? [], this.posts);
  }

  /** All posts, newest first. */
  allPostsNewestFirst(): PostRecord[] {
    return this.resolve(this.postIndex.newestFirst(), this.posts);
  }

  postsByOrigin(origin: PostOrigin): PostRecord[] {
    return this.allPostsNewestFirst()
      .filter((post) => post.origin === origin)
      .reverse();
  }

  createDm(input: CreateDmInput): DmEventRecord {
    const { id, createdAtMs } =
      input.createdAtMs === undefined
        ? this.snowflake.nextNow(this.clock.now())
        : this.snowflake.nextAt(input.createdAtMs);
    const dm: DmEventRecord = {
      id,
      text: input.text,
      senderId: input.senderId,
      recipientId: input.recipientId,
      conversationId: oneToOneConversationId(input.senderId, input.recipientId),
      createdAtMs,
      origin: input.origin,
    };
    this.dms.set(id, dm);
    this.indexFor(this.dmIndex, input.senderId).insert(id);
    if (input.recipientId !== input.senderId) this.indexFor(this.dmIndex, input.recipientId).insert(id);
    this.emit('dm', dm);
    return dm;
  }

  /** DM events a user sent or received, newest first. */
  dmEventsOf(userId: string): DmEventRecord[] {
    return this.resolve(this.dmIndex.get(userId)?.newestFirst() ?? [], this.dms);
  }

  dmsByOrigin(origin: PostOrigin): DmEventRecord[] {
    return [...this.dms.values()]
      .filter((dm) => dm.origin === origin)
      .sort((left, right) => compareIds(left.id, right.id));
  }

  listRules(): StreamRuleRecord[] {
    return [...this.rules.values()];
  }

  addRule(rule: StreamRuleRecord): void {
    this.rules.set(rule.id, rule);
  }

  deleteRule(id: string): boolean {
    return this.rules.delete(id);
  }

  private indexFor(indexes: Map<string, SortedIdIndex>, key: string): SortedIdIndex {
    let index = indexes.get(key);
    if (!index) {
      index = new SortedIdIndex();
      indexes.set(key, index);
    }
    return index;
  }

  private resolve<T>(ids: readonly string[], records: Map<string, T>): T[] {
    return ids.flatMap((id) => {
      const record = records.get(id);
      return record ? [record] : [];
    });
  }
}
