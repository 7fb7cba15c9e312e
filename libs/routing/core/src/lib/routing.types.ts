/**
 * Plain data the routing policy decides over. The server builds these snapshots from its rows (under the
 * row locks of one assignment transaction) and applies the decisions; nothing here reads a clock or a table.
 */

/**
 * Presence of an agent. `online`: at the console and active. `away`: present but inactive (set by the agent or
 * after inactivity); keeps their conversations but gets no new ones from routing. `offline`: gone; never chosen,
 * and their conversations awaiting a reply return to the queue after a grace period.
 */
export type AgentStatus = 'online' | 'away' | 'offline';

/** How a team (or a brand's queue when a conversation has no team) spreads new conversations. */
export type TeamRoutingPolicy = 'round_robin' | 'least_loaded';

/**
 * What the team stage does when a required skill is held by nobody in the conversation's queue (whatever their
 * status): `wait` keeps the conversation queued until such an agent joins (the log says so); `any_agent` drops
 * the skills nobody holds and routes on the others (`isSkillFallback`).
 */
export type SkillFallback = 'wait' | 'any_agent';

/** Queue order: `urgent` first. The same vocabulary as the priority field of the inbox (Chatwoot's four levels). */
export type ConversationPriority = 'urgent' | 'high' | 'medium' | 'low';

/** One agent as routing sees them at the instant of the decision. */
export type AgentSnapshot = {
  id: string;
  /** Only used to make explanations readable; ids are used when absent. */
  name?: string;
  status: AgentStatus;
  /** When `status` last changed; the offline grace period counts from here. */
  statusSince: Date;
  /** Languages the agent answers in, as BCP 47 tags or bare ISO 639-1 codes (`fr`, `en-GB`); compared on the primary subtag. */
  languages: readonly string[];
  /** Skill slugs, compared exactly (`fraud`, `cards`). */
  skills: readonly string[];
  /** Most conversations the agent holds at once; 0 takes none. */
  capacity: number;
  /** Open conversations the agent holds now. May exceed `capacity` when a supervisor lowered it: then the agent just has no room. */
  openCount: number;
  teamIds: readonly string[];
  /** Result of the agent's working-hours calendar at the decision instant (computed by the caller, e.g. with `@vigie/sla-core`). */
  isWithinHours: boolean;
  /** The agent's last assignment of any kind, or null if never; round robin rotates on it. */
  lastAssignedAt: Date | null;
};

/** A conversation that needs an agent: new, returned from an offline agent, or waiting in the queue. */
export type ConversationToRoute = {
  id: string;
  brandId: string;
  /** The team queue it sits in; null means the brand's queue, where every agent passed in is a team member. */
  teamId: string | null;
  /** Detected language (`fr`, `en`), or null when unknown: then language does not filter. */
  language: string | null;
  /** Skills the agent must all have. */
  requiredSkills: readonly string[];
  /** What to do when nobody in the queue holds a required skill (see {@link SkillFallback}); default `wait`. */
  skillFallback?: SkillFallback;
  /**
   * Skills held by at least one agent of the conversation's queue (the team, or every agent for the brand queue),
   * whatever their status. Absent: unknown, every required skill is assumed to be held by someone.
   */
  skillsHeldInQueue?: readonly string[];
  priority: ConversationPriority;
  /** The SLA due time that orders the queue inside one priority; null when no SLA clock runs. */
  dueAt: Date | null;
  /** When it entered the queue (arrival); the last tie-breaker of queue order before the id. */
  queuedAt: Date;
  contact: {
    /** The owner agent of the CRM account behind the contact, if any. */
    accountOwnerId: string | null;
    /** The agent who last answered this customer, on any conversation, if any. */
    lastAnsweredByAgentId: string | null;
  };
};

/** Why an agent was chosen. */
export type AssignmentReason = 'account_owner' | 'last_agent' | 'round_robin' | 'least_loaded';

/** Why one particular agent cannot take a conversation, checked in this order. */
export type IneligibilityReason =
  'unknown_agent' | 'offline' | 'away' | 'outside_hours' | 'not_in_team' | 'missing_skills' | 'at_capacity';

/** Why a conversation waits in the queue: the first filter that left nobody. */
export type QueuedWhy =
  /** Nobody belongs to the conversation's team (or the brand has no agents). */
  | 'empty_team'
  /** Team members exist, but none is online and within their hours. */
  | 'no_agent_on_duty'
  /** Nobody in the queue holds a required skill, whatever their status, and the policy waits for one. */
  | 'skill_not_in_team'
  /** Agents are on duty, but none has every required skill. */
  | 'missing_skills'
  /** Agents who could take it are on duty, but all are at capacity. */
  | 'all_at_capacity';

/** A sticky candidate (account owner, last agent) that was passed over, kept for the assignment log. */
export type SkippedCandidate = {
  stage: 'account_owner' | 'last_agent';
  agentId: string;
  why: IneligibilityReason;
};

/** The outcome of routing one conversation. `explanation` is the sentence written to the assignment log. */
export type RoutingDecision =
  | {
      agentId: string;
      reason: AssignmentReason;
      /** True when the conversation's language is spoken by nobody on duty and any eligible agent was taken. */
      isLanguageFallback: boolean;
      /** True when a required skill nobody in the queue holds was dropped (`skillFallback: 'any_agent'`). */
      isSkillFallback: boolean;
      skipped: readonly SkippedCandidate[];
      explanation: string;
    }
  | {
      agentId: null;
      reason: 'queued';
      why: QueuedWhy;
      skipped: readonly SkippedCandidate[];
      explanation: string;
    };

/** A decision that assigns. */
export type AssignedDecision = Extract<RoutingDecision, { reason: AssignmentReason }>;
/** A decision that leaves the conversation queued. */
export type QueuedDecision = Extract<RoutingDecision, { reason: 'queued' }>;
