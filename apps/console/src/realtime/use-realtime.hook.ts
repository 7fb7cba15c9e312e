import { type SessionEnded } from '@vigie/contracts';
import { useEffect, useEffectEvent, useReducer, useState } from 'react';
import { fetchSessionUser } from '../auth/auth.api';
import { type ConnectionStatus, initialConnectionStatus, nextConnectionStatus } from './connection-state';
import { type OnlineColleague, applyPresenceChange } from './presence';
import { createConsoleSocket } from './socket.client';

export type Realtime = { connection: ConnectionStatus; colleagues: OnlineColleague[] };

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
  const endSession = useEffectEvent((reason: SessionEnded['reason']) => params.onSessionEnded(reason));

  useEffect(() => {
    const socket = createConsoleSocket();
    const manager = socket.io;

    socket.on('connect', () => dispatch({ type: 'connected' }));
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
    };
  }, [userId]);

  return { connection, colleagues };
}
