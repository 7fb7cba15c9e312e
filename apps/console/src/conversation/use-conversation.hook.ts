import {
  type ConversationDetail,
  type ConversationSummary,
  type ConversationViewer,
  type MessageView,
} from '@vigie/contracts';
import { useCallback, useEffect, useState } from 'react';
import { upsertMessage } from '../inbox/conversation-list';
import { type ConsoleSocket } from '../realtime/socket.client';
import { fetchConversation } from './conversations.api';

export type OpenConversation = {
  detail: ConversationDetail | null;
  hasFailed: boolean;
  viewers: ConversationViewer[];
  /** X's reason for each outbound message it refused, by message id (live events only). */
  failureReasons: Record<string, string>;
  /** Fetches the thread again (after a 409, or a reconnection). */
  reload: () => Promise<void>;
  addMessage: (message: MessageView) => void;
  setTyping: (isTyping: boolean) => void;
};

/**
 * One open conversation: its thread, kept live from socket events, and who else is viewing or typing
 * (this console tells the server it views the conversation, again after every reconnection).
 */
export function useConversation(params: {
  conversationId: string;
  socket: ConsoleSocket | null;
  reconnections: number;
}): OpenConversation {
  const { conversationId, socket, reconnections } = params;
  const [detail, setDetail] = useState<ConversationDetail | null>(null);
  const [hasFailed, setHasFailed] = useState(false);
  const [viewers, setViewers] = useState<ConversationViewer[]>([]);
  const [failureReasons, setFailureReasons] = useState<Record<string, string>>({});

  const reload = useCallback(async () => {
    const result = await fetchConversation(conversationId);
    if (result.kind === 'ok') {
      setDetail(result.body);
      setHasFailed(false);
    } else setHasFailed(true);
  }, [conversationId]);

  // The pane is keyed by conversation, so this runs on open and after every reconnection.
  useEffect(() => {
    let isCurrent = true;
    void fetchConversation(conversationId).then((result) => {
      if (!isCurrent) return;
      setHasFailed(result.kind !== 'ok');
      if (result.kind === 'ok') setDetail(result.body);
    });
    return () => {
      isCurrent = false;
    };
  }, [conversationId, reconnections]);

  const addMessage = useCallback(
    (message: MessageView) =>
      setDetail((current) =>
        current && message.conversationId === current.id
          ? { ...current, messages: upsertMessage(current.messages, message) }
          : current,
      ),
    [],
  );

  useEffect(() => {
    if (!socket) return;
    const onReceived = ({
      message,
      conversation,
    }: {
      message: MessageView;
      conversation: { id: string };
    }) => {
      if (conversation.id === conversationId) addMessage(message);
    };
    const onSent = ({ message }: { message: MessageView }) => addMessage(message);
    const onFailed = ({ message, reason }: { message: MessageView; reason: string }) => {
      addMessage(message);
      setFailureReasons((current) => ({ ...current, [message.id]: reason }));
    };
    // Another agent changed the status: the header follows, the thread stays.
    const onUpdated = ({ conversation }: { conversation: ConversationSummary }) =>
      setDetail((current) =>
        current && conversation.id === current.id
          ? { ...current, ...conversation, messages: current.messages }
          : current,
      );
    const onViewers = (event: { conversationId: string; viewers: ConversationViewer[] }) => {
      if (event.conversationId === conversationId) setViewers(event.viewers);
    };
    const announce = () =>
      socket.emit('conversation.viewing', { conversationId }, (ack) => {
        if (ack.ok) setViewers(ack.viewers);
      });
    socket.on('message.received', onReceived);
    socket.on('message.sent', onSent);
    socket.on('message.failed', onFailed);
    socket.on('conversation.viewers.changed', onViewers);
    socket.on('conversation.updated', onUpdated);
    // The server forgets what a socket viewed when it disconnects: say it again on every connect.
    socket.on('connect', announce);
    if (socket.connected) announce();
    return () => {
      socket.off('message.received', onReceived);
      socket.off('message.sent', onSent);
      socket.off('message.failed', onFailed);
      socket.off('conversation.viewers.changed', onViewers);
      socket.off('conversation.updated', onUpdated);
      socket.off('connect', announce);
      if (socket.connected) socket.emit('conversation.viewing', { conversationId: null });
    };
  }, [socket, conversationId, addMessage]);

  const setTyping = useCallback(
    (isTyping: boolean) => {
      if (socket?.connected) socket.emit('conversation.typing', { conversationId, isTyping });
    },
    [socket, conversationId],
  );

  return { detail, hasFailed, viewers, failureReasons, reload, addMessage, setTyping };
}
