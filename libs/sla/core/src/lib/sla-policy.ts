import { DomainError } from '@vigie/kernel';
import { BusinessCalendar } from './business-calendar.calculator';
import { type CalendarSpec, type LocalInterval } from './calendar-spec.type';
import { frenchPublicHolidays } from './french-holidays';

/** The metrics a policy can set a target on (chatwoot's vocabulary: first, next, resolution). */
export type SlaMetric = 'first_response' | 'next_response' | 'resolution';
export const slaMetrics: readonly SlaMetric[] = ['first_response', 'next_response', 'resolution'];

/** `business`: counted in the calendar's open hours; `calendar`: every elapsed minute counts. */
export type SlaHours = 'business' | 'calendar';
export type SlaTarget = { minutes: number; hours: SlaHours; isPausedWhenPending: boolean };

/** What happens when a contract clock breaches, beyond the alert itself. */
export type SlaEscalationAction = 'notify' | 'raise_priority' | 'reassign_to_team_queue';
export const slaEscalationActions: readonly SlaEscalationAction[] = [
  'notify',
  'raise_priority',
  'reassign_to_team_queue',
];

/** Languages the out-of-hours answer has templates for; `{reopensAt}` is replaced by the next opening. */
export type AutoAnswerLanguage = 'fr' | 'en';
export const autoAnswerLanguages: readonly AutoAnswerLanguage[] = ['fr', 'en'];

/** Routing's priority bands (triage's `normal` is `medium`), as stored on a conversation's routing row. */
export type SlaPriority = 'urgent' | 'high' | 'medium' | 'low';
export const slaPriorities: readonly SlaPriority[] = ['urgent', 'high', 'medium', 'low'];

/** The CRM account's tier of the conversation's contact; `none`: no account, or an account without a tier. */
export type SlaContactTier = 'vip' | 'premium' | 'standard';
export type SlaContactTierCondition = SlaContactTier | 'none';
export const slaContactTierConditions: readonly SlaContactTierCondition[] = [
  'vip',
  'premium',
  'standard',
  'none',
];

/** The condition kinds a policy may use; any other key in `conditions` is refused (a typo must not match all). */
export const slaConditionKeys = [
  'channels',
  'conversationKinds',
  'intents',
  'priorities',
  'tags',
  'contactTiers',
] as const;

/**
 * Which conversations a policy applies to; an empty or missing list matches everything. Each non-empty list must
 * hold the conversation's value; `tags` matches a conversation carrying at least one of them.
 */
export type SlaConditions = {
  channels?: string[];
  conversationKinds?: ('public_thread' | 'direct_message')[];
  intents?: string[];
  priorities?: SlaPriority[];
  tags?: string[];
  contactTiers?: SlaContactTierCondition[];
};

export type SlaPolicySpec = {
  conditions: SlaConditions;
  calendar: CalendarSpec;
  targets: Partial<Record<SlaMetric, SlaTarget>>;
  /** The customer's clock: the public promise, in wall-clock minutes since the customer wrote. */
  customerPromiseMinutes: number;
  /** Fractions of a contract target at which supervisors are warned, ascending, each in (0, 1). */
  warningFractions: number[];
  escalation: SlaEscalationAction[];
  outOfHours: { isEnabled: boolean; templates: Record<AutoAnswerLanguage, string> };
};

const weekdayHours: LocalInterval[] = [['09:00', '19:00']];
const defaultHolidayYears = { from: 2024, to: 2035 };

/** Issue 4's default: Mon-Fri 09:00-19:00 Paris with French public holidays, first response 1 business hour. */
export const defaultSlaPolicySpec: SlaPolicySpec = {
  conditions: {},
  calendar: {
    timezone: 'Europe/Paris',
    weekly: { mon: weekdayHours, tue: weekdayHours, wed: weekdayHours, thu: weekdayHours, fri: weekdayHours },
    holidays: frenchPublicHolidays(defaultHolidayYears.from, defaultHolidayYears.to),
  },
  targets: {
    first_response: { minutes: 60, hours: 'business', isPausedWhenPending: true },
    next_response: { minutes: 60, hours: 'business', isPausedWhenPending: true },
  },
  customerPromiseMinutes: 60,
  warningFractions: [0.5, 0.8],
  escalation: ['notify'],
  outOfHours: {
    isEnabled: true,
    templates: {
      fr: 'Merci pour votre message ! Notre équipe est absente pour le moment. Nous revenons {reopensAt} et vous répondrons au plus vite.',
      en: 'Thanks for your message! Our team is away right now. We are back {reopensAt} and will answer you then.',
    },
  },
};

const maxTargetMinutes = 60 * 24 * 365;
const maxTemplateLength = 280;

function invalid(message: string): DomainError {
  return new DomainError({ code: 'invalid', message: `Invalid SLA policy: ${message}` });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseMinutes(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > maxTargetMinutes)
    throw invalid(`${path} must be a whole number of minutes from 1 to ${maxTargetMinutes}`);
  return value;
}

function parseStringList<T extends string>(value: unknown, path: string, allowed?: readonly T[]): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw invalid(`${path} must be a list of strings`);
  const unknown = allowed ? value.filter((item) => !allowed.includes(item as T)) : [];
  if (unknown.length > 0)
    throw invalid(`${path} has unknown values ${unknown.join(', ')} (allowed: ${allowed?.join(', ')})`);
  return value as T[];
}

/** The inbox's tag rule (1 to 40 letters, digits, `_` or `-`, starting with a letter or digit), lower-cased. */
const tagPattern = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,39}$/u;
const maxConditionValues = 50;

function parseConditionTags(value: unknown): string[] {
  const tags = parseStringList(value, 'conditions.tags').map((tag) => tag.trim().toLowerCase());
  const bad = tags.filter((tag) => !tagPattern.test(tag));
  if (bad.length > 0)
    throw invalid(
      `conditions.tags must be tags as agents set them (1 to 40 letters, digits, _ or -, starting with a letter or digit): ${bad.map((tag) => JSON.stringify(tag)).join(', ')} is not`,
    );
  return [...new Set(tags)];
}

function parseConditions(input: unknown): SlaConditions {
  const value = input ?? {};
  if (!isRecord(value)) throw invalid('conditions must be an object');
  const unknownKeys = Object.keys(value).filter(
    (key) => !(slaConditionKeys as readonly string[]).includes(key),
  );
  if (unknownKeys.length > 0)
    throw invalid(
      `conditions has unknown keys ${unknownKeys.join(', ')} (allowed: ${slaConditionKeys.join(', ')})`,
    );
  for (const key of slaConditionKeys)
    if (Array.isArray(value[key]) && (value[key] as unknown[]).length > maxConditionValues)
      throw invalid(`conditions.${key} must list at most ${maxConditionValues} values`);
  return {
    channels: parseStringList(value['channels'], 'conditions.channels'),
    conversationKinds: parseStringList(value['conversationKinds'], 'conditions.conversationKinds', [
      'public_thread',
      'direct_message',
    ] as const),
    intents: parseStringList(value['intents'], 'conditions.intents'),
    priorities: parseStringList(value['priorities'], 'conditions.priorities', slaPriorities),
    tags: parseConditionTags(value['tags']),
    contactTiers: parseStringList(value['contactTiers'], 'conditions.contactTiers', slaContactTierConditions),
  };
}

function parseTarget(value: unknown, metric: SlaMetric): SlaTarget {
  const path = `targets.${metric}`;
  if (!isRecord(value)) throw invalid(`${path} must be an object { minutes, hours, isPausedWhenPending }`);
  if (value['hours'] !== 'business' && value['hours'] !== 'calendar')
    throw invalid(`${path}.hours must be "business" or "calendar"`);
  return {
    minutes: parseMinutes(value['minutes'], `${path}.minutes`),
    hours: value['hours'],
    isPausedWhenPending: value['isPausedWhenPending'] !== false,
  };
}

function parseWarningFractions(value: unknown): number[] {
  if (
    !Array.isArray(value) ||
    value.some((item) => typeof item !== 'number' || !(item > 0 && item < 1)) ||
    value.length > 5
  )
    throw invalid('warningFractions must be up to 5 numbers strictly between 0 and 1, e.g. [0.5, 0.8]');
  const sorted = [...(value as number[])].sort((left, right) => left - right);
  if (new Set(sorted).size !== sorted.length) throw invalid('warningFractions must not repeat a value');
  return sorted;
}

function parseOutOfHours(value: unknown): SlaPolicySpec['outOfHours'] {
  if (!isRecord(value) || typeof value['isEnabled'] !== 'boolean' || !isRecord(value['templates']))
    throw invalid('outOfHours must be { isEnabled: boolean, templates: { fr, en } }');
  const templates = value['templates'];
  const parsed = {} as Record<AutoAnswerLanguage, string>;
  for (const language of autoAnswerLanguages) {
    const template = templates[language];
    if (typeof template !== 'string' || template.trim() === '' || template.length > maxTemplateLength)
      throw invalid(
        `outOfHours.templates.${language} must be a text of 1 to ${maxTemplateLength} characters`,
      );
    if (!template.includes('{reopensAt}'))
      throw invalid(`outOfHours.templates.${language} must say when the team is back with {reopensAt}`);
    parsed[language] = template;
  }
  return { isEnabled: value['isEnabled'], templates: parsed };
}

/**
 * Validates untrusted input (an admin's request body) into a policy, or throws `DomainError('invalid')`
 * naming the first faulty field. The calendar is checked by building a {@link BusinessCalendar} from it,
 * so a policy that parses always computes.
 */
export function parseSlaPolicySpec(input: unknown): SlaPolicySpec {
  if (!isRecord(input)) throw invalid('the body must be an object');
  const conditions = parseConditions(input['conditions']);
  const calendar = input['calendar'] as CalendarSpec;
  if (!isRecord(calendar)) throw invalid('calendar must be an object { timezone, weekly, holidays?, … }');
  try {
    new BusinessCalendar(calendar);
  } catch (error) {
    throw invalid(`calendar: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(input['targets'])) throw invalid('targets must be an object keyed by metric');
  const rawTargets = input['targets'];
  const unknownMetrics = Object.keys(rawTargets).filter((key) => !slaMetrics.includes(key as SlaMetric));
  if (unknownMetrics.length > 0)
    throw invalid(
      `targets has unknown metrics ${unknownMetrics.join(', ')} (allowed: ${slaMetrics.join(', ')})`,
    );
  const targets: SlaPolicySpec['targets'] = {};
  for (const metric of slaMetrics)
    if (rawTargets[metric] !== undefined) targets[metric] = parseTarget(rawTargets[metric], metric);
  if (!targets.first_response) throw invalid('targets.first_response is required');
  return {
    conditions,
    calendar,
    targets,
    customerPromiseMinutes: parseMinutes(input['customerPromiseMinutes'] ?? 60, 'customerPromiseMinutes'),
    warningFractions: parseWarningFractions(input['warningFractions'] ?? [0.5, 0.8]),
    escalation: parseStringList(input['escalation'] ?? ['notify'], 'escalation', slaEscalationActions),
    outOfHours: parseOutOfHours(input['outOfHours'] ?? defaultSlaPolicySpec.outOfHours),
  };
}

/** What a conversation looks like to policy conditions. */
export type SlaSubject = {
  channel: string;
  conversationKind: string;
  /** The triage intent of the message the policy was first chosen for. */
  intent: string | null;
  /** The routing priority band; null while the conversation has none (not queued nor held). */
  priority: SlaPriority | null;
  tags: readonly string[];
  /** The tier of the contact's CRM account; null: no account or no tier. */
  contactTier: SlaContactTier | null;
};

/**
 * Whether a policy's conditions match a conversation: every non-empty list must contain its value (`tags`: at
 * least one of the conversation's tags; `contactTiers`: `none` stands for a contact without a tier).
 */
export function matchesSlaConditions(conditions: SlaConditions, subject: SlaSubject): boolean {
  const matches = (list: readonly string[] | undefined, value: string | null) =>
    !list || list.length === 0 || (value !== null && list.includes(value));
  const tags = conditions.tags ?? [];
  return (
    matches(conditions.channels, subject.channel) &&
    matches(conditions.conversationKinds, subject.conversationKind) &&
    matches(conditions.intents, subject.intent) &&
    matches(conditions.priorities, subject.priority) &&
    (tags.length === 0 || subject.tags.some((tag) => tags.includes(tag))) &&
    matches(conditions.contactTiers, subject.contactTier ?? 'none')
  );
}
