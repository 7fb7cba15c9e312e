/** Mention-volume incidents: REST and socket types (docs/spikes.md). */

export type SpikeIncidentStatus = 'open' | 'closed';
/**
 * How a closed incident ended: volume back to normal, resolved by ops, marked a false alarm by ops, or merged by
 * ops into another incident (`mergedIntoId`).
 */
export type SpikeIncidentClosure = 'calm' | 'resolved' | 'false_alarm' | 'merged';
export type SpikeIncidentSeverity = 'minor' | 'major' | 'critical';

/** A term that rose in the incident's posts against the brand's last day. */
export type SpikeRisingTermView = { term: string; recentCount: number; lift: number };

/** A post of the incident, for ops to read what customers say (text as the customer wrote it). */
export type SpikeSampleView = {
  messageId: string;
  conversationId: string | null;
  text: string;
  sentAt: string;
};

/** `GET /api/spikes/incidents`, `GET /api/spikes/incidents/:id` and the `incident.*` socket events. */
export type SpikeIncidentView = {
  id: string;
  brandId: string;
  brandName: string;
  /** `''` for the brand's whole mention volume, else a topic key (e.g. `outage`). */
  topic: string;
  status: SpikeIncidentStatus;
  severity: SpikeIncidentSeverity;
  startedAt: string;
  endedAt: string | null;
  /** Mentions counted in the series since the incident started (the live count). */
  mentionCount: number;
  /** What the baseline expected over the same minutes. */
  baselineCount: number;
  topTerms: SpikeRisingTermView[];
  samples: SpikeSampleView[];
  /** Null while open. */
  closure: SpikeIncidentClosure | null;
  /** Who resolved it or marked it a false alarm (null when calm closed it). */
  closedByUserId: string | null;
  acknowledgedAt: string | null;
  acknowledgedByUserId: string | null;
  /** Conversations linked to the incident (by topic and time while it is open), unlinked ones not counted. */
  linkedConversationCount: number;
  /** Bulk answers, oldest first, each with its delivery progress. */
  bulkAnswers: SpikeBulkAnswerView[];
  /** The incident this one was merged into (`closure = 'merged'`). */
  mergedIntoId: string | null;
  /** The incident ops split this one off (it was opened by hand, not by the detector). */
  splitFromId: string | null;
  /** Who split it off (null for the detector's incidents). */
  openedByUserId: string | null;
  /** The incident's own SLA: the first public update to its customers. */
  sla: SpikeIncidentSlaView;
};

/**
 * The incident's SLA (docs/spikes.md): a first public update (a bulk answer) due some minutes after it opened, in
 * calendar time. `running` until then; `fulfilled` by the first bulk answer (late when `breachedAt` is set);
 * `stopped` when the incident closed before any update. Warnings and breaches reach ops in `incident.updated`.
 */
export type SpikeIncidentSlaView = {
  status: 'running' | 'fulfilled' | 'stopped';
  targetMinutes: number;
  dueAt: string;
  warnedAt: string | null;
  breachedAt: string | null;
  fulfilledAt: string | null;
};

/** Texts of a bulk answer per language; each conversation gets its language's, else the brand's default. */
export type SpikeBulkAnswerTexts = { fr?: string; en?: string };

/** Delivery of one bulk answer: one outbox reply per linked conversation. */
export type SpikeBulkAnswerProgress = {
  /** Linked conversations it reached: queued + sent + failed + skipped. */
  total: number;
  /** Waiting in the outbox or being sent. */
  queued: number;
  sent: number;
  /** Refused by X (or by the outbox before sending); the reason is on the conversation's message. */
  failed: number;
  /** Not sent because the same customer got this answer publicly in another of their conversations. */
  skipped: number;
  /**
   * When the next queued reply may go: later than now while the account's sending budget paces the answer (X
   * allows 100 posts per 15 minutes per account). Null when nothing is queued.
   */
  nextSendAt: string | null;
};

export type SpikeBulkAnswerView = {
  id: string;
  incidentId: string;
  texts: SpikeBulkAnswerTexts;
  /** Conversations linked later get it too, while the incident is open. */
  isForNewcomers: boolean;
  createdByUserId: string | null;
  createdAt: string;
  progress: SpikeBulkAnswerProgress;
};

/** `POST /api/spikes/incidents/:id/answers`. */
export type CreateSpikeBulkAnswerRequest = {
  texts: SpikeBulkAnswerTexts;
  /** Chosen by the console per send: a retried request with the same key sends nothing more. */
  requestKey: string;
  isForNewcomers?: boolean;
};

/** A linked conversation, as the incident page lists it. */
export type SpikeLinkedConversationView = {
  conversationId: string;
  kind: 'public_thread' | 'direct_message';
  /** The customer's handle on the channel, without `@` (null when unknown). */
  customerHandle: string | null;
  customerName: string | null;
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  lastMessagePreview: string;
  linkedAt: string;
};

/** `GET /api/spikes/incidents/:id/conversations?limit=&offset=`, newest links first. */
export type SpikeLinkedConversationPage = {
  total: number;
  conversations: SpikeLinkedConversationView[];
};

export type SpikeIncidentList = { incidents: SpikeIncidentView[] };

/** Payload of `incident.opened`, `incident.updated` and `incident.closed`. */
export type SpikeIncidentChanged = { incident: SpikeIncidentView };

/** `POST /api/spikes/incidents/:id/merge`: the incident named in the body is merged into `:id`. */
export type MergeSpikeIncidentRequest = { incidentId: string };

/** `POST /api/spikes/incidents/:id/split`: these linked conversations move to a new incident. */
export type SplitSpikeIncidentRequest = { conversationIds: string[] };

/** What an incident webhook can be told (`incident.closed`: volume back to normal, or merged into another). */
export const spikeWebhookEvents = [
  'incident.opened',
  'incident.severity_changed',
  'incident.acknowledged',
  'incident.resolved',
  'incident.false_alarm',
  'incident.closed',
  'incident.sla_breached',
] as const;
export type SpikeWebhookEvent = (typeof spikeWebhookEvents)[number];

/** An outbound incident webhook of a brand (the secret is never shown again after creation). */
export type SpikeWebhookView = {
  id: string;
  brandId: string;
  name: string;
  url: string;
  events: SpikeWebhookEvent[];
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
};

/** `POST /api/spikes/brands/:brandId/webhooks`. Without `secret`, Vigie generates one and returns it once. */
export type CreateSpikeWebhookRequest = {
  name: string;
  url: string;
  secret?: string;
  events?: SpikeWebhookEvent[];
};

/** `PATCH /api/spikes/webhooks/:id`. */
export type UpdateSpikeWebhookRequest = {
  url?: string;
  secret?: string;
  events?: SpikeWebhookEvent[];
  isActive?: boolean;
};

/** The answer to a creation: the secret, shown this once when Vigie generated it (null when the admin gave it). */
export type SpikeWebhookCreated = { webhook: SpikeWebhookView; generatedSecret: string | null };

export type SpikeWebhookDeliveryView = {
  id: string;
  eventType: SpikeWebhookEvent;
  eventKey: string;
  incidentId: string | null;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
};

/**
 * The JSON body of an incident webhook. `text` is a one-line summary, so chat tools that post a `text` field
 * (Slack, Mattermost incoming webhooks) show it as it is.
 */
export type SpikeWebhookPayload = {
  /** The event's id, the same for every webhook it goes to (`vigie-delivery` names the delivery). */
  id: string;
  type: SpikeWebhookEvent;
  occurredAt: string;
  text: string;
  incident: {
    id: string;
    brandId: string;
    brandName: string;
    topic: string;
    status: SpikeIncidentStatus;
    severity: SpikeIncidentSeverity;
    closure: SpikeIncidentClosure | null;
    startedAt: string;
    endedAt: string | null;
    mentionCount: number;
    baselineCount: number;
    topTerms: string[];
    linkedConversationCount: number;
    acknowledgedAt: string | null;
    acknowledgedByUserId: string | null;
    closedByUserId: string | null;
    mergedIntoId: string | null;
    splitFromId: string | null;
    firstUpdateDueAt: string;
  };
};

/** `GET/PUT /api/spikes/brands/:brandId/settings`. */
export type SpikeBrandSettings = {
  brandId: string;
  /** The incident's first public update is due this long after it opens (calendar minutes, default 30). */
  firstUpdateMinutes: number;
  /** True while the brand uses the default. */
  isDefault: boolean;
};

export type UpdateSpikeBrandSettingsRequest = { firstUpdateMinutes: number };

/** The detector's record over a range, for a brand or one of its topics. */
export type SpikeDetectorFigureCounts = {
  /** Incidents the detector opened in the range. */
  alerts: number;
  /** Alerts that were real and distinct: neither false alarms nor merged into another incident. */
  incidents: number;
  /** Alerts ops marked as false alarms (or merged into one). */
  falseAlarms: number;
  /** Alerts merged into another incident (duplicates of one event). */
  merged: number;
  /** Share of alerts that were not false alarms, 0..1; null without alerts. */
  precision: number | null;
};

export type SpikeDetectorBrandFigures = SpikeDetectorFigureCounts & {
  brandId: string;
  brandName: string;
  /** Per series: `''` for the brand's whole volume, else a topic. */
  topics: (SpikeDetectorFigureCounts & { topic: string })[];
};

/** `GET /api/spikes/figures?brandId=&days=`: alerts that started in [from, to). */
export type SpikeDetectorFigures = { from: string; to: string; brands: SpikeDetectorBrandFigures[] };

/** A reply of a bulk answer that did not go, and why (`GET …/answers/:answerId/failures`). */
export type SpikeBulkAnswerFailureView = {
  conversationId: string;
  customerHandle: string | null;
  /** The variant it was to receive. */
  language: string;
  /** X's refusal, or why the outbox could not queue it. */
  reason: string;
  failedAt: string | null;
};

/** `GET /api/spikes/incidents/:id/answers/:answerId/failures`: at most 200, oldest first, with the total. */
export type SpikeBulkAnswerFailures = { total: number; failures: SpikeBulkAnswerFailureView[] };

/** `GET /api/spikes/series`: the brands that have counted mentions, with their series (`''` and topics). */
export type SpikeSeriesCatalog = { brands: { brandId: string; brandName: string; topics: string[] }[] };

/** One step of the volume chart: mentions counted, and what the detector's baseline expected with its band. */
export type SpikeVolumePoint = {
  /** Start of the step (ISO). */
  at: string;
  count: number;
  /** Null before the detector has read the series at all. */
  baselineCount: number | null;
  bandLowerCount: number | null;
  bandUpperCount: number | null;
};

/** An alert of the series drawn on the chart: the incident the detector opened (or ops split off it). */
export type SpikeVolumeAlert = {
  incidentId: string;
  severity: SpikeIncidentSeverity;
  status: SpikeIncidentStatus;
  closure: SpikeIncidentClosure | null;
  startedAt: string;
  endedAt: string | null;
};

/**
 * `GET /api/spikes/series/volume?brandId=&topic=&hours=1..168`: a brand's mentions (or one topic's) over the last
 * hours in steps of `stepMinutes`, with the baseline band and the alerts. The baseline of the last 4 hours is
 * the one the detector used minute by minute; older steps show the model as it stands now for that hour and weekday.
 */
export type SpikeVolumeSeries = {
  brandId: string;
  brandName: string;
  topic: string;
  from: string;
  to: string;
  stepMinutes: number;
  /** The detector has less than a day of history: it cannot alert yet and its band is rough. */
  isWarmingUp: boolean;
  /** The first minute the detector has not read yet (minutes are read a minute after they close). */
  readUntil: string | null;
  points: SpikeVolumePoint[];
  alerts: SpikeVolumeAlert[];
};
