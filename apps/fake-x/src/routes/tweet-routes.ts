import { parseTweetSelection, TWEET_FIELD_PARAMETERS } from '../render/field-selection';
import { buildTweetIncludes, renderTweet } from '../render/tweet-renderer';
import { guessLanguage } from '../store/language-guess';
import type { PostRecord, UserRecord } from '../store/models';
import { readJsonBody } from '../server/http-helpers';
import type { Route, RouteContext } from '../server/router';
import type { FakeXServices } from '../server/services';
import {
  forbidden,
  genericProblem,
  invalidParameter,
  invalidRequest,
  resourceNotFound,
} from '../server/x-errors';

const LOOKUP_PARAMETERS = [...TWEET_FIELD_PARAMETERS];
const MAX_WEIGHTED_LENGTH = 280;
const DUPLICATE_WINDOW_MS = 24 * 3600 * 1000;
const REPLY_KEYS = ['in_reply_to_tweet_id', 'exclude_reply_user_ids', 'auto_populate_reply_metadata'];

/**
 * Observed body for the Feb 2026 reply restriction (the docs state the rule, not the body): the generic
 * 403 problem with this detail.
 */
export const REPLY_NOT_ALLOWED_DETAIL =
  'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.';

export function tweetRoutes(services: FakeXServices): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/2/tweets',
      api: { endpoint: 'tweet-lookup', auth: 'any', queryParameters: ['ids', ...LOOKUP_PARAMETERS] },
      handle: (context) => lookupMany(services, context),
    },
    {
      method: 'GET',
      pattern: '/2/tweets/:id',
      api: { endpoint: 'tweet-lookup', auth: 'any', queryParameters: LOOKUP_PARAMETERS },
      handle: (context) => lookupOne(services, context),
    },
    {
      method: 'POST',
      pattern: '/2/tweets',
      api: { endpoint: 'tweet-create', auth: 'user', queryParameters: [] },
      handle: (context) => createTweet(services, context),
    },
  ];
}

function lookupOne(services: FakeXServices, context: RouteContext): void {
  const id = context.params['id'];
  if (!/^[0-9]{1,19}$/.test(id))
    throw invalidParameter('id', id, `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$`);
  const selection = parseTweetSelection(context.query);
  const post = services.store.findPost(id);
  if (!post) {
    context.send(200, { errors: [resourceNotFound({ resourceType: 'tweet', parameter: 'id', value: id })] });
    return;
  }
  const includes = buildTweetIncludes([post], selection, services.store);
  context.send(200, { data: renderTweet(post, selection.tweetFields), ...(includes ? { includes } : {}) });
}

function lookupMany(services: FakeXServices, context: RouteContext): void {
  const raw = context.query.get('ids');
  if (raw === null)
    throw invalidRequest([
      { parameters: { ids: [] }, message: 'The `ids` query parameter can not be empty' },
    ]);
  const ids = raw.split(',');
  if (ids.length > 100 || ids.some((id) => !/^[0-9]{1,19}$/.test(id))) {
    throw invalidParameter(
      'ids',
      raw,
      `The \`ids\` query parameter value [${raw}] must be 1 to 100 comma-separated ids matching ^[0-9]{1,19}$`,
    );
  }
  const selection = parseTweetSelection(context.query);
  const found: PostRecord[] = [];
  const errors = [];
  for (const id of ids) {
    const post = services.store.findPost(id);
    if (post) found.push(post);
    else errors.push(resourceNotFound({ resourceType: 'tweet', parameter: 'ids', value: id }));
  }
  const includes = buildTweetIncludes(found, selection, services.store);
  context.send(200, {
    ...(found.length > 0 ? { data: found.map((post) => renderTweet(post, selection.tweetFields)) } : {}),
    ...(includes ? { includes } : {}),
    ...(errors.length > 0 ? { errors } : {}),
  });
}

async function createTweet(services: FakeXServices, context: RouteContext): Promise<void> {
  if (context.auth.kind === 'app') throw genericProblem(403);
  const poster = context.auth.user;
  const body = await readJsonBody(context.request);
  const text = body['text'];
  if (typeof text !== 'string' || text.length === 0) {
    throw invalidRequest([
      {
        parameters: {},
        message: '$.text: is missing but it is required (a post needs text, media, a poll or a quote)',
      },
    ]);
  }
  if (weightedLength(text) > MAX_WEIGHTED_LENGTH) {
    throw invalidRequest([
      {
        parameters: {},
        message: `$.text: Your Tweet text is too long (${weightedLength(text)} > ${MAX_WEIGHTED_LENGTH}).`,
      },
    ]);
  }
  const reply = readReply(body['reply']);
  const quoteId = typeof body['quote_tweet_id'] === 'string' ? body['quote_tweet_id'] : undefined;
  if (quoteId && !services.store.findPost(quoteId))
    throw forbidden('You attempted to quote a Tweet that is deleted or not visible to you.');
  if (reply) {
    const target = services.store.findPost(reply);
    if (!target) throw forbidden('You attempted to reply to a Tweet that is deleted or not visible to you.');
    if (services.policies.isReplyRestricted && !hasSummoned(target, poster, services))
      throw forbidden(REPLY_NOT_ALLOWED_DETAIL);
  }
  if (services.policies.isDuplicateContentRejected && isDuplicate(services, poster, text)) {
    throw forbidden('You are not allowed to create a Tweet with duplicate content.');
  }
  const post = services.store.createPost({
    authorId: poster.id,
    text,
    inReplyToPostId: reply,
    quotedPostId: quoteId,
    lang: guessLanguage(text),
    origin: 'api',
  });
  context.send(201, { data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } });
}

function readReply(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest([{ parameters: {}, message: '$.reply: object expected' }]);
  }
  const reply = value as Record<string, unknown>;
  const extra = Object.keys(reply).filter((key) => !REPLY_KEYS.includes(key));
  if (extra.length > 0)
    throw invalidRequest([
      {
        parameters: {},
        message: `$.reply: property '${extra[0]}' is not defined in the schema and the schema does not allow additional properties`,
      },
    ]);
  const id = reply['in_reply_to_tweet_id'];
  if (typeof id !== 'string' || !/^[0-9]{1,19}$/.test(id)) {
    throw invalidRequest([
      {
        parameters: {},
        message: '$.reply.in_reply_to_tweet_id: does not match the regex pattern ^[0-9]{1,19}$',
      },
    ]);
  }
  return id;
}

/**
 * X's reply rule (self-serve tiers, Feb 2026): allowed when the author of the post replied to summoned the
 * poster: @mentioned them, quoted one of their posts, or replied to them (which carries the @mention). One's
 * own posts can always be replied to (threads).
 */
export function hasSummoned(target: PostRecord, poster: UserRecord, services: FakeXServices): boolean {
  if (target.authorId === poster.id) return true;
  if (target.entities.mentions.some((mention) => mention.id === poster.id)) return true;
  if (target.inReplyToUserId === poster.id) return true;
  const quoted = target.quotedPostId ? services.store.findPost(target.quotedPostId) : undefined;
  return quoted?.authorId === poster.id;
}

function isDuplicate(services: FakeXServices, poster: UserRecord, text: string): boolean {
  const since = services.clock.now() - DUPLICATE_WINDOW_MS;
  return services.store
    .postsByOrigin('api')
    .some((post) => post.authorId === poster.id && post.text === text && post.createdAtMs >= since);
}

/** X's weighted length, simplified: code points, with every URL counted as 23 (t.co). */
export function weightedLength(text: string): number {
  const urls = text.match(/https?:\/\/\S+/g) ?? [];
  const withoutUrls = urls.reduce((rest, url) => rest.replace(url, ''), text);
  return Array.from(withoutUrls).length + urls.length * 23;
}
