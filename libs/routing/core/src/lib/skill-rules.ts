import { DomainError } from '@vigie/kernel';
import { TRIAGE_INTENTS } from '@vigie/triage-core';
import { primaryLanguage } from './agent-eligibility.rules';
import { type SkillFallback } from './routing.types';

export type ConversationKind = 'public_thread' | 'direct_message';

/** What skill rules look at: the facts of a conversation known when it enters (or moves within) routing. */
export type RoutingFacts = {
  /** Every triage intent of the customer's posts since the conversation entered routing (a new post adds its own). */
  intents: readonly string[];
  /** Detected language (`fr`, `en`), or null when unknown. */
  language: string | null;
  /** The conversation's tags (lower-cased, as the inbox stores them). */
  tags: readonly string[];
  /** The channel (`x`). */
  channel: string;
  conversationKind: ConversationKind;
};

/**
 * When a rule applies: every condition given must match (and), a list matches when the conversation has one of its
 * values (or). `intents` matches any intent the customer's posts had; `languages` compares primary subtags.
 */
export type SkillRuleConditions = {
  intents?: readonly string[];
  languages?: readonly string[];
  tags?: readonly string[];
  channels?: readonly string[];
  conversationKinds?: readonly ConversationKind[];
};

/** One line of a routing policy: conversations matching `when` need every skill of `skills`. */
export type SkillRule = { when: SkillRuleConditions; skills: readonly string[] };

/** How a brand's (or a team's) routing policy turns conversation facts into required skills. */
export type SkillPolicy = { rules: readonly SkillRule[]; fallback: SkillFallback };

/** Nothing required, and a conversation waits for a skill nobody holds. */
export const emptySkillPolicy: SkillPolicy = { rules: [], fallback: 'wait' };

export const maxSkillRules = 100;
const maxSkillsPerRule = 20;
const maxValuesPerCondition = 50;
const conditionKeys = ['intents', 'languages', 'tags', 'channels', 'conversationKinds'] as const;
const conversationKinds: readonly ConversationKind[] = ['public_thread', 'direct_message'];
const skillFallbacks: readonly SkillFallback[] = ['wait', 'any_agent'];

function invalid(message: string): DomainError {
  return new DomainError({ code: 'invalid', message: `Invalid skill rules: ${message}` });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseValues(
  value: unknown,
  path: string,
  check: (item: string) => string | null,
  normalise: (item: string) => string = (item) => item,
): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > maxValuesPerCondition)
    throw invalid(`${path} must be a list of 1 to ${maxValuesPerCondition} values`);
  return [
    ...new Set(
      value.map((item: unknown, index) => {
        if (typeof item !== 'string') throw invalid(`${path}[${index}] must be a string`);
        const problem = check(item);
        if (problem) throw invalid(`${path}[${index}] ${problem}, got ${JSON.stringify(item)}`);
        return normalise(item);
      }),
    ),
  ];
}

const oneOf = (allowed: readonly string[]) => (item: string) =>
  allowed.includes(item) ? null : `must be one of ${allowed.join(', ')}`;
const matching = (pattern: RegExp, what: string) => (item: string) => (pattern.test(item) ? null : what);

/** Skill names as identity stores them on agents (exact, at most 40 characters, no surrounding spaces). */
const skillPattern = /^\S(?:.{0,38}\S)?$/u;

function parseConditions(value: unknown, path: string): SkillRuleConditions {
  if (!isRecord(value)) throw invalid(`${path} must be an object of conditions`);
  for (const key of Object.keys(value)) {
    if (!(conditionKeys as readonly string[]).includes(key))
      throw invalid(`${path} has an unknown condition "${key}" (expected ${conditionKeys.join(', ')})`);
  }
  const conditions: {
    intents?: string[];
    languages?: string[];
    tags?: string[];
    channels?: string[];
    conversationKinds?: ConversationKind[];
  } = {};
  if (value['intents'] !== undefined)
    conditions.intents = parseValues(value['intents'], `${path}.intents`, oneOf(TRIAGE_INTENTS));
  if (value['languages'] !== undefined)
    conditions.languages = parseValues(
      value['languages'],
      `${path}.languages`,
      matching(/^[a-z]{2}$/, 'must be a two-letter language code such as fr or en'),
    );
  if (value['tags'] !== undefined)
    conditions.tags = parseValues(
      value['tags'],
      `${path}.tags`,
      (tag) =>
        tag.trim().length >= 1 && tag.trim().length <= 50 ? null : 'must be a tag of 1 to 50 characters',
      (tag) => tag.trim().toLowerCase(),
    );
  if (value['channels'] !== undefined)
    conditions.channels = parseValues(
      value['channels'],
      `${path}.channels`,
      matching(/^[a-z][a-z0-9_-]{0,29}$/, 'must be a channel name such as x'),
    );
  if (value['conversationKinds'] !== undefined)
    conditions.conversationKinds = parseValues(
      value['conversationKinds'],
      `${path}.conversationKinds`,
      oneOf(conversationKinds),
    ) as ConversationKind[];
  if (Object.keys(conditions).length === 0)
    throw invalid(`${path} needs at least one condition (${conditionKeys.join(', ')})`);
  return conditions;
}

/**
 * Validates skill rules as an admin or supervisor writes them, and normalises them (tags lower-cased, duplicates
 * removed).
 *
 * @throws DomainError `invalid` naming the offending path: not a list, more than {@link maxSkillRules} rules, a rule
 *   without conditions, an unknown condition, intent or conversation kind, a malformed language, channel or skill.
 */
export function parseSkillRules(input: unknown): SkillRule[] {
  if (!Array.isArray(input)) throw invalid('rules must be a list of { when, skills }');
  if (input.length > maxSkillRules) throw invalid(`at most ${maxSkillRules} rules, got ${input.length}`);
  return input.map((rule: unknown, index) => {
    const path = `rules[${index}]`;
    if (!isRecord(rule)) throw invalid(`${path} must be { when, skills }`);
    for (const key of Object.keys(rule)) {
      if (key !== 'when' && key !== 'skills') throw invalid(`${path} has an unknown field "${key}"`);
    }
    const skills = rule['skills'];
    if (!Array.isArray(skills) || skills.length === 0 || skills.length > maxSkillsPerRule)
      throw invalid(`${path}.skills must be a list of 1 to ${maxSkillsPerRule} skills`);
    return {
      when: parseConditions(rule['when'], `${path}.when`),
      skills: parseValues(
        skills,
        `${path}.skills`,
        matching(skillPattern, 'must be a skill name of 1 to 40 characters without surrounding spaces'),
      ),
    };
  });
}

/** `wait` (the default when absent) or `any_agent`. @throws DomainError `invalid` for anything else. */
export function parseSkillFallback(input: unknown): SkillFallback {
  if (input === undefined) return 'wait';
  if (typeof input === 'string' && (skillFallbacks as readonly string[]).includes(input))
    return input as SkillFallback;
  throw invalid(`fallback must be one of ${skillFallbacks.join(', ')}, got ${JSON.stringify(input)}`);
}

function matches(rule: SkillRule, facts: RoutingFacts): boolean {
  const { when } = rule;
  const language = facts.language === null ? null : primaryLanguage(facts.language);
  return (
    (when.intents === undefined || facts.intents.some((intent) => when.intents?.includes(intent))) &&
    (when.languages === undefined || (language !== null && when.languages.includes(language))) &&
    (when.tags === undefined || facts.tags.some((tag) => when.tags?.includes(tag.toLowerCase()))) &&
    (when.channels === undefined || when.channels.includes(facts.channel)) &&
    (when.conversationKinds === undefined || when.conversationKinds.includes(facts.conversationKind))
  );
}

/**
 * The skills a conversation requires under a routing policy: the union of the skills of every rule whose
 * conditions all match, sorted (so the same facts always store the same list), with the 0-based indexes of the
 * rules that matched.
 */
export function requiredSkillsFor(params: { rules: readonly SkillRule[]; facts: RoutingFacts }): {
  skills: string[];
  matchedRules: number[];
} {
  const skills = new Set<string>();
  const matchedRules: number[] = [];
  params.rules.forEach((rule, index) => {
    if (!matches(rule, params.facts)) return;
    matchedRules.push(index);
    for (const skill of rule.skills) skills.add(skill);
  });
  return {
    skills: [...skills].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0)),
    matchedRules,
  };
}

/**
 * Facts after one more customer post: its intent joins the ones seen, a detected language replaces an unknown or
 * older one, and tags, channel and kind are the conversation's current ones.
 */
export function mergeRoutingFacts(previous: RoutingFacts | null, next: RoutingFacts): RoutingFacts {
  if (previous === null) return { ...next, intents: [...new Set(next.intents)].sort() };
  return {
    intents: [...new Set([...previous.intents, ...next.intents])].sort(),
    language: next.language ?? previous.language,
    tags: next.tags,
    channel: next.channel,
    conversationKind: next.conversationKind,
  };
}
