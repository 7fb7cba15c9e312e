/**
 * Priority of a conversation from triage and CRM signals. Additive points, each with a reason an agent
 * can read ("outage report +30", "VIP customer +25", "SLA due in 12 min +20"), then four bands.
 * Time is a parameter (`now`); nothing here reads the clock.
 */
import { assertNever } from '@vigie/kernel';
import { type TriageIntent, type TriageSentiment } from '../triage.types';

export type TriagePriority = 'urgent' | 'high' | 'normal' | 'low';

/** The CRM account's tier (section 3 of issue 5). */
export type ContactTier = 'vip' | 'premium' | 'standard';

export type PriorityInput = {
  readonly intent: TriageIntent;
  readonly sentiment: TriageSentiment;
  /** Urgency words found in the post (`TriageResult.urgencyWords`). */
  readonly urgencyWords: readonly string[];
  readonly contactTier?: ContactTier;
  /** The account's yearly value in the brand's currency. */
  readonly contactValue?: number;
  readonly followers: number;
  readonly isVerified: boolean;
  /** The SLA due time of the next response, when one runs. */
  readonly dueAt?: Date;
  readonly now: Date;
};

export type PriorityResult = {
  readonly priority: TriagePriority;
  readonly score: number;
  /** Contributions, largest first, e.g. `"outage report (+30)"`. */
  readonly reasons: readonly string[];
};

/** Band thresholds on the score (inclusive lower bounds). */
export const PRIORITY_THRESHOLDS: Readonly<Record<Exclude<TriagePriority, 'low'>, number>> = {
  urgent: 60,
  high: 35,
  normal: 10,
};

function intentPoints(intent: TriageIntent): [number, string] {
  switch (intent) {
    case 'outage_report':
      return [30, 'outage report'];
    case 'complaint':
      return [25, 'complaint'];
    case 'request':
      return [15, 'request'];
    case 'question':
      return [12, 'question'];
    case 'praise':
      return [0, 'praise'];
    case 'other':
      return [0, 'nothing asked'];
    case 'spam':
      return [-50, 'spam'];
    default:
      return assertNever(intent);
  }
}

function formatMinutes(minutes: number): string {
  if (minutes < 90) return `${Math.round(minutes)} min`;
  return `${Math.round(minutes / 60)} h`;
}

/**
 * Compute the priority of a post or conversation.
 *
 * @example priorityFor({ intent: 'outage_report', sentiment: 'negative', urgencyWords: [], followers: 120,
 *   isVerified: false, now }) // → { priority: 'high', score: 40, reasons: ['outage report (+30)', 'negative (+10)'] }
 */
export function priorityFor(input: PriorityInput): PriorityResult {
  const contributions: [number, string][] = [];
  const [points, label] = intentPoints(input.intent);
  if (points !== 0) contributions.push([points, label]);
  if (input.sentiment === 'negative' && input.intent !== 'spam') contributions.push([10, 'negative tone']);
  const urgencyWords = [...new Set(input.urgencyWords)];
  if (urgencyWords.length > 0 && input.intent !== 'spam') {
    contributions.push([
      Math.min(20, 10 * urgencyWords.length),
      `urgency words: ${urgencyWords
        .slice(0, 3)
        .map((word) => `"${word}"`)
        .join(', ')}`,
    ]);
  }
  if (input.contactTier === 'vip') contributions.push([25, 'VIP customer']);
  else if (input.contactTier === 'premium') contributions.push([12, 'premium customer']);
  if (input.contactValue !== undefined) {
    if (input.contactValue >= 10_000)
      contributions.push([15, `account value ${Math.round(input.contactValue).toLocaleString('en-US')}`]);
    else if (input.contactValue >= 1_000)
      contributions.push([6, `account value ${Math.round(input.contactValue).toLocaleString('en-US')}`]);
  }
  if (input.followers >= 100_000)
    contributions.push([20, `influential author (${Math.round(input.followers / 1000)}k followers)`]);
  else if (input.followers >= 10_000)
    contributions.push([10, `large audience (${Math.round(input.followers / 1000)}k followers)`]);
  else if (input.followers >= 1_000) contributions.push([3, `${input.followers} followers`]);
  if (input.isVerified) contributions.push([8, 'verified author']);
  if (input.dueAt !== undefined) {
    const minutesLeft = (input.dueAt.getTime() - input.now.getTime()) / 60_000;
    if (minutesLeft <= 0) contributions.push([30, `SLA overdue by ${formatMinutes(-minutesLeft)}`]);
    else if (minutesLeft <= 15) contributions.push([20, `SLA due in ${formatMinutes(minutesLeft)}`]);
    else if (minutesLeft <= 60) contributions.push([10, `SLA due in ${formatMinutes(minutesLeft)}`]);
  }
  const score = contributions.reduce((sum, [value]) => sum + value, 0);
  const priority: TriagePriority =
    score >= PRIORITY_THRESHOLDS.urgent
      ? 'urgent'
      : score >= PRIORITY_THRESHOLDS.high
        ? 'high'
        : score >= PRIORITY_THRESHOLDS.normal
          ? 'normal'
          : 'low';
  const reasons = contributions
    .sort((left, right) => Math.abs(right[0]) - Math.abs(left[0]))
    .map(([value, reason]) => `${reason} (${value > 0 ? '+' : ''}${value})`);
  if (reasons.length === 0) reasons.push('no signal (0)');
  return { priority, score, reasons };
}
