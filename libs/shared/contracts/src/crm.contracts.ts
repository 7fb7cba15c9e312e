import type { ConversationStatus, ChannelName } from './inbox.contracts';

export const crmTiers = ['vip', 'premium', 'standard'] as const;
export type CrmTier = (typeof crmTiers)[number];

/** What routing and triage read about the customer behind a conversation. */
export type CrmRoutingFacts = {
  accountId: string | null;
  ownerUserId: string | null;
  tier: CrmTier | null;
  value: number | null;
};

/** Identity channels: the messaging channels plus the ones only a CRM or an agent knows. */
export const identityChannels = ['x', 'email', 'phone', 'crm'] as const;
export type IdentityChannel = (typeof identityChannels)[number];

export type ContactIdentityView = {
  id: string;
  channel: IdentityChannel;
  /** X user id, lower-cased e-mail, normalised phone number, or the external CRM's id. */
  externalUserId: string;
  handle: string | null;
  displayName: string | null;
  followersCount: number | null;
  isVerified: boolean;
  language: string | null;
  /** Null when the channel itself told us (the author of a post); a user id when linked by hand. */
  linkedByUserId: string | null;
  /** The contact the identity belongs to (a merged contact's id inside a merged group). */
  contactId: string;
};

export type CrmAccountView = {
  id: string;
  externalId: string | null;
  name: string;
  owner: { id: string; displayName: string } | null;
  tier: CrmTier | null;
  value: number | null;
  attributes: Record<string, string>;
  tags: string[];
};

export type ContactNoteView = {
  id: string;
  contactId: string;
  authorUserId: string | null;
  body: string;
  createdAt: string;
};

export type CustomerConversationView = {
  id: string;
  channel: ChannelName;
  status: ConversationStatus;
  lastMessagePreview: string;
  messageCount: number;
  createdAt: string;
  lastActivityAt: string;
  resolvedAt: string | null;
  /** SLA targets this conversation missed. */
  slaBreaches: { metric: string; breachedAt: string }[];
};

export type ContactMergeView = {
  id: string;
  survivorId: string;
  mergedId: string;
  mergedByUserId: string | null;
  mergedAt: string;
  undoneAt: string | null;
};

/** `GET /api/crm/contacts/:id`: everything the console shows about a customer (merged contacts included). */
export type CustomerPicture = {
  /** The surviving contact; requesting a merged contact's id answers with its survivor. */
  id: string;
  displayName: string | null;
  language: string | null;
  attributes: Record<string, string>;
  tags: string[];
  /** Ids of the contacts merged into this one (their conversations and identities are shown here). */
  mergedContactIds: string[];
  identities: ContactIdentityView[];
  account: CrmAccountView | null;
  conversations: CustomerConversationView[];
  notes: ContactNoteView[];
  merges: ContactMergeView[];
  /** Links waiting for an agent's decision. */
  linkProposals: LinkProposalView[];
  erasedAt: string | null;
};

/** An e-mail or phone a customer wrote in a DM, waiting for an agent to link it (never linked silently). */
export type LinkProposalView = {
  id: string;
  contactId: string;
  channel: 'email' | 'phone';
  value: string;
  status: 'proposed' | 'accepted' | 'rejected';
  createdAt: string;
};

export type DuplicateSuggestion = {
  contactId: string;
  displayName: string | null;
  score: number;
  reasons: string[];
};

export type ContactUpdated = { contactId: string };
export type ContactMerged = { mergeId: string; survivorId: string; mergedId: string };
export type ContactMergeUndone = { mergeId: string; survivorId: string; mergedId: string };
export type ContactErased = { contactId: string };

/** Conversation events a connector may subscribe to (outbound signed webhooks). */
export const crmWebhookEvents = [
  'conversation.created',
  'conversation.assigned',
  'conversation.resolved',
  'conversation.breached',
] as const;
export type CrmWebhookEvent = (typeof crmWebhookEvents)[number];

export const crmConnectorKinds = ['generic', 'hubspot', 'salesforce'] as const;
export type CrmConnectorKind = (typeof crmConnectorKinds)[number];

export type CrmConnectorView = {
  id: string;
  name: string;
  kind: CrmConnectorKind;
  outboundUrl: string | null;
  events: CrmWebhookEvent[];
  isActive: boolean;
  createdAt: string;
};

/** Answer to creating a connector: the two secrets are shown this once. */
export type CrmConnectorCreated = CrmConnectorView & { inboundSecret: string; outboundSecret: string };

/** The body of an inbound upsert (signed webhook or admin API); every record keyed by the CRM's own id. */
export type CrmUpsertRequest = {
  accounts?: {
    externalId: string;
    name: string;
    ownerEmail?: string | null;
    tier?: CrmTier | null;
    value?: number | null;
    attributes?: Record<string, string>;
    tags?: string[];
  }[];
  contacts?: {
    externalId: string;
    displayName?: string | null;
    accountExternalId?: string | null;
    xUserId?: string | null;
    emails?: string[];
    phones?: string[];
    attributes?: Record<string, string>;
    tags?: string[];
  }[];
};

export type CrmUpsertReport = {
  /** True when this delivery id was applied before (replay): nothing was applied again. */
  isDuplicate: boolean;
  accounts: { created: number; updated: number; unchanged: number };
  contacts: { created: number; updated: number; unchanged: number };
  /** Records or links not applied, and why (never applied silently). */
  conflicts: { externalId: string; reason: string }[];
};

export type CrmWebhookDeliveryView = {
  id: string;
  eventType: CrmWebhookEvent;
  eventKey: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
};
