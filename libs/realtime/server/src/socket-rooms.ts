import { rooms } from '@vigie/contracts';
import type { SocketIdentity } from './socket-authenticator';

/** Sockets of one session, so logout can end them on every node. Server-side only. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** Every room a socket joins at the handshake. */
export function roomsFor(identity: SocketIdentity): string[] {
  return [
    rooms.agent(identity.userId),
    rooms.role(identity.role),
    ...identity.teamIds.map((teamId) => rooms.team(teamId)),
    sessionRoom(identity.sessionId),
  ];
}

/** Who hears about an agent's presence: supervisors, admins and the agent's teams. */
export function presenceAudience(identity: SocketIdentity): string[] {
  return [
    rooms.role('supervisor'),
    rooms.role('admin'),
    ...identity.teamIds.map((teamId) => rooms.team(teamId)),
  ];
}
