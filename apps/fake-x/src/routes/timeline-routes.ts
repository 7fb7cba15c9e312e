import { parseTweetSelection, TWEET_FIELD_PARAMETERS } from '../render/field-selection';
import { buildTweetIncludes, renderTweet } from '../render/tweet-renderer';
import type { PostRecord } from '../store/models';
import type { Route, RouteContext } from '../server/router';
import type { FakeXServices } from '../server/services';
import { invalidParameter, invalidRequest } from '../server/x-errors';
import { matchesRule, toMatchable } from '../stream/rule-matcher';
import { parseRule, RuleSyntaxError } from '../stream/rule-parser';
import {
  decodeToken,
  filterWindow,
  paginate,
  parseIdParameter,
  parseIntegerParameter,
  parseTimeParameter,
} from './timeline-page';

/** Only the 800 most recent mentions are reachable (DOCS timelines/introduction). */
export const MENTIONS_REACHABLE = 800;
const SEARCH_WINDOW_MS = 7 * 24 * 3600 * 1000;

const MENTIONS_PARAMETERS = [
  'since_id',
  'until_id',
  'max_results',
  'pagination_token',
  'start_time',
  'end_time',
  ...TWEET_FIELD_PARAMETERS,
];
const SEARCH_PARAMETERS = [
  'query',
  'start_time',
  'end_time',
  'since_id',
  'until_id',
  'max_results',
  'next_token',
  'pagination_token',
  'sort_order',
  ...TWEET_FIELD_PARAMETERS,
];

export function timelineRoutes(services: FakeXServices): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/2/users/:id/mentions',
      api: { endpoint: 'mentions', auth: 'any', queryParameters: MENTIONS_PARAMETERS },
      handle: (context) => mentions(services, context),
    },
    {
      method: 'GET',
      pattern: '/2/tweets/search/recent',
      api: { endpoint: 'search-recent', auth: 'any', queryParameters: SEARCH_PARAMETERS },
      handle: (context) => searchRecent(services, context),
    },
  ];
}

function mentions(services: FakeXServices, context: RouteContext): void {
  const { query } = context;
  const userId = context.params['id'];
  if (!/^[0-9]{1,19}$/.test(userId))
    throw invalidParameter(
      'id',
      userId,
      `The \`id\` query parameter value [${userId}] does not match ^[0-9]{1,19}$`,
    );
  const selection = parseTweetSelection(query);
  const maxResults = parseIntegerParameter(query, { name: 'max_results', min: 5, max: 100, fallback: 10 });
  const tokenValue = query.get('pagination_token');
  const token = tokenValue === null ? undefined : decodeToken('pagination_token', tokenValue);
  const now = services.clock.now();
  const reachable = services.store
    .mentionsOf(userId)
    .filter((post) => post.createdAtMs <= now)
    .slice(0, MENTIONS_REACHABLE);
  const window = filterWindow(reachable, readWindow(query));
  const page = paginate({ newestFirst: window, maxResults, token, hasPreviousToken: true });
  sendPage(services, context, page.items, page.meta, selection);
}

function searchRecent(services: FakeXServices, context: RouteContext): void {
  const { query } = context;
  const rawQuery = query.get('query');
  if (rawQuery === null || rawQuery.length === 0) {
    throw invalidRequest([
      { parameters: { query: [] }, message: 'The `query` query parameter can not be empty' },
    ]);
  }
  if (rawQuery.length > 4096)
    throw invalidParameter(
      'query',
      rawQuery,
      'The `query` query parameter value is too long (maximum 4096 characters)',
    );
  if (query.has('next_token') && query.has('pagination_token')) {
    throw invalidParameter(
      'next_token',
      query.get('next_token') ?? '',
      'At most one of next_token, pagination_token may be specified',
    );
  }
  if (query.has('since_id') && query.has('start_time'))
    throw invalidParameter(
      'since_id',
      query.get('since_id') ?? '',
      'At most one of start_time, since_id may be specified',
    );
  if (query.has('until_id') && query.has('end_time'))
    throw invalidParameter(
      'until_id',
      query.get('until_id') ?? '',
      'At most one of end_time, until_id may be specified',
    );
  const sortOrder = query.get('sort_order');
  if (sortOrder !== null && sortOrder !== 'recency' && sortOrder !== 'relevancy') {
    throw invalidParameter(
      'sort_order',
      sortOrder,
      `The \`sort_order\` query parameter value [${sortOrder}] is not one of [recency,relevancy]`,
    );
  }
  let rule;
  try {
    rule = parseRule(rawQuery);
  } catch (error) {
    if (error instanceof RuleSyntaxError)
      throw invalidParameter(
        'query',
        rawQuery,
        `There were errors processing your request: ${error.message}`,
      );
    throw error;
  }
  const selection = parseTweetSelection(query);
  const maxResults = parseIntegerParameter(query, { name: 'max_results', min: 10, max: 100, fallback: 10 });
  const tokenName = query.has('next_token') ? 'next_token' : 'pagination_token';
  const tokenValue = query.get(tokenName);
  const token = tokenValue === null ? undefined : decodeToken(tokenName, tokenValue);
  const now = services.clock.now();
  const window = readWindow(query);
  if (window.startTimeMs !== undefined && window.startTimeMs < now - SEARCH_WINDOW_MS) {
    throw invalidParameter(
      'start_time',
      query.get('start_time') ?? '',
      "Invalid 'start_time'. 'start_time' must be on or after the last 7 days.",
    );
  }
  // Since the 2026 search-index migration, keyword search no longer returns retweets.
  const candidates = services.store
    .allPostsNewestFirst()
    .filter(
      (post) =>
        post.createdAtMs <= now &&
        post.createdAtMs >= now - SEARCH_WINDOW_MS &&
        post.retweetedPostId === undefined,
    )
    .filter((post) => matchesRule(rule, toMatchable(post, services.store)));
  const page = paginate({
    newestFirst: filterWindow(candidates, window),
    maxResults,
    token,
    hasPreviousToken: false,
  });
  sendPage(services, context, page.items, page.meta, selection);
}

function readWindow(query: URLSearchParams): {
  sinceId?: string;
  untilId?: string;
  startTimeMs?: number;
  endTimeMs?: number;
} {
  return {
    sinceId: parseIdParameter(query, 'since_id'),
    untilId: parseIdParameter(query, 'until_id'),
    startTimeMs: parseTimeParameter(query, 'start_time'),
    endTimeMs: parseTimeParameter(query, 'end_time'),
  };
}

/** Timeline envelope: `data` only when non-empty, `includes` when expanded, `meta` always. */
function sendPage(
  services: FakeXServices,
  context: RouteContext,
  posts: PostRecord[],
  meta: Record<string, unknown>,
  selection: ReturnType<typeof parseTweetSelection>,
): void {
  if (posts.length === 0) {
    context.send(200, { meta });
    return;
  }
  const includes = buildTweetIncludes(posts, selection, services.store);
  context.send(200, {
    data: posts.map((post) => renderTweet(post, selection.tweetFields)),
    ...(includes ? { includes } : {}),
    meta,
  });
}
