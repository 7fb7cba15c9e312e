import { type AgentPresenceChanged, type PresenceStatus, type Role } from '@vigie/contracts';

export type OnlineColleague = {
  userId: string;
  displayName: string;
  role: Role;
  status: Exclude<PresenceStatus, 'offline'>;
  /** ISO timestamp of the presence change this entry reflects. */
  at: string;
};

/**
 * Applies one `agent.presence.changed` event to the list of colleagues online, sorted by name.
 * The signed-in user is not their own colleague; an event older than the one already applied
 * for that user is ignored, since socket.io does not guarantee order across reconnections.
 */
export function applyPresenceChange(params: {
  colleagues: readonly OnlineColleague[];
  change: AgentPresenceChanged;
  selfUserId: string;
}): OnlineColleague[] {
  const { colleagues, change, selfUserId } = params;
  if (change.userId === selfUserId) {
    return [...colleagues];
  }
  const known = colleagues.find((colleague) => colleague.userId === change.userId);
  if (known && Date.parse(known.at) > Date.parse(change.at)) {
    return [...colleagues];
  }
  const others = colleagues.filter((colleague) => colleague.userId !== change.userId);
  if (change.status === 'offline') {
    return others;
  }
  const updated: OnlineColleague = {
    userId: change.userId,
    displayName: change.displayName,
    role: change.role,
    status: change.status,
    at: change.at,
  };
  return [...others, updated].sort(
    (left, right) =>
      left.displayName.localeCompare(right.displayName, undefined, { sensitivity: 'base' }) ||
      left.userId.localeCompare(right.userId),
  );
}

/**
 * Replaces the list with the server's snapshot (sent on every connect, so also after a reconnection),
 * keeping an entry only when it is newer than the snapshot.
 */
export function applyPresenceSnapshot(params: {
  colleagues: readonly OnlineColleague[];
  snapshot: readonly AgentPresenceChanged[];
  selfUserId: string;
}): OnlineColleague[] {
  return params.snapshot.reduce<OnlineColleague[]>(
    (colleagues, change) => applyPresenceChange({ colleagues, change, selfUserId: params.selfUserId }),
    [],
  );
}
