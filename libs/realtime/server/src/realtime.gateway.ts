import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import {
  type ClientToServerEvents,
  rooms,
  type ServerToClientEvents,
  socketPath,
  type WhoAmIAck,
} from '@vigie/contracts';
import { CLOCK, type Clock } from '@vigie/kernel';
import { APP_CONFIG, type AppConfig, DomainEventBus } from '@vigie/server';
import { SOCKET_AUTHENTICATOR, type SocketAuthenticator, type SocketIdentity } from './socket-authenticator';
import { presenceAudience, roomsFor, sessionRoom } from './socket-rooms';

type SocketData = { identity: SocketIdentity };
const inboxAudience = [rooms.role('agent'), rooms.role('supervisor'), rooms.role('admin')];
export type VigieServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type VigieSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * The one socket.io gateway. No session, no socket: the handshake is authenticated before any
 * event flows. It forwards typed domain events to rooms and imports no domain lib.
 */
@WebSocketGateway({ path: socketPath, serveClient: false })
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  @WebSocketServer() private server!: VigieServer;
  private readonly logger = new Logger('RealtimeGateway');
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    @Inject(SOCKET_AUTHENTICATOR) private readonly authenticator: SocketAuthenticator,
    private readonly events: DomainEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  afterInit(server: VigieServer): void {
    server.use((socket, next) => {
      this.authenticator
        .authenticate(socket.request.headers.cookie)
        .then((identity) => {
          if (!identity) {
            this.logger.warn({ ip: socket.handshake.address }, 'Socket refused: no session');
            next(new Error('unauthenticated'));
            return;
          }
          socket.data.identity = identity;
          next();
        })
        .catch((error: unknown) => {
          this.logger.error({ err: error }, 'Socket authentication failed');
          next(new Error('unavailable'));
        });
    });
    this.unsubscribers.push(
      this.events.subscribe('session.ended', ({ sessionId, reason }) => {
        const room = this.server.in(sessionRoom(sessionId));
        room.emit('session.ended', { reason });
        room.disconnectSockets(true);
      }),
      // Conversation traffic goes to every console that works the inbox. Routing (a later issue) will narrow
      // it to the assigned agent, their team and supervisors.
      this.events.subscribe('conversation.created', (payload) => {
        this.server.to(inboxAudience).emit('conversation.created', payload);
      }),
      this.events.subscribe('message.received', (payload) => {
        this.server.to(inboxAudience).emit('message.received', payload);
      }),
      this.events.subscribe('message.sent', (payload) => {
        this.server.to(inboxAudience).emit('message.sent', payload);
      }),
      this.events.subscribe('message.failed', (payload) => {
        this.server.to(inboxAudience).emit('message.failed', payload);
      }),
    );
  }

  async handleConnection(socket: VigieSocket): Promise<void> {
    const { identity } = socket.data;
    await socket.join(roomsFor(identity));
    // fetchSockets spans every node when the Redis adapter is on.
    const sockets = await this.server.in(rooms.agent(identity.userId)).fetchSockets();
    if (sockets.length === 1) this.announcePresence(identity, 'online');
  }

  async handleDisconnect(socket: VigieSocket): Promise<void> {
    const identity = socket.data.identity as SocketIdentity | undefined;
    if (!identity) return;
    const remaining = await this.server.in(rooms.agent(identity.userId)).fetchSockets();
    if (remaining.length === 0) this.announcePresence(identity, 'offline');
  }

  @SubscribeMessage('session.whoami')
  whoAmI(socket: VigieSocket): WhoAmIAck {
    return {
      userId: socket.data.identity.userId,
      rooms: [...socket.rooms].filter((room) => room !== socket.id),
      node: this.config.nodeName,
    };
  }

  /**
   * Sockets are the source of presence: consoles that may see the agent hear it here, and the domain
   * event lets other domains (routing) react. The gateway does not forward that event back to sockets.
   */
  private announcePresence(identity: SocketIdentity, status: 'online' | 'offline'): void {
    const presence = {
      userId: identity.userId,
      displayName: identity.displayName,
      role: identity.role,
      status,
      at: this.clock.now().toISOString(),
    };
    this.server.to(presenceAudience(identity)).emit('agent.presence.changed', presence);
    this.events.publish('agent.presence.changed', presence);
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }
}
