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

export type ServerEventHandlers = { [Event in keyof ServerToClientEvents]?: ServerToClientEvents[Event] };

/** Subscribes every handler and returns the function that removes them all (an effect's cleanup). */
export function listen(socket: ConsoleSocket, handlers: ServerEventHandlers): () => void {
  // socket.io's typed `on` cannot take a key of a mapped type; each pair is from ServerToClientEvents.
  type Untyped = { on(event: string, handler: unknown): void; off(event: string, handler: unknown): void };
  const untyped = socket as unknown as Untyped;
  const entries = Object.entries(handlers);
  for (const [event, handler] of entries) untyped.on(event, handler);
  return () => {
    for (const [event, handler] of entries) untyped.off(event, handler);
  };
}
