import { type SessionEnded } from '@vigie/contracts';
import { useEffect, useEffectEvent, useReducer, useState } from 'react';
import { fetchSessionUser } from '../auth/auth.api';
import { type ConnectionStatus, initialConnectionStatus, nextConnectionStatus } from './connection-state';
import { type OnlineColleague, applyPresenceChange, applyPresenceSnapshot } from './presence';
import { type ConsoleSocket, createConsoleSocket } from './socket.client';

export type Realtime = {
  connection: ConnectionStatus;
  colleagues: OnlineColleague[];
  /** The socket while the inbox is shown, for the list and the conversation pane to listen on. */
  socket: ConsoleSocket | null;
  /** Grows at every connect after the first: what was missed while disconnected must be fetched again. */
  reconnections: number;
};

/**
 * Holds the socket for the signed-in user while the inbox is shown: connection state for the
 * indicator, colleagues online, and the end of the session pushed by the server.
 */
export function useRealtime(params: {
  userId: string;
  onSessionEnded: (reason: SessionEnded['reason']) => void;
}): Realtime {
  const { userId } = params;
  const [connection, dispatch] = useReducer(nextConnectionStatus, initialConnectionStatus);
  const [colleagues, setColleagues] = useState<OnlineColleague[]>([]);
  const [liveSocket, setLiveSocket] = useState<ConsoleSocket | null>(null);
  const [reconnections, setReconnections] = useState(0);
  const endSession = useEffectEvent((reason: SessionEnded['reason']) => params.onSessionEnded(reason));

  useEffect(() => {
    const socket = createConsoleSocket();
    const manager = socket.io;
    let hasConnected = false;

    socket.on('connect', () => {
      // Listeners of the list and the pane attach once connected (they fetch what came before anyway).
      setLiveSocket(socket);
      dispatch({ type: 'connected' });
      if (hasConnected) setReconnections((count) => count + 1);
      hasConnected = true;
    });
    socket.on('disconnect', () => dispatch({ type: 'disconnected', willReconnect: socket.active }));
    socket.on('connect_error', () => {
      dispatch({ type: 'connect-failed', willReconnect: socket.active });
      if (!socket.active) {
        // The server refused the handshake: most likely the session is gone. Confirm before leaving.
        fetchSessionUser()
          .then((user) => {
            if (!user) {
              endSession('expired');
            }
          })
          .catch(() => undefined);
      }
    });
    socket.on('agent.presence.changed', (change) =>
      setColleagues((current) => applyPresenceChange({ colleagues: current, change, selfUserId: userId })),
    );
    socket.on('agent.presence.snapshot', ({ agents }) =>
      setColleagues((current) =>
        applyPresenceSnapshot({ colleagues: current, snapshot: agents, selfUserId: userId }),
      ),
    );
    socket.on('session.ended', ({ reason }) => endSession(reason));

    const onReconnectAttempt = () => dispatch({ type: 'reconnect-attempted' });
    const onReconnectFailed = () => dispatch({ type: 'reconnect-gave-up' });
    manager.on('reconnect_attempt', onReconnectAttempt);
    manager.on('reconnect_failed', onReconnectFailed);

    const onOffline = () => dispatch({ type: 'browser-went-offline' });
    const onOnline = () => {
      if (!socket.active) {
        socket.connect();
      }
      dispatch({ type: 'browser-came-online', isSocketConnected: socket.connected });
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);

    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      manager.off('reconnect_attempt', onReconnectAttempt);
      manager.off('reconnect_failed', onReconnectFailed);
      socket.removeAllListeners();
      socket.disconnect();
      setLiveSocket(null);
    };
  }, [userId]);

  return { connection, colleagues, socket: liveSocket, reconnections };
}
