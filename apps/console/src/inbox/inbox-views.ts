import { type ConversationSummary, type Role } from '@vigie/contracts';
import { assertNever } from '@vigie/kernel';

/**
 * The conversation lists an agent can open from the left nav: only those the API can serve. "Mine" and
 * "Unassigned" come from routing (`GET /api/routing/inbox`), "All" from the inbox (`GET /api/conversations`);
 * "my team", "at risk", "breached", "pending", "snoozed" and "resolved" join this list when the API filters
 * by team, SLA state or status.
 */
export const conversationViews = ['mine', 'unassigned', 'all'] as const;
export type ConversationView = (typeof conversationViews)[number];

/** Sections announced in the nav but not built yet. */
export type UpcomingSection = 'slaBoard' | 'administration';

export type NavigationItem =
  { kind: 'view'; view: ConversationView } | { kind: 'upcoming'; section: UpcomingSection };

export const defaultView: ConversationView = 'all';

/**
 * The views a role may open, in nav order. Routing hands conversations to agents only, so "Mine" is theirs;
 * supervisors and admins watch what waits; ops (no routing access) read "All".
 */
export function viewsFor(role: Role): ConversationView[] {
  switch (role) {
    case 'agent':
      return ['mine', 'unassigned', 'all'];
    case 'supervisor':
    case 'admin':
      return ['unassigned', 'all'];
    case 'ops':
      return ['all'];
    default:
      return assertNever(role, 'Unknown role');
  }
}

/** Reads the `?view=` search parameter; anything unknown, or not open to the role, opens the default view. */
export function parseView(value: string | null, role: Role): ConversationView {
  return (viewsFor(role) as (string | null)[]).includes(value) ? (value as ConversationView) : defaultView;
}

/** The list API that serves a view: routing's views are filtered by assignment, "All" is the inbox's. */
export function conversationPagePath(params: {
  view: ConversationView;
  cursor: string | null;
  limit: number;
}): string {
  const query = new URLSearchParams({ limit: String(params.limit) });
  if (params.cursor) query.set('cursor', params.cursor);
  switch (params.view) {
    case 'all':
      return `/api/conversations?${query.toString()}`;
    case 'mine':
    case 'unassigned':
      query.set('view', params.view);
      return `/api/routing/inbox?${query.toString()}`;
    default:
      return assertNever(params.view, 'Unknown view');
  }
}

/**
 * How a view follows the socket. "All" holds every conversation, so a created or active one is merged in
 * from the event itself. Routing's views depend on assignment, which the summaries do not carry: on an
 * assignment, a queue change or a new conversation they read their first page again, and a message only
 * moves a conversation they already show.
 */
export function isFilteredByRouting(view: ConversationView): boolean {
  return view !== 'all';
}

/**
 * Whether a message may have brought this conversation into the view without an assignment event: a
 * customer writing again queues it for "Unassigned" (the view then reads its first page again).
 */
export function mayJoinOnMessage(view: ConversationView, conversation: ConversationSummary): boolean {
  return view === 'unassigned' && conversation.needsReply && conversation.status !== 'resolved';
}

/**
 * The left nav for a role. Every role works conversations; supervisors and above also watch
 * SLAs (roles are ordered from least to most privileged); only admins administer.
 */
export function navigationFor(role: Role): NavigationItem[] {
  const views: NavigationItem[] = viewsFor(role).map((view) => ({ kind: 'view', view }));
  const slaBoard: NavigationItem = { kind: 'upcoming', section: 'slaBoard' };
  const administration: NavigationItem = { kind: 'upcoming', section: 'administration' };
  switch (role) {
    case 'agent':
      return views;
    case 'supervisor':
    case 'ops':
      return [...views, slaBoard];
    case 'admin':
      return [...views, slaBoard, administration];
    default:
      return assertNever(role, 'Unknown role');
  }
}
