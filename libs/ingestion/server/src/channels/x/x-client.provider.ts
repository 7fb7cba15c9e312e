import * as http from 'node:http';
import {
  ApiResponseError,
  ETwitterStreamEvent,
  type ITwitterApiClientPlugin,
  TwitterApi,
} from 'twitter-api-v2';
import type { ChannelFailure } from '@vigie/ingestion-core';

/**
 * The only file that imports twitter-api-v2 (STYLE). Everything else in the X channel talks to `XApi`, which
 * returns X's raw JSON pages (normalised by @vigie/ingestion-core) and maps the library's errors to
 * {@link ChannelFailure}.
 */

export type XCredentials = {
  accessToken: string;
  accessSecret?: string;
  consumerKey?: string;
  consumerSecret?: string;
  appBearerToken?: string;
};

export type XProfile = { externalUserId: string; handle: string; displayName: string };

export type XStreamHandlers = {
  onMessage(message: unknown): void;
  /** A line that is not JSON: the library gives only the parser's message (which quotes the start of the line). */
  onMalformedLine(detail: string): void;
  /** An in-stream error object (`operational-disconnect`, `TooManyConnections`); X closes the stream after it. */
  onStreamError(payload: unknown): void;
};

export type XStreamConnection = { closed: Promise<void>; close(): void };

const tweetFields = [
  'author_id',
  'conversation_id',
  'created_at',
  'in_reply_to_user_id',
  'referenced_tweets',
  'lang',
  'entities',
];
const userFields = ['username', 'name', 'verified', 'public_metrics'];
const postQuery = {
  'tweet.fields': tweetFields.join(','),
  expansions: 'author_id',
  'user.fields': userFields.join(','),
};
const dmQuery = {
  'dm_event.fields': 'id,event_type,text,sender_id,dm_conversation_id,created_at',
  expansions: 'sender_id',
  'user.fields': userFields.join(','),
  event_types: 'MessageCreate',
  max_results: '100',
};

/** Points every REST and stream call at another base URL (a fake X); the library has no base-URL setting. */
function baseUrlPlugin(baseUrl: string): ITwitterApiClientPlugin {
  const base = new URL(baseUrl);
  const rewrite = (params: { url: URL | string }) => {
    const raw = params.url.toString();
    const url = new URL(/^https?:\/\//.test(raw) ? raw : `https://${raw}`);
    url.protocol = base.protocol;
    url.host = base.host;
    params.url = url.toString();
  };
  return {
    onBeforeRequestConfig: ({ params }) => rewrite(params),
    onBeforeStreamRequestConfig: ({ params }) => rewrite(params),
  };
}

function createClient(
  token: string | { appKey: string; appSecret: string; accessToken: string; accessSecret: string },
  apiBaseUrl: string | undefined,
): TwitterApi {
  if (!apiBaseUrl) return typeof token === 'string' ? new TwitterApi(token) : new TwitterApi(token);
  // Plain http needs an http.Agent: the library always calls https.request (toolchain notes §2).
  const settings = {
    plugins: [baseUrlPlugin(apiBaseUrl)],
    ...(apiBaseUrl.startsWith('http:') ? { httpAgent: new http.Agent({ keepAlive: true }) } : {}),
  };
  return typeof token === 'string' ? new TwitterApi(token, settings) : new TwitterApi(token, settings);
}

/** Maps what twitter-api-v2 throws to how ingestion should retry. */
export function toChannelFailure(error: unknown): ChannelFailure {
  if (error instanceof ApiResponseError) {
    if (error.rateLimitError || error.code === 429) {
      const reset = error.rateLimit?.reset;
      return { kind: 'rate_limited', resetAt: typeof reset === 'number' ? new Date(reset * 1000) : null };
    }
    if (error.code === 401 || error.code === 403) return { kind: 'unauthorized' };
    if (error.code >= 500) return { kind: 'server' };
    return { kind: 'rejected', status: error.code };
  }
  return { kind: 'network' };
}

/** A short, token-free description of a failure for logs and the account's `last_error`. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiResponseError) {
    const data = error.data as { title?: string; detail?: string };
    return `X answered ${error.code}${data.title ? ` ${data.title}` : ''}${data.detail ? `: ${data.detail}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** One connected account's view of the X API. */
export class XApi {
  private readonly user: TwitterApi;
  private readonly app: TwitterApi | undefined;

  constructor(params: { credentials: XCredentials; apiBaseUrl?: string }) {
    const { credentials } = params;
    const isOAuth1 = Boolean(
      credentials.accessSecret && credentials.consumerKey && credentials.consumerSecret,
    );
    this.user = createClient(
      isOAuth1
        ? {
            appKey: credentials.consumerKey as string,
            appSecret: credentials.consumerSecret as string,
            accessToken: credentials.accessToken,
            accessSecret: credentials.accessSecret as string,
          }
        : credentials.accessToken,
      params.apiBaseUrl,
    );
    this.app = credentials.appBearerToken
      ? createClient(credentials.appBearerToken, params.apiBaseUrl)
      : undefined;
  }

  async me(): Promise<XProfile> {
    const body = await this.user.v2.get<{ data: { id: string; username: string; name: string } }>('users/me');
    return { externalUserId: body.data.id, handle: body.data.username, displayName: body.data.name };
  }

  /** Adds the account's stream rule unless a rule with that value exists (X answers a duplicate with 200). */
  async ensureStreamRule(rule: { value: string; tag: string }): Promise<void> {
    const app = this.requireApp();
    const existing = await app.v2.get<{ data?: { value: string }[] }>('tweets/search/stream/rules');
    if (existing.data?.some((candidate) => candidate.value === rule.value)) return;
    await app.v2.post('tweets/search/stream/rules', { add: [rule] });
  }

  /** Opens the filtered stream without the library's auto-reconnect: the worker reconnects and backfills itself. */
  async openStream(params: {
    keepAliveTimeoutMs: number;
    handlers: XStreamHandlers;
  }): Promise<XStreamConnection> {
    const stream = this.requireApp().v2.searchStream({ autoConnect: false, ...postQuery });
    let resolveClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
    stream.on(ETwitterStreamEvent.Data, (message: unknown) => params.handlers.onMessage(message));
    stream.on(ETwitterStreamEvent.DataError, (payload: unknown) => params.handlers.onStreamError(payload));
    stream.on(ETwitterStreamEvent.TweetParseError, (error: unknown) =>
      params.handlers.onMalformedLine(error instanceof Error ? error.message : String(error)),
    );
    stream.on(ETwitterStreamEvent.ConnectionClosed, () => resolveClosed());
    stream.on(ETwitterStreamEvent.ConnectionLost, () => resolveClosed());
    await stream.connect({ autoReconnect: false, keepAliveTimeout: params.keepAliveTimeoutMs });
    return {
      closed,
      close: () => {
        stream.close();
        resolveClosed();
      },
    };
  }

  /** Recent-search pages newer than `sinceId`, newest first (all pages, or the first one without `sinceId`). */
  searchSince(params: { query: string; sinceId: string | null; maxPages: number }): Promise<unknown[]> {
    const app = this.requireApp();
    return this.collectPages(
      (token) =>
        app.v2.get('tweets/search/recent', {
          ...postQuery,
          query: params.query,
          max_results: '100',
          ...(params.sinceId ? { since_id: params.sinceId } : {}),
          ...(token ? { next_token: token } : {}),
        }),
      { maxPages: params.sinceId ? params.maxPages : 1 },
    );
  }

  /** Mention-timeline pages newer than `sinceId`, newest first. */
  mentionsSince(params: { userId: string; sinceId: string | null; maxPages: number }): Promise<unknown[]> {
    return this.collectPages(
      (token) =>
        this.user.v2.get(`users/${params.userId}/mentions`, {
          ...postQuery,
          max_results: '100',
          ...(params.sinceId ? { since_id: params.sinceId } : {}),
          ...(token ? { pagination_token: token } : {}),
        }),
      { maxPages: params.sinceId ? params.maxPages : 1 },
    );
  }

  /** DM event pages, newest first, until a page reaches `stopAtId` (X has no since_id for DMs). */
  dmEventsSince(params: {
    sinceId: string | null;
    maxPages: number;
    isOlderOrEqual: (id: string) => boolean;
  }): Promise<unknown[]> {
    return this.collectPages(
      (token) => this.user.v2.get('dm_events', { ...dmQuery, ...(token ? { pagination_token: token } : {}) }),
      {
        maxPages: params.sinceId ? params.maxPages : 1,
        isLastPage: (page) => {
          const events = (page as { data?: { id?: string }[] }).data ?? [];
          return (
            params.sinceId !== null &&
            events.some((event) => typeof event.id === 'string' && params.isOlderOrEqual(event.id))
          );
        },
      },
    );
  }

  /** Posts a reply (201 `{data:{id,text}}`); outbox only. Returns the new post's id. */
  async createReply(params: { text: string; inReplyToId: string }): Promise<string> {
    const result = await this.user.v2.reply(params.text, params.inReplyToId);
    return result.data.id;
  }

  /** Sends a DM to one participant (201 `{data:{dm_conversation_id, dm_event_id}}`); outbox only. */
  async sendDirectMessage(params: { recipientId: string; text: string }): Promise<string> {
    // X answers `{data:{dm_conversation_id, dm_event_id}}` (OAS CreateDmEventResponse); the library's type
    // forgets the `data` envelope, so read both shapes.
    const result = (await this.user.v2.sendDmToParticipant(params.recipientId, { text: params.text })) as {
      data?: { dm_event_id?: string };
      dm_event_id?: string;
    };
    const id = result.data?.dm_event_id ?? result.dm_event_id;
    if (!id) throw new Error('X accepted the DM without giving its event id');
    return id;
  }

  /** The account's own recent replies, newest first (outbox: did an unanswered attempt land?). */
  async recentRepliesBy(params: {
    handle: string;
  }): Promise<{ id: string; text: string; inReplyToId: string | null }[]> {
    const body = await (this.app ?? this.user).v2.get<{
      data?: { id: string; text: string; referenced_tweets?: { type: string; id: string }[] }[];
    }>('tweets/search/recent', {
      query: `from:${params.handle} is:reply`,
      'tweet.fields': 'referenced_tweets,created_at',
      max_results: '100',
    });
    return (body.data ?? []).map((post) => ({
      id: post.id,
      text: post.text,
      inReplyToId: post.referenced_tweets?.find((reference) => reference.type === 'replied_to')?.id ?? null,
    }));
  }

  /** Recent DM events with one participant, newest first (outbox: did an unanswered attempt land?). */
  async recentDirectMessagesWith(params: {
    participantId: string;
  }): Promise<{ id: string; text: string; senderId: string | null }[]> {
    const body = await this.user.v2.get<{ data?: { id: string; text?: string; sender_id?: string }[] }>(
      `dm_conversations/with/${params.participantId}/dm_events`,
      { 'dm_event.fields': 'id,text,sender_id,created_at', event_types: 'MessageCreate', max_results: '100' },
    );
    return (body.data ?? []).map((event) => ({
      id: event.id,
      text: event.text ?? '',
      senderId: event.sender_id ?? null,
    }));
  }

  private async collectPages(
    fetchPage: (token: string | undefined) => Promise<unknown>,
    options: { maxPages: number; isLastPage?: (page: unknown) => boolean },
  ): Promise<unknown[]> {
    const pages: unknown[] = [];
    let token: string | undefined;
    do {
      const page = await fetchPage(token);
      pages.push(page);
      token = (page as { meta?: { next_token?: string } }).meta?.next_token;
      if (options.isLastPage?.(page)) break;
    } while (token && pages.length < options.maxPages);
    return pages;
  }

  private requireApp(): TwitterApi {
    if (!this.app) throw new Error('This account has no app bearer token: the stream and search need one.');
    return this.app;
  }
}

/** Creates XApi clients (a class so tests and the composition root can swap it). */
export class XClientProvider {
  create(params: { credentials: XCredentials; apiBaseUrl?: string }): XApi {
    return new XApi(params);
  }
}
