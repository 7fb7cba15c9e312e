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
  type ConversationTypingCommand,
  type ConversationViewer,
  type ConversationViewingAck,
  type ConversationViewingCommand,
  rooms,
  type ServerToClientEvents,
  socketPath,
  type WhoAmIAck,
} from '@vigie/contracts';
import { CLOCK, type Clock } from '@vigie/kernel';
import { APP_CONFIG, type AppConfig, DomainEventBus } from '@vigie/server';
import { SOCKET_AUTHENTICATOR, type SocketAuthenticator, type SocketIdentity } from './socket-authenticator';
import { presenceAudience, roomsFor, sessionRoom } from './socket-rooms';
import {
  CONVERSATION_ACCESS,
  type ConversationAccess,
  isConversationId,
  presenceSnapshot,
  viewersOf,
} from './conversation-presence';

/** `viewing`/`isTyping` live on the socket so that fetchSockets reads them from every node. */
type SocketData = { identity: SocketIdentity; viewing?: string | null; isTyping?: boolean };
const inboxAudience = [rooms.role('agent'), rooms.role('supervisor'), rooms.role('admin')];
const supervisorAudience = [rooms.role('supervisor'), rooms.role('admin')];
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
    @Inject(CONVERSATION_ACCESS) private readonly conversationAccess: ConversationAccess,
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
      // Status, tags and internal notes: consoles that work the inbox (ops read notes over REST only).
      this.events.subscribe('conversation.updated', (payload) => {
        this.server.to(inboxAudience).emit('conversation.updated', payload);
      }),
      this.events.subscribe('note.added', (payload) => {
        this.server.to(inboxAudience).emit('note.added', payload);
      }),
      // SLA alerts name their own audience (the SLA domain decides who hears of a breach); one digest per tick.
      this.events.subscribe('sla.warning', ({ audience, alerts }) => {
        this.server.to(audience).emit('sla.warning', { alerts });
      }),
      this.events.subscribe('sla.breached', ({ audience, alerts }) => {
        this.server.to(audience).emit('sla.breached', { alerts });
      }),
      this.events.subscribe('sla.updated', (payload) => {
        this.server.to(inboxAudience).emit('sla.updated', payload);
      }),
      // Customer records change under an open conversation: consoles refresh the customer panel (ids only).
      this.events.subscribe('contact.updated', (payload) => {
        this.server.to(inboxAudience).emit('contact.updated', payload);
      }),
      this.events.subscribe('contact.merged', (payload) => {
        this.server.to(inboxAudience).emit('contact.merged', payload);
      }),
      this.events.subscribe('contact.merge_undone', (payload) => {
        this.server.to(inboxAudience).emit('contact.merge_undone', payload);
      }),
      this.events.subscribe('contact.erased', (payload) => {
        this.server.to(inboxAudience).emit('contact.erased', payload);
      }),
      // Routing: an assignment reaches the new and the previous agent and the people who supervise.
      this.events.subscribe('conversation.assigned', (payload) => {
        const agents = [payload.agentId, payload.previousAgentId].flatMap((id) =>
          id ? [rooms.agent(id)] : [],
        );
        this.server.to([...agents, ...supervisorAudience]).emit('conversation.assigned', payload);
      }),
      this.events.subscribe('queue.changed', (payload) => {
        this.server.to(inboxAudience).emit('queue.changed', payload);
      }),
      this.events.subscribe('agent.status.changed', (payload) => {
        this.server
          .to([rooms.agent(payload.userId), ...supervisorAudience])
          .emit('agent.status.changed', payload);
      }),
      // Mention-volume incidents are for the people who run operations.
      ...(['incident.opened', 'incident.updated', 'incident.closed'] as const).map((name) =>
        this.events.subscribe(name, (payload) => {
          this.server.to([rooms.role('ops'), ...supervisorAudience]).emit(name, payload);
        }),
      ),
    );
  }

  async handleConnection(socket: VigieSocket): Promise<void> {
    const { identity } = socket.data;
    await socket.join(roomsFor(identity));
    // fetchSockets spans every node when the Redis adapter is on.
    const sockets = await this.server.in(rooms.agent(identity.userId)).fetchSockets();
    if (sockets.length === 1) this.announcePresence(identity, 'online');
    // A new console only hears changes from now on: give it who is online already.
    const everyone = await this.server.fetchSockets();
    socket.emit('agent.presence.snapshot', {
      agents: presenceSnapshot({
        viewer: identity,
        connected: everyone.map((other) => other.data.identity),
        at: this.clock.now().toISOString(),
      }),
    });
  }

  async handleDisconnect(socket: VigieSocket): Promise<void> {
    const identity = socket.data.identity as SocketIdentity | undefined;
    if (!identity) return;
    const remaining = await this.server.in(rooms.agent(identity.userId)).fetchSockets();
    if (remaining.length === 0) this.announcePresence(identity, 'offline');
    const viewing = socket.data.viewing;
    // A node shutting down (or Redis gone) must not turn a viewer's departure into an unhandled rejection.
    if (viewing)
      await this.broadcastViewers(viewing).catch((error: unknown) =>
        this.logger.warn({ err: error, conversationId: viewing }, 'Could not update the viewers'),
      );
  }

  @SubscribeMessage('session.whoami')
  whoAmI(socket: VigieSocket): WhoAmIAck {
    return {
      userId: socket.data.identity.userId,
      rooms: [...socket.rooms].filter((room) => room !== socket.id),
      node: this.config.nodeName,
    };
  }

  /** Collision: the socket now shows this conversation (or none); every viewer hears the new list. */
  @SubscribeMessage('conversation.viewing')
  async viewConversation(
    socket: VigieSocket,
    command: ConversationViewingCommand | undefined,
  ): Promise<ConversationViewingAck> {
    const conversationId = command?.conversationId;
    if (conversationId !== null && !isConversationId(conversationId)) return { ok: false, code: 'invalid' };
    if (conversationId && !(await this.conversationAccess.mayView(socket.data.identity, conversationId)))
      return { ok: false, code: 'forbidden' };
    const previous = socket.data.viewing;
    if (previous && previous !== conversationId) {
      socket.data.viewing = null;
      socket.data.isTyping = false;
      await socket.leave(rooms.conversation(previous));
      await this.broadcastViewers(previous);
    }
    if (!conversationId) return { ok: true, viewers: [] };
    socket.data.viewing = conversationId;
    socket.data.isTyping = false;
    await socket.join(rooms.conversation(conversationId));
    return { ok: true, viewers: await this.broadcastViewers(conversationId) };
  }

  /** Typing only counts in the conversation the socket is viewing (so it was authorised there). */
  @SubscribeMessage('conversation.typing')
  async typeInConversation(
    socket: VigieSocket,
    command: ConversationTypingCommand | undefined,
  ): Promise<ConversationViewingAck> {
    if (!isConversationId(command?.conversationId) || typeof command.isTyping !== 'boolean')
      return { ok: false, code: 'invalid' };
    if (socket.data.viewing !== command.conversationId) return { ok: false, code: 'forbidden' };
    if (socket.data.isTyping === command.isTyping)
      return { ok: true, viewers: await this.viewersNow(command.conversationId) };
    socket.data.isTyping = command.isTyping;
    return { ok: true, viewers: await this.broadcastViewers(command.conversationId) };
  }

  private async viewersNow(conversationId: string): Promise<ConversationViewer[]> {
    // fetchSockets spans every node when the Redis adapter is on, with each socket's current data.
    const sockets = await this.server.in(rooms.conversation(conversationId)).fetchSockets();
    return viewersOf(
      sockets.map((viewer) => viewer.data),
      conversationId,
    );
  }

  private async broadcastViewers(conversationId: string): Promise<ConversationViewer[]> {
    const viewers = await this.viewersNow(conversationId);
    this.server
      .to(rooms.conversation(conversationId))
      .emit('conversation.viewers.changed', { conversationId, viewers });
    return viewers;
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
