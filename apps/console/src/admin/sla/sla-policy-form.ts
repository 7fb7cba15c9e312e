import {
  type SlaHoursKind,
  type SlaMetricName,
  type SlaPolicyBody,
  type SlaPolicyView,
} from '@vigie/contracts';
import { formatListInput, parseListInput } from '../shared/list-input';
import { isValidPolicyName } from './sla-policy-body';

export const slaMetricNames: readonly SlaMetricName[] = ['first_response', 'next_response', 'resolution'];
export const conversationKindValues = ['public_thread', 'direct_message'] as const;
export const priorityValues = ['urgent', 'high', 'medium', 'low'] as const;
export const contactTierValues = ['vip', 'premium', 'standard', 'none'] as const;
export const escalationValues = ['notify', 'raise_priority', 'reassign_to_team_queue'] as const;

type Conditions = NonNullable<SlaPolicyBody['conditions']>;

export type TargetDraft = {
  isEnabled: boolean;
  minutes: string;
  hours: SlaHoursKind;
  isPausedWhenPending: boolean;
};

/** An SLA policy as the form edits it: numbers and lists as typed. The calendar and templates have their pages. */
export type SlaPolicyDraft = {
  name: string;
  position: string;
  channels: string;
  conversationKinds: string[];
  intents: string;
  priorities: string[];
  tags: string;
  contactTiers: string[];
  targets: Record<SlaMetricName, TargetDraft>;
  customerPromiseMinutes: string;
  /** Warning thresholds in percent of the target: "50, 80". */
  warningPercents: string;
  escalation: string[];
};

export type SlaPolicyField =
  'name' | 'position' | 'tags' | 'customerPromiseMinutes' | 'warningPercents' | `targets.${SlaMetricName}`;
export type SlaPolicyProblem =
  'policyName' | 'duplicate' | 'position' | 'tags' | 'minutes' | 'warnings' | 'firstResponseRequired';

const maxTargetMinutes = 60 * 24 * 365;
const tagPattern = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,39}$/u;

function targetDraftOf(target: SlaPolicyView['spec']['targets'][SlaMetricName]): TargetDraft {
  return target
    ? {
        isEnabled: true,
        minutes: String(target.minutes),
        hours: target.hours,
        isPausedWhenPending: target.isPausedWhenPending !== false,
      }
    : { isEnabled: false, minutes: '60', hours: 'business', isPausedWhenPending: true };
}

/** The form's values for a stored policy; for a new one, `name` is empty and the position after the last. */
export function slaPolicyDraftOf(
  view: SlaPolicyView,
  options: { isNew: boolean; position?: number },
): SlaPolicyDraft {
  const conditions: Conditions = options.isNew ? {} : view.spec.conditions;
  return {
    name: options.isNew ? '' : view.name,
    position: String(options.position ?? view.position),
    channels: formatListInput(conditions.channels ?? []),
    conversationKinds: conditions.conversationKinds ?? [],
    intents: formatListInput(conditions.intents ?? []),
    priorities: conditions.priorities ?? [],
    tags: formatListInput(conditions.tags ?? []),
    contactTiers: conditions.contactTiers ?? [],
    targets: Object.fromEntries(
      slaMetricNames.map((metric) => [metric, targetDraftOf(view.spec.targets[metric])]),
    ) as Record<SlaMetricName, TargetDraft>,
    customerPromiseMinutes: String(view.spec.customerPromiseMinutes),
    warningPercents: view.spec.warningFractions
      .map((fraction) => String(Math.round(fraction * 100)))
      .join(', '),
    escalation: view.spec.escalation,
  };
}

function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

function only<T extends string>(values: readonly string[], allowed: readonly T[]): T[] {
  return allowed.filter((value) => values.includes(value));
}

/**
 * The `PUT` body (the calendar and out-of-hours templates taken from `base`, unchanged) and the name to save under,
 * or each field to fix. The API's rules (`parseSlaPolicySpec`): a first-response target, minutes from 1 to a year,
 * up to 5 warning thresholds strictly between 0 and 100 %, tags as agents write them, a position from 0 to 1000.
 */
export function parseSlaPolicyDraft(params: {
  draft: SlaPolicyDraft;
  base: SlaPolicyView;
  /** Names of the brand's other policies (a new policy must not take one of them). */
  otherNames: readonly string[];
}):
  | { kind: 'ok'; name: string; body: SlaPolicyBody }
  | { kind: 'invalid'; problems: Partial<Record<SlaPolicyField, SlaPolicyProblem>> } {
  const { draft } = params;
  const problems: Partial<Record<SlaPolicyField, SlaPolicyProblem>> = {};
  const name = draft.name.trim();
  if (!isValidPolicyName(name)) problems.name = 'policyName';
  else if (params.otherNames.some((other) => other.toLowerCase() === name.toLowerCase()))
    problems.name = 'duplicate';
  const position = wholeNumber(draft.position, 0, 1000);
  if (position === null) problems.position = 'position';
  const tags = parseListInput(draft.tags);
  if (tags.some((tag) => !tagPattern.test(tag))) problems.tags = 'tags';
  const targets: SlaPolicyBody['targets'] = {};
  for (const metric of slaMetricNames) {
    const target = draft.targets[metric];
    if (!target.isEnabled) continue;
    const minutes = wholeNumber(target.minutes, 1, maxTargetMinutes);
    if (minutes === null) problems[`targets.${metric}`] = 'minutes';
    else targets[metric] = { minutes, hours: target.hours, isPausedWhenPending: target.isPausedWhenPending };
  }
  if (!draft.targets.first_response.isEnabled) problems['targets.first_response'] = 'firstResponseRequired';
  const customerPromiseMinutes = wholeNumber(draft.customerPromiseMinutes, 1, maxTargetMinutes);
  if (customerPromiseMinutes === null) problems.customerPromiseMinutes = 'minutes';
  const percents = parseListInput(draft.warningPercents).map((text) => wholeNumber(text, 1, 99));
  if (percents.length > 5 || percents.some((percent) => percent === null))
    problems.warningPercents = 'warnings';
  if (Object.keys(problems).length > 0 || position === null || customerPromiseMinutes === null)
    return { kind: 'invalid', problems };

  const conditions: Conditions = {
    channels: parseListInput(draft.channels),
    conversationKinds: only(draft.conversationKinds, conversationKindValues),
    intents: parseListInput(draft.intents),
    priorities: only(draft.priorities, priorityValues),
    tags,
    contactTiers: only(draft.contactTiers, contactTierValues),
  };
  return {
    kind: 'ok',
    name,
    body: {
      position,
      conditions,
      calendar: params.base.spec.calendar,
      targets,
      customerPromiseMinutes,
      warningFractions: [...new Set(percents as number[])]
        .sort((left, right) => left - right)
        .map((percent) => percent / 100),
      escalation: only(draft.escalation, escalationValues),
      outOfHours: params.base.spec.outOfHours,
    },
  };
}

/** Whether a policy narrows the conversations it applies to (none: it matches every conversation). */
export function hasConditions(view: SlaPolicyView): boolean {
  return Object.values(view.spec.conditions).some((values) => Array.isArray(values) && values.length > 0);
}
