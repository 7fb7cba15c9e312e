import { type Role, type RoutingPriority, routingPriorities } from '@vigie/contracts';

/** The bands an agent may set (`POST /api/conversations/:id/priority`), most pressing first. */
export const settablePriorities: readonly RoutingPriority[] = routingPriorities;

/** Agents, supervisors and admins set a conversation's band (the API's roles); ops only reads. */
export function canSetPriority(role: Role): boolean {
  return role === 'agent' || role === 'supervisor' || role === 'admin';
}

/**
 * A reason from routing's view, as the console says it: a person's choice ("set to high by hand", stored by
 * routing's participant) is translated; triage's and the SLA's reasons ("complaint (+25)") are shown as sent.
 */
export type PriorityReason = { kind: 'byHand'; priority: RoutingPriority } | { kind: 'rule'; text: string };

const byHandPattern = /^set to (urgent|high|medium|low) by hand$/;

export function readPriorityReason(reason: string): PriorityReason {
  const match = byHandPattern.exec(reason);
  const priority = match?.[1];
  return priority && isRoutingPriority(priority)
    ? { kind: 'byHand', priority }
    : { kind: 'rule', text: reason };
}

function isRoutingPriority(value: string): value is RoutingPriority {
  return (routingPriorities as readonly string[]).includes(value);
}

/** At most this many reasons are listed: each change by hand is prepended, so the list only grows. */
export const maxReasonsShown = 4;

/** The reasons to list (the latest and largest first, as routing stores them), and how many are left out. */
export function reasonsToShow(reasons: readonly string[]): { shown: PriorityReason[]; hidden: number } {
  return {
    shown: reasons.slice(0, maxReasonsShown).map(readPriorityReason),
    hidden: Math.max(0, reasons.length - maxReasonsShown),
  };
}
