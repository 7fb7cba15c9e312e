/** The SLA clock's REST and socket types (docs/sla.md). */

export type SlaClockKind = 'customer' | 'contract';
export type SlaMetricName = 'first_response' | 'next_response' | 'resolution';
export type SlaClockStatus = 'running' | 'paused' | 'fulfilled' | 'stopped';
export type SlaHoursKind = 'business' | 'calendar';
export type SlaEventKind =
  | 'applied'
  | 'warned'
  | 'paused'
  | 'resumed'
  | 'fulfilled'
  | 'breached'
  | 'stopped'
  | 'escalated'
  | 'recomputed'
  | 'auto_answered';

type LocalIntervalBody = [start: string, end: string];

/** A policy as admins write it (`PUT /api/brands/:brandId/sla-policies/:name`). */
export type SlaPolicyBody = {
  position?: number;
  conditions?: {
    channels?: string[];
    conversationKinds?: ('public_thread' | 'direct_message')[];
    intents?: string[];
    /** Routing priority bands; a change of band chooses the policy again (docs/sla.md). */
    priorities?: ('urgent' | 'high' | 'medium' | 'low')[];
    /** Matches a conversation carrying at least one of these tags. */
    tags?: string[];
    /** The contact's CRM account tier; `none`: no account or no tier. */
    contactTiers?: ('vip' | 'premium' | 'standard' | 'none')[];
  };
  calendar: {
    timezone: string;
    weekly: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', LocalIntervalBody[]>>;
    holidays?: string[];
    breaks?: { date: string; intervals: LocalIntervalBody[] }[];
    dateOverrides?: { date: string; intervals: LocalIntervalBody[] }[];
  };
  targets: Partial<
    Record<SlaMetricName, { minutes: number; hours: SlaHoursKind; isPausedWhenPending?: boolean }>
  >;
  customerPromiseMinutes?: number;
  warningFractions?: number[];
  escalation?: ('notify' | 'raise_priority' | 'reassign_to_team_queue')[];
  outOfHours?: { isEnabled: boolean; templates: { fr: string; en: string } };
};

export type SlaPolicyView = {
  /** Null for the built-in default that applies while a brand has no policy. */
  id: string | null;
  brandId: string;
  name: string;
  position: number;
  version: number;
  spec: Required<Omit<SlaPolicyBody, 'position'>>;
  updatedAt: string | null;
};

export type SlaClockView = {
  clock: SlaClockKind;
  metric: SlaMetricName;
  status: SlaClockStatus;
  hours: SlaHoursKind;
  targetMinutes: number;
  startedAt: string;
  /** Null while paused or once stopped. */
  dueAt: string | null;
  breachedAt: string | null;
  fulfilledAt: string | null;
  /** Counted time so far (paused or ended clocks) or at fulfilment. */
  countedMs: number;
  /** Why the clock is due when it is, in words (English). Null when it has no due time. */
  explanation: string | null;
  /** The same steps as data, for the console to say in the agent's language. Null when it has no due time. */
  explanationSteps: SlaDueStep[] | null;
};

/**
 * One step towards a due time: days are local dates `YYYY-MM-DD` in the policy's zone (`ConversationSla.timezone`),
 * instants ISO 8601, durations in milliseconds.
 */
export type SlaDueStep =
  | { kind: 'started'; how: 'received' | 'resumed'; at: string; isOutsideHours: boolean }
  | { kind: 'already_counted'; ms: number }
  | { kind: 'calendar_time'; ms: number }
  | { kind: 'opens'; at: string }
  | { kind: 'closed'; firstDay: string; lastDay: string }
  | { kind: 'counted'; ms: number; day: string };

export type SlaEventView = {
  id: string;
  clock: SlaClockKind;
  metric: SlaMetricName;
  kind: SlaEventKind;
  at: string;
  dueAt: string | null;
  detail: string;
};

/** `GET /api/conversations/:id/sla`. */
export type ConversationSla = {
  conversationId: string;
  policyName: string;
  timezone: string;
  clocks: SlaClockView[];
  events: SlaEventView[];
};

/** One alert of a scheduler tick. */
export type SlaAlert = {
  conversationId: string;
  clock: SlaClockKind;
  metric: SlaMetricName;
  kind: 'warning' | 'breach';
  /** 0.5, 0.8 … for warnings; 1 for the breach. */
  fraction: number;
  dueAt: string;
  at: string;
};

/**
 * Alerts of one scheduler tick for one audience, digested: one socket message however many conversations
 * crossed a threshold at once. `audience` holds the room names (the gateway forwards to them as they are).
 */
export type SlaAlertsRaised = SlaAlertDigest & { audience: string[] };

/** What consoles receive for `sla.warning` and `sla.breached`. */
export type SlaAlertDigest = { alerts: SlaAlert[] };

/** A conversation's clocks changed (started, paused, resumed, fulfilled, recomputed). */
export type SlaUpdated = { conversationId: string; clocks: SlaClockView[] };

/** Asks other domains (routing) to act on a breach: raise the priority, or put it back in the team queue. */
export type SlaEscalated = {
  conversationId: string;
  action: 'notify' | 'raise_priority' | 'reassign_to_team_queue';
  metric: SlaMetricName;
  at: string;
};

/** `hour` and `day` are series over time (in the requested zone); the others compare agents, teams, brands, channels. */
export type SlaFigureGroup = 'hour' | 'day' | 'agent' | 'team' | 'brand' | 'channel';

/** One row of `GET /api/sla/figures`: first responses of conversations started in the range. */
export type SlaFigureRow = {
  /**
   * The hour (`YYYY-MM-DDTHH:00`) or day (`YYYY-MM-DD`) in the requested zone, agent id, team id, brand id or
   * channel; null: no responder yet.
   */
  key: string | null;
  conversations: number;
  /** Share answered within the customer's promise (wall-clock), 0..1; null when none was answered or due. */
  answeredWithinPromise: number | null;
  /** Share of contract first-response clocks met (fulfilled within target, among those decided), 0..1. */
  compliance: number | null;
  customerP50Ms: number | null;
  customerP90Ms: number | null;
  contractP50Ms: number | null;
  contractP90Ms: number | null;
};

export type SlaFigures = {
  from: string;
  to: string;
  groupBy: SlaFigureGroup;
  timezone: string;
  /** Only first responses given by members of this team (`?teamId=`), or null. */
  teamId: string | null;
  /** Only first responses given by this agent (`?agentId=`), or null. */
  agentId: string | null;
  rows: SlaFigureRow[];
};
