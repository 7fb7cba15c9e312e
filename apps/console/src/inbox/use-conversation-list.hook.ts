import { type ConversationSummary } from '@vigie/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchConversationPage } from '../conversation/conversations.api';
import { type ConsoleSocket } from '../realtime/socket.client';
import {
  appendPage,
  type ConversationListState,
  emptyConversationList,
  moveIfShown,
  patchConversation,
  refreshFirstPage,
  replaceFirstPage,
  upsertConversation,
} from './conversation-list';
import { type ConversationView, isFilteredByRouting, mayJoinOnMessage } from './inbox-views';

export type ConversationList = {
  state: ConversationListState;
  hasFailed: boolean;
  loadMore: () => void;
  patch: (conversationId: string, patch: Partial<ConversationSummary>) => void;
};

/**
 * The inbox list of one view: pages from the API as the agent scrolls, live changes from the socket, and the
 * first page fetched again after a reconnection (events sent while disconnected are not replayed) or, in
 * routing's views, after an assignment, a queue change or a new conversation.
 */
export function useConversationList(params: {
  view: ConversationView;
  socket: ConsoleSocket | null;
  reconnections: number;
}): ConversationList {
  const { view, socket, reconnections } = params;
  const [state, setState] = useState<ConversationListState>(emptyConversationList);
  const [hasFailed, setHasFailed] = useState(false);
  const [shownView, setShownView] = useState(view);
  // Bumped to read the first page again; a burst of events while a read is under way asks for one more.
  const [refreshes, setRefreshes] = useState(0);
  const isRefreshing = useRef(false);
  const isRefreshPending = useRef(false);
  const loading = useRef(false);
  const cursor = useRef<string | null>(null);
  const isLoaded = useRef(false);
  const currentView = useRef(view);

  // Another view: start from an empty list (adjusting state while rendering, so no stale rows flash).
  if (shownView !== view) {
    setShownView(view);
    setState(emptyConversationList);
    setHasFailed(false);
  }

  useEffect(() => {
    cursor.current = state.nextCursor;
    isLoaded.current = state.isLoaded;
  }, [state.nextCursor, state.isLoaded]);

  useEffect(() => {
    let isCurrent = true;
    currentView.current = view;
    isRefreshing.current = true;
    void fetchConversationPage(view, null).then((result) => {
      if (!isCurrent) return;
      isRefreshing.current = false;
      if (result.kind === 'ok') {
        setHasFailed(false);
        const merge = isFilteredByRouting(view) ? replaceFirstPage : refreshFirstPage;
        setState((current) => merge(current, result.body));
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
  }, [view, reconnections, refreshes]);

  useEffect(() => {
    if (!socket) return;
    const isFiltered = isFilteredByRouting(view);
    const refresh = () => {
      if (isRefreshing.current) isRefreshPending.current = true;
      else setRefreshes((count) => count + 1);
    };
    const onCreated = ({ conversation }: { conversation: ConversationSummary }) =>
      isFiltered ? refresh() : setState((current) => upsertConversation(current, conversation));
    const onMessage = ({ conversation }: { conversation: ConversationSummary }) => {
      // A customer writing again may queue a conversation the view does not show yet.
      if (mayJoinOnMessage(view, conversation)) refresh();
      setState((current) =>
        isFiltered ? moveIfShown(current, conversation) : upsertConversation(current, conversation),
      );
    };
    // A status or tag change keeps the conversation's place (its last activity does not move).
    const onUpdated = ({ conversation }: { conversation: ConversationSummary }) =>
      setState((current) => patchConversation(current, conversation.id, conversation));
    socket.on('conversation.created', onCreated);
    socket.on('message.received', onMessage);
    socket.on('conversation.updated', onUpdated);
    if (isFiltered) {
      socket.on('conversation.assigned', refresh);
      socket.on('queue.changed', refresh);
    }
    return () => {
      socket.off('conversation.created', onCreated);
      socket.off('message.received', onMessage);
      socket.off('conversation.updated', onUpdated);
      socket.off('conversation.assigned', refresh);
      socket.off('queue.changed', refresh);
    };
  }, [socket, view]);

  const loadMore = useCallback(() => {
    if (loading.current || !isLoaded.current || !cursor.current) return;
    loading.current = true;
    const pageView = currentView.current;
    void fetchConversationPage(pageView, cursor.current).then((result) => {
      loading.current = false;
      // The agent switched views meanwhile: this page belongs to the other list.
      if (pageView !== currentView.current) return;
      if (result.kind === 'ok') {
        // Now, not after the next render: a scroll event in between would fetch the same page again.
        cursor.current = result.body.nextCursor;
        setState((current) => appendPage(current, result.body));
      } else setHasFailed(true);
    });
  }, []);

  const patch = useCallback(
    (conversationId: string, changes: Partial<ConversationSummary>) =>
      setState((current) => patchConversation(current, conversationId, changes)),
    [],
  );

  return { state, hasFailed, loadMore, patch };
}
