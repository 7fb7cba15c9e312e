import { parseListParameter, TWEET_FIELDS, USER_EXPANSIONS, USER_FIELDS } from '../render/field-selection';
import { mostRecentPostOf, renderTweet, renderUser, type Json } from '../render/tweet-renderer';
import type { UserRecord } from '../store/models';
import type { Route, RouteContext } from '../server/router';
import type { FakeXServices } from '../server/services';
import { genericProblem, invalidParameter, invalidRequest, resourceNotFound } from '../server/x-errors';

const USER_PARAMETERS = ['user.fields', 'expansions', 'tweet.fields'];

export function userRoutes(services: FakeXServices): Route[] {
  const api = (endpoint: 'user-lookup' | 'user-me', extra: string[] = []) => ({
    endpoint,
    auth: endpoint === 'user-me' ? ('user' as const) : ('any' as const),
    queryParameters: [...USER_PARAMETERS, ...extra],
  });
  return [
    {
      method: 'GET',
      pattern: '/2/users/me',
      api: api('user-me'),
      handle: (context) => {
        if (context.auth.kind === 'app') throw genericProblem(403);
        sendUsers(services, context, [context.auth.user], []);
      },
    },
    {
      method: 'GET',
      pattern: '/2/users/by/username/:username',
      api: api('user-lookup'),
      handle: (context) => lookup(services, context, [context.params['username']], 'username'),
    },
    {
      method: 'GET',
      pattern: '/2/users/by',
      api: api('user-lookup', ['usernames']),
      handle: (context) => lookup(services, context, requiredList(context.query, 'usernames'), 'usernames'),
    },
    {
      method: 'GET',
      pattern: '/2/users/:id',
      api: api('user-lookup'),
      handle: (context) => lookup(services, context, [context.params['id']], 'id'),
    },
    {
      method: 'GET',
      pattern: '/2/users',
      api: api('user-lookup', ['ids']),
      handle: (context) => lookup(services, context, requiredList(context.query, 'ids'), 'ids'),
    },
  ];
}

function requiredList(query: URLSearchParams, name: string): string[] {
  const raw = query.get(name);
  if (raw === null || raw.length === 0)
    throw invalidRequest([
      { parameters: { [name]: [] }, message: `The \`${name}\` query parameter can not be empty` },
    ]);
  const values = raw.split(',');
  if (values.length > 100)
    throw invalidParameter(name, raw, `The \`${name}\` query parameter value has more than 100 entries`);
  return values;
}

function lookup(
  services: FakeXServices,
  context: RouteContext,
  keys: string[],
  parameter: 'id' | 'ids' | 'username' | 'usernames',
): void {
  const byUsername = parameter === 'username' || parameter === 'usernames';
  const found: UserRecord[] = [];
  const errors: Json[] = [];
  for (const key of keys) {
    if (!byUsername && !/^[0-9]{1,19}$/.test(key))
      throw invalidParameter(
        parameter,
        key,
        `The \`${parameter}\` query parameter value [${key}] does not match ^[0-9]{1,19}$`,
      );
    if (byUsername && !/^\w{1,15}$/.test(key))
      throw invalidParameter(
        parameter,
        key,
        `The \`${parameter}\` query parameter value [${key}] does not match ^[A-Za-z0-9_]{1,15}$`,
      );
    const user = byUsername ? services.store.findUserByUsername(key) : services.store.findUser(key);
    if (user) found.push(user);
    else errors.push(resourceNotFound({ resourceType: 'user', parameter, value: key }));
  }
  const isSingle = parameter === 'id' || parameter === 'username';
  sendUsers(services, context, found, errors, isSingle);
}

function sendUsers(
  services: FakeXServices,
  context: RouteContext,
  users: UserRecord[],
  errors: Json[],
  isSingle = true,
): void {
  const userFields = parseListParameter(context.query, 'user.fields', USER_FIELDS);
  const tweetFields = parseListParameter(context.query, 'tweet.fields', TWEET_FIELDS);
  const expansions = parseListParameter(context.query, 'expansions', USER_EXPANSIONS);
  const fieldsWithExpansions = new Set([
    ...userFields,
    ...[...expansions].filter((expansion) => expansion !== 'affiliation.user_id'),
  ]);
  const rendered = users.map((user) => renderUser(user, fieldsWithExpansions, services.store));
  const tweets: Json[] = [];
  for (const user of users) {
    const ids = new Set<string>();
    if (expansions.has('pinned_tweet_id') && user.pinnedPostId) ids.add(user.pinnedPostId);
    if (expansions.has('most_recent_tweet_id')) {
      const latest = mostRecentPostOf(user.id, services.store);
      if (latest) ids.add(latest.id);
    }
    for (const id of ids) {
      const post = services.store.findPost(id);
      if (post && !tweets.some((tweet) => tweet['id'] === id)) tweets.push(renderTweet(post, tweetFields));
    }
  }
  const data = isSingle ? rendered[0] : rendered.length > 0 ? rendered : undefined;
  context.send(200, {
    ...(data ? { data } : {}),
    ...(tweets.length > 0 ? { includes: { tweets } } : {}),
    ...(errors.length > 0 ? { errors } : {}),
  });
}
