import { type Role } from '@vigie/contracts';
import { assertNever } from '@vigie/kernel';

/**
 * The conversation lists an agent can open from the left nav: only those the API can serve. The list API
 * has no assignment, SLA or status filters yet, so "mine", "unassigned", "my team", "at risk", "breached",
 * "pending", "snoozed" and "resolved" join this list when routing and SLA expose them.
 */
export const conversationViews = ['all'] as const;
export type ConversationView = (typeof conversationViews)[number];

/** Sections announced in the nav but not built yet. */
export type UpcomingSection = 'slaBoard' | 'administration';

export type NavigationItem =
  { kind: 'view'; view: ConversationView } | { kind: 'upcoming'; section: UpcomingSection };

export const defaultView: ConversationView = 'all';

/** Reads the `?view=` search parameter; anything unknown opens the default view. */
export function parseView(value: string | null): ConversationView {
  return (conversationViews as readonly (string | null)[]).includes(value)
    ? (value as ConversationView)
    : defaultView;
}

/**
 * The left nav for a role. Every role works conversations; supervisors and above also watch
 * SLAs (roles are ordered from least to most privileged); only admins administer.
 */
export function navigationFor(role: Role): NavigationItem[] {
  const views: NavigationItem[] = conversationViews.map((view) => ({ kind: 'view', view }));
  const slaBoard: NavigationItem = { kind: 'upcoming', section: 'slaBoard' };
  const administration: NavigationItem = { kind: 'upcoming', section: 'administration' };
  switch (role) {
    case 'agent':
      return views;
    case 'supervisor':
    case 'ops':
      return [...views, slaBoard];
    case 'admin':
      return [...views, slaBoard, administration];
    default:
      return assertNever(role, 'Unknown role');
  }
}
