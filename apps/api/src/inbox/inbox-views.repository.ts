import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  ChannelName,
  InboxSlaWarning,
  InboxView,
  InboxVolumeHour,
  MessageIntent,
  RoutingPriority,
  SlaClockKind,
  SlaMetricName,
} from '@vigie/contracts';
import { assertNever } from '@vigie/kernel';
import type { InboxCursor } from './inbox-query';

export type InboxRowFilters = {
  brandId?: string;
  channel?: ChannelName;
  language?: string;
  intent?: MessageIntent;
  priority?: RoutingPriority;
  tag?: string;
  /** Prefix terms joined by `&` (`searchTsquery`): folded and parsed by the database. */
  tsquery?: string;
};

export type InboxRow = { conversationId: string; sortAt: Date };

export type InboxDecoration = {
  tags: string[];
  priority: RoutingPriority | null;
  assigneeId: string | null;
};

/** A live clock in breach: recorded by the scheduler, or running past its due time (the scheduler may lag). */
const breachedClock = (clock: string, now: string) =>
  `(${clock}.status IN ('running', 'paused') AND ${clock}.breached_at IS NOT NULL
    OR ${clock}.status = 'running' AND ${clock}.due_at <= ${now})`;

/**
 * The console's inbox views in SQL (docs/adr/0501). A read model over several domains' tables — conversations and
 * messages (inbox), customers (CRM), assignment (routing), clocks (SLA), teams (identity) — so it lives in the
 * composition root, like the CRM's view of the inbox. One statement per page, keyset on the view's sort key.
 */
@Injectable()
export class InboxViewsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listPage(params: {
    view: InboxView;
    userId: string;
    now: Date;
    filters: InboxRowFilters;
    after: InboxCursor | null;
    limit: number;
  }): Promise<InboxRow[]> {
    const values: unknown[] = [];
    const bind = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    const conditions: string[] = [];
    let ctes = '';
    let from = 'conversation c';
    let sortKey = 'c.last_activity_at';
    let direction: 'ASC' | 'DESC' = 'DESC';
    const now = (): string => bind(params.now);

    switch (params.view) {
      case 'all':
        break;
      case 'mine':
        // An agent holds a few conversations: start from hers (assignee index), then sort those.
        ctes = `held AS MATERIALIZED (
          SELECT conversation_id FROM routing_conversation WHERE assignee_id = ${bind(params.userId)})`;
        from = 'held JOIN conversation c ON c.id = held.conversation_id';
        conditions.push(`c.status <> 'resolved'`);
        break;
      case 'unassigned':
        from = 'routing_conversation rc JOIN conversation c ON c.id = rc.conversation_id';
        conditions.push(
          'rc.assignee_id IS NULL',
          'rc.queued_at IS NOT NULL',
          'c.needs_reply',
          `c.status <> 'resolved'`,
        );
        break;
      case 'team': {
        // Held by a member of one of my teams (me included), or queued for one of my teams.
        const userId = bind(params.userId);
        ctes = `my_team AS MATERIALIZED (SELECT team_id FROM team_member WHERE user_id = ${userId}),
          held AS MATERIALIZED (
            SELECT rc.conversation_id FROM routing_conversation rc
            WHERE rc.team_id IN (SELECT team_id FROM my_team)
               OR rc.assignee_id IN (SELECT tm.user_id FROM team_member tm WHERE tm.team_id IN (SELECT team_id FROM my_team)))`;
        from = 'held JOIN conversation c ON c.id = held.conversation_id';
        conditions.push(`c.status <> 'resolved'`);
        break;
      }
      case 'pending':
      case 'snoozed':
      case 'resolved':
        conditions.push(`c.status = ${bind(params.view)}`);
        break;
      case 'breached': {
        const at = now();
        // Most overdue first: the earliest due time among its clocks in breach.
        ctes = `due AS MATERIALIZED (
          SELECT s.conversation_id, min(coalesce(s.due_at, s.breached_at)) AS sort_at FROM sla_clock s
          WHERE ${breachedClock('s', at)}
          GROUP BY s.conversation_id)`;
        from = 'due JOIN conversation c ON c.id = due.conversation_id';
        sortKey = 'due.sort_at';
        direction = 'ASC';
        conditions.push(`c.status <> 'resolved'`);
        break;
      }
      case 'at_risk': {
        const at = now();
        // A running clock the engine warned about in its current cycle, due later; no clock of it in breach.
        ctes = `due AS MATERIALIZED (
          SELECT s.conversation_id, min(s.due_at) AS sort_at FROM sla_clock s
          WHERE s.status = 'running' AND s.breached_at IS NULL AND s.due_at > ${at}
            AND EXISTS (SELECT 1 FROM sla_event e WHERE e.conversation_id = s.conversation_id AND e.clock = s.clock
              AND e.metric = s.metric AND e.kind = 'warned' AND e.at >= s.started_at)
            AND NOT EXISTS (SELECT 1 FROM sla_clock b WHERE b.conversation_id = s.conversation_id
              AND ${breachedClock('b', at)})
          GROUP BY s.conversation_id)`;
        from = 'due JOIN conversation c ON c.id = due.conversation_id';
        sortKey = 'due.sort_at';
        direction = 'ASC';
        conditions.push(`c.status <> 'resolved'`);
        break;
      }
      default:
        return assertNever(params.view, 'Unknown inbox view');
    }

    const filters = params.filters;
    if (filters.brandId) conditions.push(`c.brand_id = ${bind(filters.brandId)}`);
    if (filters.channel) conditions.push(`c.channel = ${bind(filters.channel)}`);
    if (filters.tag) conditions.push(`c.tags @> ARRAY[${bind(filters.tag)}]::text[]`);
    if (filters.language)
      conditions.push(`EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id
        AND m.direction = 'inbound' AND m.language = ${bind(filters.language)})`);
    if (filters.intent)
      conditions.push(
        `EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id AND m.intent = ${bind(filters.intent)})`,
      );
    if (filters.priority)
      conditions.push(`EXISTS (SELECT 1 FROM routing_conversation rp WHERE rp.conversation_id = c.id
        AND rp.priority = ${bind(filters.priority)})`);
    if (filters.tsquery) {
      // Each side reads its GIN index once (a hashed subplan), then the view walks its order probing the hashes.
      const query = `to_tsquery('simple'::regconfig, vigie_search_fold(${bind(filters.tsquery)}))`;
      conditions.push(`(
        c.id IN (SELECT m.conversation_id FROM message m WHERE vigie_search_vector(m.text) @@ ${query})
        OR c.contact_id IN (SELECT ci.contact_id FROM contact_identity ci
          WHERE vigie_search_vector(coalesce(ci.handle, '') || ' ' || coalesce(ci.display_name, '')) @@ ${query})
        OR c.contact_id IN (SELECT ct.id FROM contact ct WHERE vigie_search_vector(ct.display_name) @@ ${query}))`);
    }
    if (params.after) {
      const comparison = direction === 'DESC' ? '<' : '>';
      conditions.push(
        `(${sortKey}, c.id) ${comparison} (${bind(params.after.sortAt)}::timestamptz, ${bind(params.after.id)}::uuid)`,
      );
    }
    const sql = `${ctes ? `WITH ${ctes} ` : ''}SELECT c.id, ${sortKey} AS sort_at FROM ${from}
      ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY ${sortKey} ${direction}, c.id ${direction} LIMIT ${bind(params.limit)}`;
    const rows = (await this.dataSource.query(sql, values)) as { id: string; sort_at: Date }[];
    return rows.map((row) => ({ conversationId: row.id, sortAt: row.sort_at }));
  }

  /** Tags, routing priority and assignee of these conversations (the list shows them beside the summary). */
  async decorations(conversationIds: string[]): Promise<Map<string, InboxDecoration>> {
    if (conversationIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.tags, rc.priority, rc.assignee_id FROM conversation c
       LEFT JOIN routing_conversation rc ON rc.conversation_id = c.id
       WHERE c.id = ANY($1::uuid[])`,
      [conversationIds],
    )) as { id: string; tags: string[]; priority: RoutingPriority | null; assignee_id: string | null }[];
    return new Map(
      rows.map((row) => [
        row.id,
        { tags: row.tags ?? [], priority: row.priority, assigneeId: row.assignee_id },
      ]),
    );
  }

  /** The latest warning the SLA engine fired about each clock of these conversations. */
  async warnings(conversationIds: string[]): Promise<Map<string, InboxSlaWarning[]>> {
    const byConversation = new Map<string, InboxSlaWarning[]>();
    if (conversationIds.length === 0) return byConversation;
    const rows = (await this.dataSource.query(
      `SELECT conversation_id, clock, metric, max(at) AS at FROM sla_event
       WHERE conversation_id = ANY($1::uuid[]) AND kind = 'warned'
       GROUP BY conversation_id, clock, metric`,
      [conversationIds],
    )) as { conversation_id: string; clock: SlaClockKind; metric: SlaMetricName; at: Date }[];
    for (const row of rows) {
      const list = byConversation.get(row.conversation_id) ?? [];
      list.push({ clock: row.clock, metric: row.metric, at: row.at.toISOString() });
      byConversation.set(row.conversation_id, list);
    }
    return byConversation;
  }

  /**
   * Customers' posts and DMs per hour of the zone, every hour of [from, to) listed (empty ones as zeros). Reads
   * `message` by its `sent_at` index; the first hour starts at the hour `from` falls in.
   */
  async hourlyVolume(params: { from: Date; to: Date; timezone: string }): Promise<InboxVolumeHour[]> {
    const rows = (await this.dataSource.query(
      `WITH counted AS (
         SELECT date_trunc('hour', m.sent_at, $3) AS hour_start,
           count(*) FILTER (WHERE m.kind IN ('mention', 'reply', 'quote'))::int AS mentions,
           count(*) FILTER (WHERE m.kind = 'direct_message')::int AS direct_messages,
           count(*) FILTER (WHERE m.needs_reply AND m.kind <> 'retweet')::int AS needing_reply
         FROM message m
         WHERE m.sent_at >= $1 AND m.sent_at < $2 AND m.direction = 'inbound' AND m.author_kind = 'customer'
         GROUP BY 1)
       SELECT h.hour_start, coalesce(c.mentions, 0) AS mentions, coalesce(c.direct_messages, 0) AS direct_messages,
         coalesce(c.needing_reply, 0) AS needing_reply
       FROM generate_series(date_trunc('hour', $1::timestamptz, $3), $2::timestamptz - interval '1 millisecond',
         interval '1 hour') AS h(hour_start)
       LEFT JOIN counted c ON c.hour_start = h.hour_start
       ORDER BY h.hour_start`,
      [params.from, params.to, params.timezone],
    )) as { hour_start: Date; mentions: number; direct_messages: number; needing_reply: number }[];
    return rows.map((row) => ({
      at: row.hour_start.toISOString(),
      mentions: row.mentions,
      directMessages: row.direct_messages,
      needingReply: row.needing_reply,
    }));
  }

  async brands(): Promise<{ id: string; name: string; defaultLanguage: string }[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, name, default_language FROM brand ORDER BY lower(name), id`,
    )) as { id: string; name: string; default_language: string }[];
    return rows.map((row) => ({ id: row.id, name: row.name, defaultLanguage: row.default_language }));
  }

  /** Languages of the conversations routing holds (triage's reading), a small table. */
  async routedLanguages(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT language FROM routing_conversation WHERE language IS NOT NULL`,
    )) as { language: string }[];
    return rows.map((row) => row.language);
  }

  /** The most used tags of unresolved conversations. */
  async topTags(limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT tag FROM conversation c, unnest(c.tags) AS tag
       WHERE c.status <> 'resolved' AND c.tags <> '{}'
       GROUP BY tag ORDER BY count(*) DESC, tag LIMIT $1`,
      [limit],
    )) as { tag: string }[];
    return rows.map((row) => row.tag);
  }
}
