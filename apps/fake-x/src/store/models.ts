export type UserKind = 'brand' | 'customer' | 'spam';

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  kind: UserKind;
  createdAtMs: number;
  description: string;
  location?: string;
  verified: boolean;
  isProtected: boolean;
  followersCount: number;
  followingCount: number;
  lang?: string;
  pinnedPostId?: string;
  /** Tokens that authenticate as this user (OAuth 1.0a `oauth_token` or an OAuth 2.0 user bearer token). */
  accessTokens: string[];
}

export type ReferencedPostType = 'retweeted' | 'quoted' | 'replied_to';

export interface MentionEntity {
  start: number;
  end: number;
  username: string;
  id?: string;
}

export interface TextEntities {
  mentions: MentionEntity[];
  hashtags: { start: number; end: number; tag: string }[];
  urls: { start: number; end: number; url: string; expanded_url: string; display_url: string }[];
}

/** Where a post came from: injected by the control API or scenario, or posted by a client through `POST /2/tweets`. */
export type PostOrigin = 'control' | 'scenario' | 'api';

export interface PostRecord {
  id: string;
  text: string;
  authorId: string;
  createdAtMs: number;
  conversationId: string;
  inReplyToUserId?: string;
  inReplyToPostId?: string;
  quotedPostId?: string;
  retweetedPostId?: string;
  lang: string;
  entities: TextEntities;
  origin: PostOrigin;
  replySettings: 'everyone' | 'mentionedUsers' | 'following';
  source: string;
}

export type DmOrigin = PostOrigin;

export interface DmEventRecord {
  id: string;
  text: string;
  senderId: string;
  recipientId: string;
  conversationId: string;
  createdAtMs: number;
  origin: DmOrigin;
}

export interface StreamRuleRecord {
  id: string;
  value: string;
  tag?: string;
}
