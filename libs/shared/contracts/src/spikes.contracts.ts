/** Mention-volume incidents: REST and socket types (docs/spikes.md). */

export type SpikeIncidentStatus = 'open' | 'closed';
/** How a closed incident ended: volume back to normal, resolved by ops, or marked a false alarm by ops. */
export type SpikeIncidentClosure = 'calm' | 'resolved' | 'false_alarm';
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
  /** Conversations linked to the incident (by topic and time while it is open). */
  linkedConversationCount: number;
  /** Bulk answers, oldest first, each with its delivery progress. */
  bulkAnswers: SpikeBulkAnswerView[];
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
