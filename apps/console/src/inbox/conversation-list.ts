import { type ConversationSummary, type MessageView } from '@vigie/contracts';

/** The loaded part of the list: newest activity first, like the API pages it merges. */
export type ConversationListState = {
  items: ConversationSummary[];
  /** The cursor for the next older page; null once the end is reached. */
  nextCursor: string | null;
  isLoaded: boolean;
};

export const emptyConversationList: ConversationListState = { items: [], nextCursor: null, isLoaded: false };

/** Newest activity first; ties broken by id, descending, as the API's cursor does. */
export function compareByActivity(left: ConversationSummary, right: ConversationSummary): number {
  const byTime = Date.parse(right.lastActivityAt) - Date.parse(left.lastActivityAt);
  if (byTime !== 0) return byTime;
  return left.id < right.id ? 1 : left.id > right.id ? -1 : 0;
}

/** Keeps the most recent version of each conversation (by last activity), then sorts. */
function mergeItems(
  current: readonly ConversationSummary[],
  incoming: readonly ConversationSummary[],
): ConversationSummary[] {
  const byId = new Map(current.map((item) => [item.id, item]));
  for (const item of incoming) {
    const known = byId.get(item.id);
    if (!known || Date.parse(item.lastActivityAt) >= Date.parse(known.lastActivityAt))
      byId.set(item.id, item);
  }
  return [...byId.values()].sort(compareByActivity);
}

/** Appends the next older page (scrolling down). */
export function appendPage(
  state: ConversationListState,
  page: { items: ConversationSummary[]; nextCursor: string | null },
): ConversationListState {
  return { items: mergeItems(state.items, page.items), nextCursor: page.nextCursor, isLoaded: true };
}

/**
 * After a reconnection: the first page replaces what the top of the list knew, without dropping the
 * older pages already scrolled through (they keep their cursor), so the agent's place is kept.
 */
export function refreshFirstPage(
  state: ConversationListState,
  page: { items: ConversationSummary[]; nextCursor: string | null },
): ConversationListState {
  if (!state.isLoaded) return appendPage(state, page);
  return { ...state, items: mergeItems(state.items, page.items) };
}

/**
 * A filtered view read its first page again (its membership changed: an assignment, the queue): the page is
 * the truth down to its last item, so conversations that left the view go; older pages already scrolled
 * through stay until they are read again. A first page without a next cursor is the whole view.
 */
export function replaceFirstPage(
  state: ConversationListState,
  page: { items: ConversationSummary[]; nextCursor: string | null },
): ConversationListState {
  if (!state.isLoaded || page.nextCursor === null) return appendPage(emptyConversationList, page);
  const oldest = page.items[page.items.length - 1];
  const older = oldest ? state.items.filter((item) => compareByActivity(oldest, item) < 0) : [];
  return { ...state, items: mergeItems(older, page.items) };
}

/** A message moved a conversation the view shows (a filtered view never adds one from an event). */
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
  return { ...state, items: mergeItems(state.items, [conversation]) };
}

/** A conversation changed in a way the list shows (its status after an action). */
export function patchConversation(
  state: ConversationListState,
  conversationId: string,
  patch: Partial<ConversationSummary>,
): ConversationListState {
  return {
    ...state,
    items: state.items.map((item) => (item.id === conversationId ? { ...item, ...patch } : item)),
  };
}

/** The conversation after `currentId` in the list (the "next" shortcut), or the first one. */
export function nextConversationId(
  items: readonly ConversationSummary[],
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
