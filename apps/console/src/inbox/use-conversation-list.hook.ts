import { type ConversationSummary } from '@vigie/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchConversationPage } from '../conversation/conversations.api';
import { type ConsoleSocket } from '../realtime/socket.client';
import {
  appendPage,
  type ConversationListState,
  emptyConversationList,
  patchConversation,
  refreshFirstPage,
  upsertConversation,
} from './conversation-list';

export type ConversationList = {
  state: ConversationListState;
  hasFailed: boolean;
  loadMore: () => void;
  patch: (conversationId: string, patch: Partial<ConversationSummary>) => void;
};

/**
 * The inbox list: pages from the API as the agent scrolls, live changes from the socket, and the first
 * page fetched again after a reconnection (events sent while disconnected are not replayed).
 */
export function useConversationList(params: {
  socket: ConsoleSocket | null;
  reconnections: number;
}): ConversationList {
  const { socket, reconnections } = params;
  const [state, setState] = useState<ConversationListState>(emptyConversationList);
  const [hasFailed, setHasFailed] = useState(false);
  const loading = useRef(false);
  const cursor = useRef<string | null>(null);
  const isLoaded = useRef(false);

  useEffect(() => {
    cursor.current = state.nextCursor;
    isLoaded.current = state.isLoaded;
  }, [state.nextCursor, state.isLoaded]);

  useEffect(() => {
    let isCurrent = true;
    void fetchConversationPage(null).then((result) => {
      if (!isCurrent) return;
      if (result.kind === 'ok') {
        setHasFailed(false);
        setState((current) => refreshFirstPage(current, result.body));
      } else setHasFailed(true);
    });
    return () => {
      isCurrent = false;
    };
  }, [reconnections]);

  useEffect(() => {
    if (!socket) return;
    const onConversation = ({ conversation }: { conversation: ConversationSummary }) =>
      setState((current) => upsertConversation(current, conversation));
    // A status or tag change keeps the conversation's place (its last activity does not move).
    const onUpdated = ({ conversation }: { conversation: ConversationSummary }) =>
      setState((current) => patchConversation(current, conversation.id, conversation));
    socket.on('conversation.created', onConversation);
    socket.on('message.received', onConversation);
    socket.on('conversation.updated', onUpdated);
    return () => {
      socket.off('conversation.created', onConversation);
      socket.off('message.received', onConversation);
      socket.off('conversation.updated', onUpdated);
    };
  }, [socket]);

  const loadMore = useCallback(() => {
    if (loading.current || !isLoaded.current || !cursor.current) return;
    loading.current = true;
    void fetchConversationPage(cursor.current).then((result) => {
      loading.current = false;
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
