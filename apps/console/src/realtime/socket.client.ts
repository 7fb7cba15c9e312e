import { type ClientToServerEvents, type ServerToClientEvents, socketPath } from '@vigie/contracts';
import { io, type Socket } from 'socket.io-client';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the realtime connection. Same origin, so the session cookie rides along with the
 * handshake; a handshake without a session is refused with `connect_error`.
 */
export function createConsoleSocket(): ConsoleSocket {
  return io({ path: socketPath, withCredentials: true, transports: ['websocket', 'polling'] });
}
