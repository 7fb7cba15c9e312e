import { TWEET_FIELDS } from '../render/field-selection';
import { renderTweet } from '../render/tweet-renderer';
import type { UserRecord } from '../store/models';
import { isoDate } from '../server/http-helpers';
import type { Route } from '../server/router';
import type { FakeXServices } from '../server/services';
import { genericProblem } from '../server/x-errors';
import { z } from 'zod';
import {
  dmInputSchema,
  parseControl,
  readControlBody,
  postInputSchema,
  resolveUser,
  userInputSchema,
} from './control-input';
import { renderDmEvent } from './dm-routes';

const ALL_TWEET_FIELDS = new Set<string>(TWEET_FIELDS);
const ALL_DM_FIELDS = new Set(['sender_id', 'dm_conversation_id', 'created_at']);

/** Control routes that shape the world: users, injected posts and DMs, what the app posted, reset, clock. */
export function controlWorldRoutes(services: FakeXServices): Route[] {
  const { store } = services;
  return [
    {
      method: 'GET',
      pattern: '/control/users',
      handle: (context) => context.send(200, { data: store.listUsers().map(renderControlUser) }),
    },
    {
      method: 'GET',
      pattern: '/control/users/:ref',
      handle: (context) =>
        context.send(200, { data: renderControlUser(resolveUser(store, context.params['ref'])) }),
    },
    {
      method: 'POST',
      pattern: '/control/users',
      handle: async (context) => {
        const input = parseControl(userInputSchema, await readControlBody(context.request));
        const username = input.username.replace(/^@/, '');
        if (input.id && store.findUser(input.id))
          throw genericProblem(409, `User id ${input.id} already exists`);
        const existing = store.findUserByUsername(username);
        const user = existing ?? store.createUser({ ...input, username });
        context.send(existing ? 200 : 201, { data: renderControlUser(user) });
      },
    },
    {
      method: 'POST',
      pattern: '/control/posts',
      handle: async (context) => {
        const input = parseControl(postInputSchema, await readControlBody(context.request));
        const author = resolveUser(store, input.author);
        const repliedTo = input.inReplyTo ? findPostOr404(services, input.inReplyTo) : undefined;
        const quoted = input.quoteOf ? findPostOr404(services, input.quoteOf) : undefined;
        const retweeted = input.retweetOf ? findPostOr404(services, input.retweetOf) : undefined;
        let text = input.text ?? '';
        if (retweeted)
          text = `RT @${store.findUser(retweeted.authorId)?.username ?? 'unknown'}: ${retweeted.text}`;
        if (text.length === 0) throw genericProblem(400, 'text: required (except for a retweet)');
        if (repliedTo) {
          // v2 text carries the leading @mention of the replied-to author, as X adds it to replies.
          const handle = store.findUser(repliedTo.authorId)?.username;
          if (
            handle &&
            repliedTo.authorId !== author.id &&
            !text.toLowerCase().startsWith(`@${handle.toLowerCase()}`)
          )
            text = `@${handle} ${text}`;
        }
        const post = store.createPost({
          authorId: author.id,
          text,
          inReplyToPostId: repliedTo?.id,
          quotedPostId: quoted?.id,
          retweetedPostId: retweeted?.id,
          lang: input.lang ?? retweeted?.lang ?? 'en',
          createdAtMs: input.createdAt ? Date.parse(input.createdAt) : undefined,
          origin: 'control',
        });
        context.send(201, {
          data: renderTweet(post, ALL_TWEET_FIELDS),
          matching_rules: services.stream.matchingRules(post),
        });
      },
    },
    {
      method: 'POST',
      pattern: '/control/dms',
      handle: async (context) => {
        const input = parseControl(dmInputSchema, await readControlBody(context.request));
        const sender = resolveUser(store, input.from);
        const recipient = resolveUser(store, input.to);
        if (sender.id === recipient.id) throw genericProblem(400, 'from and to must differ');
        const event = store.createDm({
          senderId: sender.id,
          recipientId: recipient.id,
          text: input.text,
          createdAtMs: input.createdAt ? Date.parse(input.createdAt) : undefined,
          origin: 'control',
        });
        context.send(201, { data: renderDmEvent(event, ALL_DM_FIELDS), recipient_id: recipient.id });
      },
    },
    {
      method: 'GET',
      pattern: '/control/posted',
      handle: (context) =>
        context.send(200, {
          tweets: store.postsByOrigin('api').map((post) => ({
            id: post.id,
            text: post.text,
            author_id: post.authorId,
            author_username: store.findUser(post.authorId)?.username,
            in_reply_to_tweet_id: post.inReplyToPostId ?? null,
            in_reply_to_user_id: post.inReplyToUserId ?? null,
            quote_tweet_id: post.quotedPostId ?? null,
            conversation_id: post.conversationId,
            created_at: isoDate(post.createdAtMs),
          })),
          dms: store.dmsByOrigin('api').map((event) => ({
            id: event.id,
            dm_conversation_id: event.conversationId,
            sender_id: event.senderId,
            recipient_id: event.recipientId,
            text: event.text,
            created_at: isoDate(event.createdAtMs),
          })),
        }),
    },
    {
      method: 'POST',
      pattern: '/control/reset',
      handle: (context) => {
        services.scenario.stop();
        services.stream.close();
        services.webhooks.clear();
        services.faults.clear();
        services.rateLimiter.resetWindows();
        services.clock.setOffsetMs(0);
        store.reset();
        services.seedDefaults();
        context.send(200, { data: { reset: true, users: store.listUsers().map(renderControlUser) } });
      },
    },
    { method: 'GET', pattern: '/control/clock', handle: (context) => context.send(200, clockBody(services)) },
    {
      method: 'POST',
      pattern: '/control/clock',
      handle: async (context) => {
        const input = parseControl(
          z.object({ offsetMs: z.number().int() }),
          await readControlBody(context.request),
        );
        services.clock.setOffsetMs(input.offsetMs);
        store.snowflake.followClock();
        context.send(200, clockBody(services));
      },
    },
    {
      method: 'POST',
      pattern: '/control/policies',
      handle: async (context) => {
        const input = parseControl(
          z.object({
            isReplyRestricted: z.boolean().optional(),
            isDuplicateContentRejected: z.boolean().optional(),
          }),
          await readControlBody(context.request),
        );
        Object.assign(services.policies, input);
        context.send(200, { data: services.policies });
      },
    },
  ];
}

function clockBody(services: FakeXServices): { now: string; offsetMs: number } {
  return { now: isoDate(services.clock.now()), offsetMs: services.clock.getOffsetMs() };
}

function findPostOr404(services: FakeXServices, id: string) {
  const post = services.store.findPost(id);
  if (!post) throw genericProblem(404, `Unknown post ${id}`);
  return post;
}

export function renderControlUser(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    kind: user.kind,
    verified: user.verified,
    followers_count: user.followersCount,
    lang: user.lang ?? null,
    access_token: user.accessTokens[0],
    access_tokens: user.accessTokens,
  };
}
