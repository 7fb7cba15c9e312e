/** The console's inbox views, filters and search (`GET /api/inbox/conversations`, docs/console.md, ADR 0501). */
import type { ChannelName, ConversationSummary, MessageIntent } from './inbox.contracts';
import type { Role } from './roles';
import type { RoutingPriority } from './routing.contracts';
import type { SlaClockKind, SlaClockView, SlaMetricName } from './sla.contracts';

/**
 * - `mine`: held by the caller; `unassigned`: queued and waiting for a reply; `team`: held by a member of one of
 *   the caller's teams or queued for one of them; `all`: every conversation;
 * - `at_risk`: unresolved, a running clock the SLA engine warned about, none breached; `breached`: unresolved, a
 *   live clock past its due time;
 * - `pending`, `snoozed`, `resolved`: by status.
 */
export const inboxViews = [
  'mine',
  'unassigned',
  'team',
  'at_risk',
  'breached',
  'pending',
  'snoozed',
  'resolved',
  'all',
] as const;
export type InboxView = (typeof inboxViews)[number];

/**
 * The views a role may open, in the console's nav order. Routing hands conversations to agents, so "Mine" is
 * theirs; "My team" needs teams (agents and supervisors have them); ops work from the state views and "All".
 */
export function inboxViewsFor(role: Role): InboxView[] {
  switch (role) {
    case 'agent':
      return ['mine', 'unassigned', 'team', 'at_risk', 'breached', 'pending', 'snoozed', 'resolved', 'all'];
    case 'supervisor':
      return ['unassigned', 'team', 'at_risk', 'breached', 'pending', 'snoozed', 'resolved', 'all'];
    case 'admin':
      return ['unassigned', 'at_risk', 'breached', 'pending', 'snoozed', 'resolved', 'all'];
    case 'ops':
      return ['at_risk', 'breached', 'pending', 'snoozed', 'resolved', 'all'];
    default: {
      const unknown: never = role;
      throw new Error(`Unknown role ${String(unknown)}`);
    }
  }
}

/**
 * How a view is ordered, and so what its cursor holds: `activity` newest activity first; `due` the earliest due
 * time first (at risk: the soonest due; breached: the longest overdue).
 */
export type InboxSort = 'activity' | 'due';

/** Filters, all optional and combined with AND. `q` is the full-text search (ADR 0501). */
export type InboxFilters = {
  brandId?: string;
  channel?: ChannelName;
  /** A customer message in this language (two letters, as X or triage tagged it). */
  language?: string;
  /** A customer message triage read with this intent. */
  intent?: MessageIntent;
  /** Routing's priority (unresolved conversations only). */
  priority?: RoutingPriority;
  tag?: string;
  /** Words found (as prefixes, accents and case ignored) in a message, or in the customer's name or handle. */
  q?: string;
};

export const inboxFilterNames = ['brandId', 'channel', 'language', 'intent', 'priority', 'tag', 'q'] as const;
export type InboxFilterName = (typeof inboxFilterNames)[number];

export const messageIntents: readonly MessageIntent[] = [
  'complaint',
  'question',
  'outage_report',
  'request',
  'praise',
  'spam',
  'other',
];
export const routingPriorities: readonly RoutingPriority[] = ['urgent', 'high', 'medium', 'low'];

/** A warning the SLA engine fired about one clock (the badge turns amber). */
export type InboxSlaWarning = { clock: SlaClockKind; metric: SlaMetricName; at: string };

/** A row of the inbox: the conversation, what the list shows beside it, and its place in the view's order. */
export type InboxItem = ConversationSummary & {
  tags: string[];
  /** Routing's priority while queued or held; null otherwise. */
  priority: RoutingPriority | null;
  assigneeId: string | null;
  /** The SLA clocks (as `GET /api/conversations/:id/sla` has them) and the warnings fired about them. */
  sla: { clocks: SlaClockView[]; warnings: InboxSlaWarning[] };
  /** The value of the view's sort key for this row (last activity, or due time): what the cursor holds. */
  sortAt: string;
};

/** `GET /api/inbox/conversations`: pass `nextCursor` back as `cursor` (same view, filters and sort). */
export type InboxPage = { view: InboxView; sort: InboxSort; items: InboxItem[]; nextCursor: string | null };

/** `GET /api/inbox/facets`: what the filter bar offers. */
export type InboxFacets = {
  brands: { id: string; name: string }[];
  channels: ChannelName[];
  languages: string[];
  intents: MessageIntent[];
  priorities: RoutingPriority[];
  /** The most used tags of unresolved conversations, most used first. */
  tags: string[];
};

/**
 * One hour of `GET /api/inbox/volume`: what customers sent the brands in that hour (by the channel's time stamp).
 * `mentions`: public posts addressed to a brand (mentions, replies, quotes; reposts are left out); `needingReply`:
 * those posts and DMs triage says need an answer.
 */
export type InboxVolumeHour = { at: string; mentions: number; directMessages: number; needingReply: number };

/** `GET /api/inbox/volume?from=&to=&timezone=`: every hour of the range, the empty ones too, oldest first. */
export type InboxVolume = { from: string; to: string; timezone: string; hours: InboxVolumeHour[] };
