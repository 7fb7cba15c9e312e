export type EndpointKey =
  | 'mentions'
  | 'search-recent'
  | 'stream-connect'
  | 'stream-rules-read'
  | 'stream-rules-write'
  | 'tweet-create'
  | 'tweet-lookup'
  | 'user-lookup'
  | 'user-me'
  | 'dm-lookup'
  | 'dm-send'
  | 'other';

export interface EndpointLimit {
  /** Requests per window with a Bearer (app) token; undefined = the endpoint has no app limit. */
  app?: number;
  /** Requests per window per user (user context). */
  user?: number;
  windowSeconds: number;
}

const FIFTEEN_MINUTES = 15 * 60;

/**
 * Per-endpoint windows (DOCS fundamentals/rate-limits.mdx, see x-api-v2.md). Where the docs conflict
 * (POST /2/tweets) the stricter table value is used. Lookup limits are X's published values for
 * GET /2/users/:id, /2/users/me and /2/tweets.
 */
export const DEFAULT_LIMITS: Record<EndpointKey, EndpointLimit> = {
  mentions: { app: 450, user: 300, windowSeconds: FIFTEEN_MINUTES },
  'search-recent': { app: 450, user: 300, windowSeconds: FIFTEEN_MINUTES },
  'stream-connect': { app: 50, windowSeconds: FIFTEEN_MINUTES },
  'stream-rules-read': { app: 450, windowSeconds: FIFTEEN_MINUTES },
  'stream-rules-write': { app: 100, windowSeconds: FIFTEEN_MINUTES },
  'tweet-create': { user: 100, windowSeconds: FIFTEEN_MINUTES },
  'tweet-lookup': { app: 450, user: 900, windowSeconds: FIFTEEN_MINUTES },
  'user-lookup': { app: 300, user: 900, windowSeconds: FIFTEEN_MINUTES },
  'user-me': { user: 75, windowSeconds: FIFTEEN_MINUTES },
  'dm-lookup': { user: 15, windowSeconds: FIFTEEN_MINUTES },
  'dm-send': { user: 15, windowSeconds: FIFTEEN_MINUTES },
  other: { app: 300, user: 300, windowSeconds: FIFTEEN_MINUTES },
};

export interface RateLimitStatus {
  limit: number;
  remaining: number;
  resetEpochSeconds: number;
  isExceeded: boolean;
}

interface Window {
  startedAtMs: number;
  used: number;
}

/** Fixed windows per (endpoint, caller): the caller is "app" for Bearer tokens, the user id otherwise. */
export class RateLimiter {
  private limits: Record<EndpointKey, EndpointLimit>;
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly now: () => number,
    overrides: Partial<Record<EndpointKey, Partial<EndpointLimit>>> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS };
    for (const [endpoint, limit] of Object.entries(overrides)) this.setLimit(endpoint as EndpointKey, limit);
  }

  setLimit(endpoint: EndpointKey, limit: Partial<EndpointLimit>): void {
    this.limits[endpoint] = { ...this.limits[endpoint], ...limit };
    for (const key of [...this.windows.keys()]) if (key.startsWith(`${endpoint}|`)) this.windows.delete(key);
  }

  listLimits(): Record<EndpointKey, EndpointLimit> {
    return { ...this.limits };
  }

  resetWindows(): void {
    this.windows.clear();
  }

  /** Counts one request (unless `isCounted` is false) and reports the window after it. */
  consume(options: {
    endpoint: EndpointKey;
    callerKey: string;
    isUserContext: boolean;
    isCounted?: boolean;
  }): RateLimitStatus {
    const config = this.limits[options.endpoint];
    const limit = (options.isUserContext ? (config.user ?? config.app) : (config.app ?? config.user)) ?? 0;
    const key = `${options.endpoint}|${options.callerKey}`;
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now >= window.startedAtMs + config.windowSeconds * 1000) {
      window = { startedAtMs: now, used: 0 };
      this.windows.set(key, window);
    }
    const resetEpochSeconds = Math.ceil((window.startedAtMs + config.windowSeconds * 1000) / 1000);
    if (options.isCounted === false) {
      return { limit, remaining: Math.max(0, limit - window.used), resetEpochSeconds, isExceeded: false };
    }
    if (window.used >= limit) return { limit, remaining: 0, resetEpochSeconds, isExceeded: true };
    window.used += 1;
    return { limit, remaining: limit - window.used, resetEpochSeconds, isExceeded: false };
  }
}

export function rateLimitHeaders(status: RateLimitStatus): Record<string, string> {
  return {
    'x-rate-limit-limit': String(status.limit),
    'x-rate-limit-remaining': String(status.remaining),
    'x-rate-limit-reset': String(status.resetEpochSeconds),
  };
}
