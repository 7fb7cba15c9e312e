import {
  type ConversationSummary,
  type InboxItem,
  type InboxPage,
  type InboxSort,
  type MessageView,
  type SlaAlert,
  type SlaClockView,
} from '@vigie/contracts';

/** The loaded part of a list, in the API's order for its view (newest activity, or soonest due, first). */
export type ConversationListState = {
  items: InboxItem[];
  order: InboxSort;
  /** The cursor for the next page; null once the end is reached. */
  nextCursor: string | null;
  isLoaded: boolean;
};

export const emptyConversationList: ConversationListState = {
  items: [],
  order: 'activity',
  nextCursor: null,
  isLoaded: false,
};

type PageOfItems = Pick<InboxPage, 'items' | 'nextCursor'> & { sort?: InboxSort };

/**
 * The API's order: newest activity first, or soonest due first; ties broken by id (descending with activity,
 * ascending with due time), as the API's keyset does.
 */
export function compareItems(order: InboxSort): (left: InboxItem, right: InboxItem) => number {
  const direction = order === 'activity' ? -1 : 1;
  return (left, right) => {
    const byKey = Date.parse(left.sortAt) - Date.parse(right.sortAt);
    if (byKey !== 0) return direction * byKey;
    return direction * (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);
  };
}

/** A live event's summary as a row: what the row knew besides the summary stays (tags, priority, clocks). */
export function itemFromSummary(
  summary: ConversationSummary,
  known: InboxItem | undefined,
  order: InboxSort,
): InboxItem {
  return {
    tags: [],
    priority: null,
    assigneeId: null,
    sla: { clocks: [], warnings: [] },
    ...known,
    ...summary,
    // In activity order the key is the last activity, which the event moves; a due time only the API knows.
    sortAt: order === 'activity' ? summary.lastActivityAt : (known?.sortAt ?? summary.lastActivityAt),
  };
}

/** Keeps the most recent version of each conversation (by last activity; a page wins ties), then sorts. */
function mergeItems(
  current: readonly InboxItem[],
  incoming: readonly InboxItem[],
  order: InboxSort,
): InboxItem[] {
  const byId = new Map(current.map((item) => [item.id, item]));
  for (const item of incoming) {
    const known = byId.get(item.id);
    if (!known || Date.parse(item.lastActivityAt) >= Date.parse(known.lastActivityAt))
      byId.set(item.id, item);
  }
  return [...byId.values()].sort(compareItems(order));
}

/** Appends the next page (scrolling down). */
export function appendPage(state: ConversationListState, page: PageOfItems): ConversationListState {
  const order = page.sort ?? state.order;
  return {
    items: mergeItems(state.items, page.items, order),
    order,
    nextCursor: page.nextCursor,
    isLoaded: true,
  };
}

/**
 * After a reconnection: the first page replaces what the top of the list knew, without dropping the
 * older pages already scrolled through (they keep their cursor), so the agent's place is kept.
 */
export function refreshFirstPage(state: ConversationListState, page: PageOfItems): ConversationListState {
  if (!state.isLoaded) return appendPage(state, page);
  return { ...state, items: mergeItems(state.items, page.items, state.order) };
}

/**
 * A list read its first page again (its membership may have changed: an assignment, a status, a clock, the
 * search): the page is the truth down to its last item, so conversations that left the list go; rows further
 * down already scrolled through stay until they are read again. A first page without a next cursor is the
 * whole list.
 */
export function replaceFirstPage(state: ConversationListState, page: PageOfItems): ConversationListState {
  const order = page.sort ?? state.order;
  if (!state.isLoaded || page.nextCursor === null)
    return appendPage({ ...emptyConversationList, order }, page);
  const oldest = page.items[page.items.length - 1];
  const compare = compareItems(order);
  const further = oldest ? state.items.filter((item) => compare(oldest, item) < 0) : [];
  return { ...state, order, items: mergeItems(further, page.items, order) };
}

/** A message moved a conversation the list shows (a list that does not merge events never adds one). */
export function moveIfShown(
  state: ConversationListState,
  conversation: ConversationSummary,
): ConversationListState {
  return state.items.some((item) => item.id === conversation.id)
    ? upsertConversation(state, conversation)
    : state;
}

/** A live event carried the conversation's new summary (created, or a message received). */
export function upsertConversation(
  state: ConversationListState,
  conversation: ConversationSummary,
): ConversationListState {
  const known = state.items.find((item) => item.id === conversation.id);
  return {
    ...state,
    items: mergeItems(state.items, [itemFromSummary(conversation, known, state.order)], state.order),
  };
}

/** A conversation changed in a way the list shows (its status after an action): in place. */
export function patchConversation(
  state: ConversationListState,
  conversationId: string,
  patch: Partial<InboxItem>,
): ConversationListState {
  if (!state.items.some((item) => item.id === conversationId)) return state;
  return {
    ...state,
    items: state.items.map((item) => (item.id === conversationId ? { ...item, ...patch } : item)),
  };
}

/** `sla.updated`: the conversation's clocks as they are now (a warning of an earlier cycle no longer counts). */
export function patchSlaClocks(
  state: ConversationListState,
  conversationId: string,
  clocks: SlaClockView[],
): ConversationListState {
  const item = state.items.find((candidate) => candidate.id === conversationId);
  return item ? patchConversation(state, conversationId, { sla: { ...item.sla, clocks } }) : state;
}

/** `sla.warning` / `sla.breached`: the alerts about conversations the list shows turn their badges. */
export function applySlaAlerts(
  state: ConversationListState,
  alerts: readonly SlaAlert[],
): ConversationListState {
  let next = state;
  for (const alert of alerts) {
    const item = next.items.find((candidate) => candidate.id === alert.conversationId);
    if (!item) continue;
    const sla =
      alert.kind === 'warning'
        ? {
            ...item.sla,
            warnings: [
              ...item.sla.warnings.filter(
                (warning) => warning.clock !== alert.clock || warning.metric !== alert.metric,
              ),
              { clock: alert.clock, metric: alert.metric, at: alert.at },
            ],
          }
        : {
            ...item.sla,
            clocks: item.sla.clocks.map((clock) =>
              clock.clock === alert.clock && clock.metric === alert.metric && clock.breachedAt === null
                ? { ...clock, breachedAt: alert.at }
                : clock,
            ),
          };
    next = patchConversation(next, item.id, { sla });
  }
  return next;
}

/** The conversation after `currentId` in the list (the "next" shortcut), or the first one. */
export function nextConversationId(
  items: readonly { id: string }[],
  currentId: string | null,
  step: 1 | -1 = 1,
): string | null {
  if (items.length === 0) return null;
  const index = currentId ? items.findIndex((item) => item.id === currentId) : -1;
  if (index === -1) return items[0]?.id ?? null;
  const next = Math.min(Math.max(index + step, 0), items.length - 1);
  return items[next]?.id ?? null;
}

/**
 * Adds or replaces one message of an open thread (a live event, or the answer to a reply), keeping the
 * thread in the order it happened on the channel.
 */
export function upsertMessage(messages: readonly MessageView[], message: MessageView): MessageView[] {
  const others = messages.filter((known) => known.id !== message.id);
  return [...others, message].sort(
    (left, right) => Date.parse(left.sentAt) - Date.parse(right.sentAt) || left.id.localeCompare(right.id),
  );
}
