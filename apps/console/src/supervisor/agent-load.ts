import { type AgentStatusChanged, type RoutingAgentStatus, type RoutingAgentView } from '@vigie/contracts';

const statusOrder: Record<RoutingAgentStatus, number> = { online: 0, away: 1, offline: 2 };

/** How full an agent is: `full` at or over capacity (routing gives them nothing more), `high` from 80 %. */
export type LoadLevel = 'free' | 'high' | 'full';

export function loadLevel(agent: Pick<RoutingAgentView, 'openCount' | 'capacity'>): LoadLevel {
  if (agent.openCount >= agent.capacity) return 'full';
  return agent.openCount >= agent.capacity * 0.8 ? 'high' : 'free';
}

/** The share of capacity in use, 0..1 (a capacity of 0 is full), for the load bar. */
export function loadRatio(agent: Pick<RoutingAgentView, 'openCount' | 'capacity'>): number {
  if (agent.capacity <= 0) return 1;
  return Math.min(1, agent.openCount / agent.capacity);
}

/** Online first, then away, then offline; within a status the fullest first, then by name. */
export function sortAgents(agents: readonly RoutingAgentView[]): RoutingAgentView[] {
  return [...agents].sort(
    (left, right) =>
      statusOrder[left.status] - statusOrder[right.status] ||
      loadRatio(right) - loadRatio(left) ||
      left.displayName.localeCompare(right.displayName),
  );
}

/** The list after `agent.status.changed` (status, capacity and open count are in the event). */
export function applyAgentChange(
  agents: readonly RoutingAgentView[],
  change: AgentStatusChanged,
): RoutingAgentView[] {
  return agents.map((agent) =>
    agent.userId === change.userId
      ? {
          ...agent,
          status: change.status,
          capacity: change.capacity,
          openCount: change.openCount,
          statusSince: agent.status === change.status ? agent.statusSince : change.at,
        }
      : agent,
  );
}

/** Routing refuses to hand work to an offline agent; away agents may still be given conversations. */
export function canReceive(agent: Pick<RoutingAgentView, 'status'>): boolean {
  return agent.status !== 'offline';
}

/** The API's bounds for a capacity (`PUT /api/routing/agents/:userId/capacity`). */
export const maxCapacity = 1000;

/** A capacity typed in the board: a whole number from 0 to 1000, else null. */
export function parseCapacity(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= maxCapacity ? value : null;
}
