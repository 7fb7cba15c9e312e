import { DateTime } from 'luxon';
import { type BusinessCalendar } from './business-calendar.calculator';
import { type AutoAnswerLanguage } from './sla-policy';

/** Why no out-of-hours answer goes out; each is a plain, loggable fact. */
export type OutOfHoursSkipReason =
  'disabled' | 'open' | 'no_reply_needed' | 'x_reply_rule' | 'stale' | 'already_answered_this_period';

export type OutOfHoursDecision =
  | {
      kind: 'answer';
      mode: 'public_reply' | 'direct_message';
      reopensAt: Date;
      /** Identifies the closed period (its end): one answer per conversation per period. */
      periodKey: string;
    }
  | { kind: 'skip'; reason: OutOfHoursSkipReason };

/** A message older than this when Vigie sees it (a backfill after an outage) gets no automatic answer. */
export const outOfHoursMaxDelayMs = 15 * 60_000;

/**
 * Whether a customer's message gets the out-of-hours answer. X's reply rule: a public reply is accepted only
 * when the author summoned the account (mentioned it or quoted one of its posts), so mentions and quotes get
 * a public reply, direct messages a DM, and anything else (a reply in a thread without a mention) nothing.
 */
export function decideOutOfHoursAnswer(params: {
  calendar: BusinessCalendar;
  isEnabled: boolean;
  needsReply: boolean;
  messageKind: string;
  /** When the customer wrote. */
  at: Date;
  /** When Vigie records it. */
  now: Date;
  /** Period keys this conversation was already answered for. */
  answeredPeriodKeys: readonly string[];
}): OutOfHoursDecision {
  if (!params.isEnabled) return { kind: 'skip', reason: 'disabled' };
  if (!params.needsReply) return { kind: 'skip', reason: 'no_reply_needed' };
  const mode = replyModeFor(params.messageKind);
  if (!mode) return { kind: 'skip', reason: 'x_reply_rule' };
  if (params.now.getTime() - params.at.getTime() > outOfHoursMaxDelayMs)
    return { kind: 'skip', reason: 'stale' };
  // Judged at both instants: a message written at 18:59 and recorded at 19:01 is not answered as after hours.
  if (params.calendar.isOpen(params.at) || params.calendar.isOpen(params.now))
    return { kind: 'skip', reason: 'open' };
  const reopensAt = params.calendar.nextOpening(params.now);
  const periodKey = reopensAt.toISOString();
  if (params.answeredPeriodKeys.includes(periodKey))
    return { kind: 'skip', reason: 'already_answered_this_period' };
  return { kind: 'answer', mode, reopensAt, periodKey };
}

function replyModeFor(messageKind: string): 'public_reply' | 'direct_message' | null {
  if (messageKind === 'mention' || messageKind === 'quote') return 'public_reply';
  if (messageKind === 'direct_message') return 'direct_message';
  return null;
}

/** The template language for a customer: theirs when a template exists, else the brand's, else French. */
export function autoAnswerLanguageFor(params: {
  customerLanguage: string | null;
  brandLanguage: string | null;
}): AutoAnswerLanguage {
  for (const candidate of [params.customerLanguage, params.brandLanguage]) {
    const code = candidate?.slice(0, 2).toLowerCase();
    if (code === 'fr' || code === 'en') return code;
  }
  return 'fr';
}

/**
 * When the team is back, in the customer's language and the calendar's zone, relative to `now`:
 * "demain à 9h", "lundi à 9h30", "le lundi 4 janvier à 9h"; "tomorrow at 9:00", "on Monday at 9:30",
 * "on Monday 4 January at 9:00".
 */
export function formatReopening(params: {
  reopensAt: Date;
  now: Date;
  timezone: string;
  language: AutoAnswerLanguage;
}): string {
  const reopens = DateTime.fromJSDate(params.reopensAt, { zone: params.timezone }).setLocale(params.language);
  const today = DateTime.fromJSDate(params.now, { zone: params.timezone }).startOf('day');
  const daysAway = Math.round(reopens.startOf('day').diff(today, 'days').days);
  if (params.language === 'fr') {
    const time = reopens.minute === 0 ? reopens.toFormat("H'h'") : reopens.toFormat("H'h'mm");
    if (daysAway === 0) return `aujourd'hui à ${time}`;
    if (daysAway === 1) return `demain à ${time}`;
    if (daysAway < 7) return `${reopens.toFormat('cccc')} à ${time}`;
    return `le ${reopens.toFormat('cccc d LLLL')} à ${time}`;
  }
  const time = reopens.toFormat('H:mm');
  if (daysAway === 0) return `today at ${time}`;
  if (daysAway === 1) return `tomorrow at ${time}`;
  if (daysAway < 7) return `on ${reopens.toFormat('cccc')} at ${time}`;
  return `on ${reopens.toFormat('cccc d LLLL')} at ${time}`;
}

/** Fills a brand template. Only `{reopensAt}` is replaced; nothing the customer wrote ever goes in. */
export function renderAutoAnswer(template: string, values: { reopensAt: string }): string {
  return template.split('{reopensAt}').join(values.reopensAt);
}
