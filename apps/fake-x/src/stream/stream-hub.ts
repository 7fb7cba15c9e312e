import type { ServerResponse } from 'node:http';
import type { TweetSelection } from '../render/field-selection';
import { buildTweetIncludes, renderTweet } from '../render/tweet-renderer';
import type { FakeXStore } from '../store/fake-x-store';
import type { PostRecord } from '../store/models';
import { PROBLEM_BASE } from '../server/x-errors';
import { matchesRule, toMatchable } from './rule-matcher';
import { parseRule, type RuleNode } from './rule-parser';

interface StreamConnection {
  id: number;
  response: ServerResponse;
  selection: TweetSelection;
  keepAliveTimer: NodeJS.Timeout;
  stallTimer?: NodeJS.Timeout;
  /** Messages held back while the connection is stalled; lost if the client gives up on it. */
  stalledMessages: string[];
  isStalled: boolean;
  connectedAtMs: number;
  deliveredCount: number;
}

export interface StreamStatus {
  isConnected: boolean;
  connectionId?: number;
  connectedAt?: string;
  isStalled: boolean;
  deliveredCount: number;
  totalConnections: number;
}

const OPERATIONAL_DISCONNECT = {
  errors: [
    {
      title: 'operational-disconnect',
      disconnect_type: 'UpstreamOperationalDisconnect',
      detail: 'This stream has been disconnected upstream for operational reasons.',
      type: `${PROBLEM_BASE}/operational-disconnect`,
    },
  ],
};

/** Sent in-stream to the connection a newer one replaces (DOCS handling-disconnections: TooManyConnections). */
const REPLACED_BY_NEW_CONNECTION = {
  errors: [
    {
      title: 'ConnectionException',
      detail: 'This stream is currently at the maximum allowed connection limit.',
      connection_issue: 'TooManyConnections',
      type: `${PROBLEM_BASE}/streaming-connection`,
    },
  ],
};

/**
 * The filtered stream: one connection per app (a new one closes the previous), `JSON + "\r\n"` per message,
 * a bare `"\r\n"` keep-alive every `keepAliveMs`, and the fault controls (drop, stall, operational disconnect).
 */
export class StreamHub {
  private connection: StreamConnection | undefined;
  private nextConnectionId = 1;
  private readonly parsedRules = new Map<string, RuleNode>();

  constructor(
    private readonly store: FakeXStore,
    private keepAliveMs: number,
  ) {
    store.on('post', (post) => this.publish(post));
  }

  setKeepAliveMs(keepAliveMs: number): void {
    this.keepAliveMs = keepAliveMs;
  }

  attach(options: {
    response: ServerResponse;
    selection: TweetSelection;
    headers: Record<string, string>;
    backfillMinutes: number;
  }): void {
    const { response } = options;
    if (this.connection) this.closeWith(this.connection, REPLACED_BY_NEW_CONNECTION);
    response.writeHead(200, {
      ...options.headers,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    response.flushHeaders();
    const connection: StreamConnection = {
      id: this.nextConnectionId++,
      response,
      selection: options.selection,
      keepAliveTimer: setInterval(() => {
        if (!connection.isStalled) response.write('\r\n');
      }, this.keepAliveMs),
      stalledMessages: [],
      isStalled: false,
      connectedAtMs: Date.now(),
      deliveredCount: 0,
    };
    this.connection = connection;
    response.on('close', () => this.forget(connection));
    if (options.backfillMinutes > 0) {
      const since = this.store.clock.now() - options.backfillMinutes * 60_000;
      const recent = this.store
        .allPostsNewestFirst()
        .filter((post) => post.createdAtMs >= since)
        .reverse();
      for (const post of recent) this.deliver(connection, post);
    }
  }

  /** Destroys the socket without a goodbye (a network drop). */
  drop(): boolean {
    const connection = this.connection;
    if (!connection) return false;
    this.forget(connection);
    connection.response.destroy();
    return true;
  }

  /** Sends nothing at all (not even keep-alives) for `durationMs`; held messages follow if the client is still there. */
  stall(durationMs: number): boolean {
    const connection = this.connection;
    if (!connection) return false;
    connection.isStalled = true;
    clearTimeout(connection.stallTimer);
    connection.stallTimer = setTimeout(() => {
      connection.isStalled = false;
      if (this.connection !== connection) return;
      for (const message of connection.stalledMessages.splice(0)) connection.response.write(message);
    }, durationMs);
    return true;
  }

  /** Writes one raw line as sent (a broken payload, for clients' error handling), framed with `\r\n`. */
  sendRawLine(line: string): boolean {
    const connection = this.connection;
    if (!connection) return false;
    const framed = `${line}\r\n`;
    if (connection.isStalled) connection.stalledMessages.push(framed);
    else connection.response.write(framed);
    return true;
  }

  operationalDisconnect(): boolean {
    if (!this.connection) return false;
    this.closeWith(this.connection, OPERATIONAL_DISCONNECT);
    return true;
  }

  status(): StreamStatus {
    const connection = this.connection;
    return {
      isConnected: connection !== undefined,
      connectionId: connection?.id,
      connectedAt: connection ? new Date(connection.connectedAtMs).toISOString() : undefined,
      isStalled: connection?.isStalled ?? false,
      deliveredCount: connection?.deliveredCount ?? 0,
      totalConnections: this.nextConnectionId - 1,
    };
  }

  close(): void {
    if (this.connection) this.drop();
  }

  /** The rules a post matches, as `matching_rules` entries (`tag` only when the rule has one). */
  matchingRules(post: PostRecord): { id: string; tag?: string }[] {
    const rules = this.store.listRules();
    if (rules.length === 0) return [];
    const matchable = toMatchable(post, this.store);
    return rules
      .filter((rule) => matchesRule(this.parsed(rule.value), matchable))
      .map((rule) => (rule.tag === undefined ? { id: rule.id } : { id: rule.id, tag: rule.tag }));
  }

  private publish(post: PostRecord): void {
    if (this.connection) this.deliver(this.connection, post);
  }

  private deliver(connection: StreamConnection, post: PostRecord): void {
    const matchingRules = this.matchingRules(post);
    if (matchingRules.length === 0) return;
    const includes = buildTweetIncludes([post], connection.selection, this.store);
    const message = {
      data: renderTweet(post, connection.selection.tweetFields),
      ...(includes ? { includes } : {}),
      matching_rules: matchingRules,
    };
    const line = `${JSON.stringify(message)}\r\n`;
    connection.deliveredCount += 1;
    if (connection.isStalled) connection.stalledMessages.push(line);
    else connection.response.write(line);
  }

  private parsed(value: string): RuleNode {
    let node = this.parsedRules.get(value);
    if (!node) {
      node = parseRule(value);
      this.parsedRules.set(value, node);
    }
    return node;
  }

  private closeWith(connection: StreamConnection, message: unknown): void {
    this.forget(connection);
    connection.response.end(`${JSON.stringify(message)}\r\n`);
  }

  private forget(connection: StreamConnection): void {
    clearInterval(connection.keepAliveTimer);
    clearTimeout(connection.stallTimer);
    if (this.connection === connection) this.connection = undefined;
  }
}
