import {
  type ConversationSummary,
  type InboxFilters,
  type InboxItem,
  type SlaAlertDigest,
  type SlaUpdated,
} from '@vigie/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchConversationPage } from '../conversation/conversations.api';
import { type ConsoleSocket, listen } from '../realtime/socket.client';
import {
  appendPage,
  applySlaAlerts,
  type ConversationListState,
  emptyConversationList,
  moveIfShown,
  patchConversation,
  patchSlaClocks,
  refreshFirstPage,
  replaceFirstPage,
  upsertConversation,
} from './conversation-list';
import {
  type ConversationView,
  listKey,
  type MembershipEvent,
  mergesEvents,
  refreshesOn,
} from './inbox-views';

export type ConversationList = {
  state: ConversationListState;
  hasFailed: boolean;
  /** The list the rows belong to (view and filters), once its first page arrived; null while it loads. */
  loadedKey: string | null;
  loadMore: () => void;
  patch: (conversationId: string, patch: Partial<InboxItem>) => void;
};

/**
 * The inbox list of one view and its filters (keep `filters` the same object while they do not change: a new
 * one reads the list again): pages from the API as the agent scrolls, live changes from the
 * socket, and the first page read again after a reconnection (events sent while disconnected are not
 * replayed) or after an event that may change who belongs to the list (`refreshesOn`).
 */
export function useConversationList(params: {
  view: ConversationView;
  filters: InboxFilters;
  socket: ConsoleSocket | null;
  reconnections: number;
}): ConversationList {
  const { view, filters, socket, reconnections } = params;
  const key = listKey(view, filters);
  const [state, setState] = useState<ConversationListState>(emptyConversationList);
  const [hasFailed, setHasFailed] = useState(false);
  const [shownKey, setShownKey] = useState(key);
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  // Bumped to read the first page again; a burst of events while a read is under way asks for one more.
  const [refreshes, setRefreshes] = useState(0);
  const isRefreshing = useRef(false);
  const isRefreshPending = useRef(false);
  const loading = useRef(false);
  const cursor = useRef<string | null>(null);
  const isLoaded = useRef(false);
  const current = useRef({ key, view, filters });

  // Another list: start from an empty one (adjusting state while rendering, so no stale rows flash).
  if (shownKey !== key) {
    setShownKey(key);
    setState(emptyConversationList);
    setHasFailed(false);
    setLoadedKey(null);
  }

  useEffect(() => {
    cursor.current = state.nextCursor;
    isLoaded.current = state.isLoaded;
  }, [state.nextCursor, state.isLoaded]);

  useEffect(() => {
    let isCurrent = true;
    current.current = { key, view, filters };
    isRefreshing.current = true;
    void fetchConversationPage({ view, filters, cursor: null }).then((result) => {
      if (!isCurrent) return;
      isRefreshing.current = false;
      if (result.kind === 'ok') {
        setHasFailed(false);
        const merge = mergesEvents(view, filters) ? refreshFirstPage : replaceFirstPage;
        setState((known) => merge(known, result.body));
        setLoadedKey(key);
      } else setHasFailed(true);
      if (isRefreshPending.current) {
        isRefreshPending.current = false;
        setRefreshes((count) => count + 1);
      }
    });
    return () => {
      isCurrent = false;
      isRefreshing.current = false;
    };
  }, [key, view, filters, reconnections, refreshes]);

  useEffect(() => {
    if (!socket) return;
    const isMerging = mergesEvents(view, filters);
    const refreshOn = (event: MembershipEvent) => {
      if (!refreshesOn({ view, filters, event })) return;
      if (isRefreshing.current) isRefreshPending.current = true;
      else setRefreshes((count) => count + 1);
    };
    const onCreated = ({ conversation }: { conversation: ConversationSummary }) => {
      if (isMerging) setState((known) => upsertConversation(known, conversation));
      else refreshOn('conversation.created');
    };
    const onMessage = ({ conversation }: { conversation: ConversationSummary }) => {
      setState((known) =>
        isMerging ? upsertConversation(known, conversation) : moveIfShown(known, conversation),
      );
      refreshOn('message.received');
    };
    // A status or tag change keeps the conversation's place (its last activity does not move).
    const onUpdated = ({ conversation }: { conversation: ConversationSummary }) => {
      setState((known) => patchConversation(known, conversation.id, conversation));
      refreshOn('conversation.updated');
    };
    const onAssigned = () => refreshOn('conversation.assigned');
    const onQueue = () => refreshOn('queue.changed');
    const onSlaUpdated = (event: SlaUpdated) => {
      setState((known) => patchSlaClocks(known, event.conversationId, event.clocks));
      refreshOn('sla.updated');
    };
    const onAlerts = (event: 'sla.warning' | 'sla.breached') => (digest: SlaAlertDigest) => {
      setState((known) => applySlaAlerts(known, digest.alerts));
      refreshOn(event);
    };
    return listen(socket, {
      'conversation.created': onCreated,
      'message.received': onMessage,
      'conversation.updated': onUpdated,
      'conversation.assigned': onAssigned,
      'queue.changed': onQueue,
      'sla.updated': onSlaUpdated,
      'sla.warning': onAlerts('sla.warning'),
      'sla.breached': onAlerts('sla.breached'),
    });
  }, [socket, view, filters]);

  const loadMore = useCallback(() => {
    if (loading.current || !isLoaded.current || !cursor.current) return;
    loading.current = true;
    const list = current.current;
    void fetchConversationPage({ view: list.view, filters: list.filters, cursor: cursor.current }).then(
      (result) => {
        loading.current = false;
        // The agent switched lists meanwhile: this page belongs to the other one.
        if (list.key !== current.current.key) return;
        if (result.kind === 'ok') {
          // Now, not after the next render: a scroll event in between would fetch the same page again.
          cursor.current = result.body.nextCursor;
          setState((known) => appendPage(known, result.body));
        } else setHasFailed(true);
      },
    );
  }, []);

  const patch = useCallback(
    (conversationId: string, changes: Partial<InboxItem>) =>
      setState((known) => patchConversation(known, conversationId, changes)),
    [],
  );

  return { state, hasFailed, loadedKey, loadMore, patch };
}
