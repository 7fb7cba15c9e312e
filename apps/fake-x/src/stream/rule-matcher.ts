import { assertNever } from '@vigie/kernel';
import type { FakeXStore } from '../store/fake-x-store';
import type { PostRecord } from '../store/models';
import { tokenizeWords, type RuleNode } from './rule-parser';

/** What a rule can look at in a post (precomputed once per post). */
export interface MatchablePost {
  words: string[];
  authorUsername: string;
  inReplyToUsername?: string;
  mentions: Set<string>;
  hashtags: Set<string>;
  lang: string;
  isRetweet: boolean;
  isReply: boolean;
  isQuote: boolean;
  isAuthorVerified: boolean;
  hasLinks: boolean;
  conversationId: string;
  retweetedAuthorUsername?: string;
}

export function toMatchable(post: PostRecord, store: FakeXStore): MatchablePost {
  const author = store.findUser(post.authorId);
  const retweeted = post.retweetedPostId ? store.findPost(post.retweetedPostId) : undefined;
  return {
    words: tokenizeWords(post.text),
    authorUsername: (author?.username ?? '').toLowerCase(),
    inReplyToUsername: post.inReplyToUserId
      ? store.findUser(post.inReplyToUserId)?.username.toLowerCase()
      : undefined,
    mentions: new Set(post.entities.mentions.map((mention) => mention.username.toLowerCase())),
    hashtags: new Set(post.entities.hashtags.map((hashtag) => hashtag.tag.toLowerCase())),
    lang: post.lang,
    isRetweet: post.retweetedPostId !== undefined,
    isReply: post.inReplyToPostId !== undefined,
    isQuote: post.quotedPostId !== undefined,
    isAuthorVerified: author?.verified ?? false,
    hasLinks: post.entities.urls.length > 0,
    conversationId: post.conversationId,
    retweetedAuthorUsername: retweeted
      ? store.findUser(retweeted.authorId)?.username.toLowerCase()
      : undefined,
  };
}

export function matchesRule(node: RuleNode, post: MatchablePost): boolean {
  switch (node.type) {
    case 'term':
      return containsSequence(post.words, node.words);
    case 'mention':
      return post.mentions.has(node.username);
    case 'hashtag':
      return post.hashtags.has(node.tag);
    case 'not':
      return !matchesRule(node.node, post);
    case 'and':
      return node.nodes.every((child) => matchesRule(child, post));
    case 'or':
      return node.nodes.some((child) => matchesRule(child, post));
    case 'operator':
      return matchesOperator(node, post);
    default:
      return assertNever(node);
  }
}

function matchesOperator(node: Extract<RuleNode, { type: 'operator' }>, post: MatchablePost): boolean {
  switch (node.name) {
    case 'from':
      return post.authorUsername === node.value;
    case 'to':
      return post.inReplyToUsername === node.value;
    case 'lang':
      return post.lang.toLowerCase() === node.value;
    case 'conversation_id':
      return post.conversationId === node.value;
    case 'retweets_of':
      return post.retweetedAuthorUsername === node.value;
    case 'is':
      return (
        (node.value === 'retweet' && post.isRetweet) ||
        (node.value === 'reply' && post.isReply) ||
        (node.value === 'quote' && post.isQuote) ||
        (node.value === 'verified' && post.isAuthorVerified)
      );
    case 'has':
      return (
        (node.value === 'links' && post.hasLinks) ||
        (node.value === 'mentions' && post.mentions.size > 0) ||
        (node.value === 'hashtags' && post.hashtags.size > 0)
      );
    default:
      return assertNever(node.name);
  }
}

function containsSequence(words: string[], sequence: string[]): boolean {
  outer: for (let start = 0; start + sequence.length <= words.length; start += 1) {
    for (let offset = 0; offset < sequence.length; offset += 1)
      if (words[start + offset] !== sequence[offset]) continue outer;
    return true;
  }
  return false;
}
