import {
  channelNames,
  type InboxFilterName,
  type InboxFilters,
  type InboxView,
  inboxViews,
  inboxViewsFor,
  type MessageIntent,
  messageIntents,
  type Role,
  type RoutingPriority,
  routingPriorities,
} from '@vigie/contracts';
import { assertNever } from '@vigie/kernel';

/**
 * The conversation lists an agent can open from the left nav, all served by `GET /api/inbox/conversations`
 * (docs/console.md): which ones a role sees is the API's rule (`inboxViewsFor`, shared through the contracts).
 */
export const conversationViews = inboxViews;
export type ConversationView = InboxView;

export const defaultView: ConversationView = 'all';

/** The views a role may open, in nav order. */
export function viewsFor(role: Role): ConversationView[] {
  return inboxViewsFor(role);
}

/** Reads the `?view=` search parameter; anything unknown, or not open to the role, opens the default view. */
export function parseView(value: string | null, role: Role): ConversationView {
  return (viewsFor(role) as (string | null)[]).includes(value) ? (value as ConversationView) : defaultView;
}

/**
 * The filters in the page's URL (`?intent=complaint&q=réseau`), so a filtered list survives a reload and can be
 * shared. Values the API would refuse are dropped rather than sent.
 */
export function parseFilters(params: URLSearchParams): InboxFilters {
  const filters: InboxFilters = {};
  const brandId = params.get('brandId');
  if (brandId && /^[0-9a-f-]{36}$/i.test(brandId)) filters.brandId = brandId;
  const channel = params.get('channel');
  if (channel && (channelNames as readonly string[]).includes(channel))
    filters.channel = channel as InboxFilters['channel'];
  const language = params.get('language')?.trim().toLowerCase();
  if (language && /^[a-z]{2}$/.test(language)) filters.language = language;
  const intent = params.get('intent');
  if (intent && (messageIntents as readonly string[]).includes(intent))
    filters.intent = intent as MessageIntent;
  const priority = params.get('priority');
  if (priority && (routingPriorities as readonly string[]).includes(priority))
    filters.priority = priority as RoutingPriority;
  const tag = params.get('tag')?.trim().toLowerCase();
  if (tag && tag.length <= 50) filters.tag = tag;
  const q = params.get('q')?.trim();
  if (q && hasSearchWord(q)) filters.q = q.slice(0, 200);
  return filters;
}

/** Whether the API will accept this search: a word of at least two letters or digits. */
export function hasSearchWord(text: string): boolean {
  return (text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).some((word) => [...word].length >= 2);
}

const filterOrder: readonly InboxFilterName[] = [
  'brandId',
  'channel',
  'language',
  'intent',
  'priority',
  'tag',
  'q',
];

/** The filters as query parameters, in a fixed order (the same filters make the same key). */
export function filterEntries(filters: InboxFilters): [InboxFilterName, string][] {
  return filterOrder.flatMap((name) => {
    const value = filters[name];
    return value ? [[name, value] as [InboxFilterName, string]] : [];
  });
}

export function hasFilters(filters: InboxFilters): boolean {
  return filterEntries(filters).length > 0;
}

/** Identifies a list: a view and its filters. A page read for another key belongs to another list. */
export function listKey(view: ConversationView, filters: InboxFilters): string {
  return new URLSearchParams([['view', view], ...filterEntries(filters)]).toString();
}

/** `GET /api/inbox/conversations` for a view, its filters and a page. */
export function conversationPagePath(params: {
  view: ConversationView;
  filters: InboxFilters;
  cursor: string | null;
  limit: number;
}): string {
  const query = new URLSearchParams([
    ['view', params.view],
    ...filterEntries(params.filters),
    ['limit', String(params.limit)],
  ]);
  if (params.cursor) query.set('cursor', params.cursor);
  return `/api/inbox/conversations?${query.toString()}`;
}

/**
 * How a list follows the socket. Unfiltered "All" holds every conversation in activity order, so a created or
 * active one is merged in from the event itself. Every other list depends on something an event does not say
 * (assignment, SLA state, status, a filter or the search): on an event that may change who belongs, it reads
 * its first page again; a message only moves a conversation it already shows.
 */
export function mergesEvents(view: ConversationView, filters: InboxFilters): boolean {
  return view === 'all' && !hasFilters(filters);
}

/** The socket events after which a list that does not merge events may read its first page again. */
export type MembershipEvent =
  | 'conversation.created'
  | 'message.received'
  | 'conversation.updated'
  | 'conversation.assigned'
  | 'queue.changed'
  | 'sla.updated'
  | 'sla.warning'
  | 'sla.breached';

/** Views whose membership a customer message can change: it queues, reopens, wakes. */
const joinedByMessages: readonly ConversationView[] = ['unassigned', 'pending', 'snoozed', 'resolved'];

/** Whether this event may change which conversations the list holds (then it reads its first page again). */
export function refreshesOn(params: {
  view: ConversationView;
  filters: InboxFilters;
  event: MembershipEvent;
}): boolean {
  const { view, filters, event } = params;
  if (mergesEvents(view, filters)) return false;
  switch (event) {
    case 'conversation.created':
    case 'conversation.updated':
      // A new conversation may match; a status or tag change moves conversations between lists.
      return true;
    case 'message.received':
      // New text may match the search or a filter; a customer writing again queues, reopens or wakes.
      return hasFilters(filters) || joinedByMessages.includes(view);
    case 'conversation.assigned':
    case 'queue.changed':
      return view === 'mine' || view === 'unassigned' || view === 'team';
    case 'sla.updated':
    case 'sla.warning':
    case 'sla.breached':
      return view === 'at_risk' || view === 'breached';
    default:
      return assertNever(event, 'Unknown membership event');
  }
}
