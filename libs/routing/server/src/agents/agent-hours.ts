import { hoursSourceOf, type WorkingHours } from '@vigie/routing-core';
import type { AgentRow } from '../queue/routing.repository';

/**
 * The agents as of `at`: `isWithinHours` from their calendars (their own, else their teams', else always), for the
 * paths that decide on hours: the drain and the agents' view (docs/adr/0207).
 */
export function withWorkingHours(agents: readonly AgentRow[], hours: WorkingHours, at: Date): AgentRow[] {
  return agents.map((agent) => ({ ...agent, isWithinHours: hours.isWithinHours(agent.hours, at) }));
}

/** What the agents' view says of an agent's hours at `at`. */
export function hoursView(
  agent: AgentRow,
  hours: WorkingHours,
  at: Date,
): { isWithinHours: boolean; hoursSource: 'agent' | 'team' | 'none'; nextOpeningAt: string | null } {
  return {
    isWithinHours: hours.isWithinHours(agent.hours, at),
    hoursSource: hoursSourceOf(agent.hours),
    nextOpeningAt: hours.nextOpening(agent.hours, at)?.toISOString() ?? null,
  };
}
