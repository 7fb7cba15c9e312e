import { assertNever } from '@vigie/kernel';

/** What the header indicator shows, and the `data-state` the browser tests read. */
export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

export type ConnectionStatus = {
  state: ConnectionState;
  /** Until the first connect, "reconnecting" reads as "connecting". */
  hasConnected: boolean;
};

export type ConnectionEvent =
  | { type: 'connected' }
  /** `willReconnect` is socket.io's `socket.active` after the event. */
  | { type: 'disconnected'; willReconnect: boolean }
  | { type: 'connect-failed'; willReconnect: boolean }
  | { type: 'reconnect-attempted' }
  | { type: 'reconnect-gave-up' }
  | { type: 'browser-went-offline' }
  | { type: 'browser-came-online'; isSocketConnected: boolean };

export const initialConnectionStatus: ConnectionStatus = { state: 'reconnecting', hasConnected: false };

/**
 * Folds socket.io and browser events into the indicator state. socket.io retries on its own after
 * a dropped transport (`willReconnect`), but not after the server refuses the handshake or
 * disconnects us on purpose: those are "offline" until something reconnects the socket.
 */
export function nextConnectionStatus(status: ConnectionStatus, event: ConnectionEvent): ConnectionStatus {
  switch (event.type) {
    case 'connected':
      return { state: 'connected', hasConnected: true };
    case 'disconnected':
    case 'connect-failed':
      return { ...status, state: event.willReconnect ? 'reconnecting' : 'offline' };
    case 'reconnect-attempted':
      // The browser being offline is the better explanation while socket.io keeps trying.
      return status.state === 'offline' ? status : { ...status, state: 'reconnecting' };
    case 'reconnect-gave-up':
    case 'browser-went-offline':
      return { ...status, state: 'offline' };
    case 'browser-came-online':
      return { ...status, state: event.isSocketConnected ? 'connected' : 'reconnecting' };
    default:
      return assertNever(event, 'Unknown connection event');
  }
}

export type ConnectionLabelKey =
  | 'inbox.connection.connected'
  | 'inbox.connection.connecting'
  | 'inbox.connection.reconnecting'
  | 'inbox.connection.offline';

export function connectionLabelKey(status: ConnectionStatus): ConnectionLabelKey {
  switch (status.state) {
    case 'connected':
      return 'inbox.connection.connected';
    case 'reconnecting':
      return status.hasConnected ? 'inbox.connection.reconnecting' : 'inbox.connection.connecting';
    case 'offline':
      return 'inbox.connection.offline';
    default:
      return assertNever(status.state, 'Unknown connection state');
  }
}
