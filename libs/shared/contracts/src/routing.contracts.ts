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
  /** The agent's own working-hours calendar (null: their teams'). Optional fields: absent from older servers. */
  hours?: WorkingHoursCalendar | null;
  /** Where the agent's hours come from: their own calendar, their teams' calendars, or none (always within hours). */
  hoursSource?: 'agent' | 'team' | 'none';
  /** Whether the agent is within their hours now (routing gives new conversations only then). */
  isWithinHours?: boolean;
  /** When an agent outside their hours comes within them next; null when within hours or without calendar. */
  nextOpeningAt?: string | null;
};

/**
 * A working-hours calendar: the SLA calendar's shape (`@vigie/sla-core` `CalendarSpec`), in the team's or agent's
 * IANA time zone. Holidays close a date, a date override replaces its weekly hours, breaks are removed.
 */
export type WorkingHoursCalendar = {
  timezone: string;
  weekly: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string][]>>;
  holidays?: string[];
  breaks?: { date: string; intervals: [string, string][] }[];
  dateOverrides?: { date: string; intervals: [string, string][] }[];
};

/** `PUT /api/routing/agents/:userId/hours` and `PUT /api/routing/teams/:teamId/hours`: null clears the calendar. */
export type WorkingHoursBody = { calendar: WorkingHoursCalendar | null };

/** What routing does when nobody in a conversation's queue holds a required skill. */
export type SkillFallbackMode = 'wait' | 'any_agent';

/**
 * One skill rule: conversations matching every condition given (any value of each list) need every skill listed.
 * `intents` are triage intents (any of the customer's posts), `languages` two-letter codes.
 */
export type SkillRuleBody = {
  when: {
    intents?: string[];
    languages?: string[];
    tags?: string[];
    channels?: string[];
    conversationKinds?: ('public_thread' | 'direct_message')[];
  };
  skills: string[];
};

/** `PUT /api/routing/brands/:brandId/skill-rules`. `fallback` defaults to `wait`. */
export type BrandSkillRulesBody = { rules: SkillRuleBody[]; fallback?: SkillFallbackMode };
/** `PUT /api/routing/teams/:teamId/skill-rules`: null rules or fallback hand the choice back to the brand's. */
export type TeamSkillRulesBody = { rules: SkillRuleBody[] | null; fallback?: SkillFallbackMode | null };

export type RoutingBrandSettingsView = {
  brandId: string;
  name: string;
  policy: 'round_robin' | 'least_loaded';
  skillRules: SkillRuleBody[];
  skillFallback: SkillFallbackMode;
};

export type RoutingTeamSettingsView = {
  teamId: string;
  name: string;
  hours: WorkingHoursCalendar | null;
  /** Null: the brand's rules apply to this team's queue. */
  skillRules: SkillRuleBody[] | null;
  skillFallback: SkillFallbackMode | null;
};

/** `GET /api/routing/settings`. */
export type RoutingSettingsView = { brands: RoutingBrandSettingsView[]; teams: RoutingTeamSettingsView[] };

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
  /**
   * The due time that orders the queue within a priority: the SLA contract clock's (first or next response), else
   * the customer clock's, else the wait start + 1 h (docs/routing.md).
   */
  dueAt: string | null;
  /** Where `dueAt` comes from. Optional: absent from older servers. */
  dueSource?: 'contract' | 'customer' | 'provisional';
  /** Skills the routing policy's rules require of the agent. Optional: absent from older servers. */
  requiredSkills?: string[];
  /**
   * `GET /api/routing/conversations/:id` of a queued conversation: why it waits (`why` as in the policy:
   * `empty_team`, `skill_not_in_team`, `no_agent_on_duty`, `missing_skills`, `all_at_capacity`), in a sentence.
   */
  waiting?: { why: string | null; explanation: string };
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
