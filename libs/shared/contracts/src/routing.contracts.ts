/** Routing (issue 5 §2): agent routing profiles, queue, assignments and their log. See docs/routing.md. */

export type RoutingAgentStatus = 'online' | 'away' | 'offline';
export type RoutingPriority = 'urgent' | 'high' | 'medium' | 'low';
export type AssignmentAction =
  'assigned' | 'claimed' | 'transferred' | 'reassigned' | 'unassigned' | 'returned';

/** An agent as routing sees them. */
export type RoutingAgentView = {
  userId: string;
  displayName: string;
  status: RoutingAgentStatus;
  statusSince: string;
  capacity: number;
  openCount: number;
  languages: string[];
  skills: string[];
  teamIds: string[];
  lastAssignedAt: string | null;
};

/** A conversation's routing row: queued (`queuedAt` set) or held (`assigneeId` set). */
export type RoutingConversationView = {
  conversationId: string;
  brandId: string;
  teamId: string | null;
  language: string | null;
  priority: RoutingPriority;
  /** Why this priority, largest contribution first (`complaint (+25)`). */
  priorityReasons: string[];
  waitingSince: string | null;
  /** The customer's wait start + 1 h until the SLA engine provides due times (docs/routing.md). */
  dueAt: string | null;
  queuedAt: string | null;
  assigneeId: string | null;
  assignedAt: string | null;
};

/** One line of the assignment log: the assignment event, its id, and who acted (null: routing itself). */
export type AssignmentLogEntry = ConversationAssigned & { id: string; actorUserId: string | null };

export type AssignmentLogPage = { items: AssignmentLogEntry[] };
export type RoutingQueuePage = { items: RoutingConversationView[]; total: number };

/** `GET /api/routing/inbox?view=`: the caller's unresolved conversations, or the queued ones waiting for a reply. */
export const routingInboxViews = ['mine', 'unassigned'] as const;
export type RoutingInboxView = (typeof routingInboxViews)[number];

export type BulkReassignOutcome = {
  conversationId: string;
  outcome: 'accepted' | 'unchanged' | 'rejected';
  why?: string;
  explanation: string;
};
export type BulkReassignResponse = { results: BulkReassignOutcome[] };

/** Pushed to the new and previous agent and to supervisors and admins. */
export type ConversationAssigned = {
  conversationId: string;
  action: AssignmentAction;
  agentId: string | null;
  previousAgentId: string | null;
  teamId: string | null;
  /** Machine reason: `account_owner`, `last_agent`, `round_robin`, `least_loaded`, `claimed`, `agent_offline`… */
  reason: string;
  /** The sentence shown to people. */
  explanation: string;
  at: string;
};

/** The queue changed size (pushed to agents, supervisors and admins). */
export type QueueChanged = { queued: number; at: string };

/** An agent's routing status or capacity changed (pushed to the agent and to supervisors and admins). */
export type AgentStatusChanged = {
  userId: string;
  status: RoutingAgentStatus;
  capacity: number;
  openCount: number;
  /** `presence` (sockets), `agent` (REST), `supervisor`, `inactivity`. */
  source: 'presence' | 'agent' | 'supervisor' | 'inactivity';
  at: string;
};
