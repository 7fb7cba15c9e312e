/** Languages the triage tells apart; anything else (or no evidence at all) is `other`. */
export type TriageLanguage = 'fr' | 'en' | 'other';

/** What the author wants from the brand. */
export type TriageIntent =
  'complaint' | 'question' | 'outage_report' | 'request' | 'praise' | 'spam' | 'other';

export type TriageSentiment = 'negative' | 'neutral' | 'positive';

/** Every intent, in a stable order (tables, confusion matrices). */
export const TRIAGE_INTENTS: readonly TriageIntent[] = [
  'complaint',
  'question',
  'outage_report',
  'request',
  'praise',
  'spam',
  'other',
];

export const TRIAGE_SENTIMENTS: readonly TriageSentiment[] = ['negative', 'neutral', 'positive'];

export const TRIAGE_LANGUAGES: readonly TriageLanguage[] = ['fr', 'en', 'other'];

/** Intents that open a conversation with an SLA clock (unless a hint says otherwise). */
export const INTENTS_NEEDING_REPLY: readonly TriageIntent[] = [
  'complaint',
  'question',
  'outage_report',
  'request',
];

/** Input of {@link triagePost}. Every hint is optional: the text alone gives a usable answer. */
export type TriagePostInput = {
  readonly text: string;
  /** A plain retweet (no added comment). Also detected from a leading `RT @user:`. */
  readonly isRetweet?: boolean;
  /** The brand is only mentioned in passing (e.g. tagged in a thread between other users). */
  readonly isPassingMention?: boolean;
  /** The post replies in a conversation an agent already resolved. */
  readonly isReplyInResolvedConversation?: boolean;
  readonly authorFollowers?: number;
  readonly isAuthorVerified?: boolean;
  /** The brand's handle, with or without `@`; a post that starts by addressing it is addressed to the brand. */
  readonly brandHandle?: string;
  /** A private message to the brand: addressed to it whatever its first words. */
  readonly isDirectMessage?: boolean;
};

export type TriageResult = {
  readonly language: TriageLanguage;
  readonly needsReply: boolean;
  readonly intent: TriageIntent;
  readonly sentiment: TriageSentiment;
  /** 0..1: how clearly the winning intent beat the runner-up. */
  readonly confidence: number;
  /** Urgency words found in the post (pass them on to {@link priorityFor}). */
  readonly urgencyWords: readonly string[];
  /** Short, agent-readable explanations of the decision. */
  readonly reasons: readonly string[];
};
