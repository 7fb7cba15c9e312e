import { type MessageIntent, messageIntents, type SkillRuleBody } from '@vigie/contracts';
import { formatListInput, invalidLanguages, parseListInput } from '../shared/list-input';

export const ruleConversationKinds = ['public_thread', 'direct_message'] as const;

/** One skill rule as the form edits it: conditions as checkboxes and comma-separated text, skills as text. */
export type SkillRuleDraft = {
  intents: MessageIntent[];
  languages: string;
  tags: string;
  channels: string;
  conversationKinds: string[];
  skills: string;
};

export type SkillRuleProblem = 'noCondition' | 'noSkill' | 'languages' | 'tooManySkills' | 'skillTooLong';

export const emptySkillRuleDraft: SkillRuleDraft = {
  intents: [],
  languages: '',
  tags: '',
  channels: '',
  conversationKinds: [],
  skills: '',
};

export function skillRuleDraftOf(rule: SkillRuleBody): SkillRuleDraft {
  return {
    intents: messageIntents.filter((intent) => rule.when.intents?.includes(intent)),
    languages: formatListInput(rule.when.languages ?? []),
    tags: formatListInput(rule.when.tags ?? []),
    channels: formatListInput(rule.when.channels ?? []),
    conversationKinds: rule.when.conversationKinds ?? [],
    skills: rule.skills.join(', '),
  };
}

/** Skills keep their case (agents' skills are matched exactly): only trimmed and deduplicated. */
function parseSkills(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((skill) => skill.trim())
        .filter((skill) => skill !== ''),
    ),
  ];
}

/**
 * The rules to send, or each rule's problem (by position). The API's rules (`parseSkillRules` in
 * `@vigie/routing-core`): at least one condition and 1 to 20 skills per rule, languages as two-letter codes,
 * skills of at most 40 characters.
 */
export function parseSkillRuleDrafts(
  drafts: readonly SkillRuleDraft[],
): { kind: 'ok'; rules: SkillRuleBody[] } | { kind: 'invalid'; problems: Map<number, SkillRuleProblem> } {
  const problems = new Map<number, SkillRuleProblem>();
  const rules = drafts.map((draft, index): SkillRuleBody => {
    const languages = parseListInput(draft.languages);
    const tags = parseListInput(draft.tags);
    const channels = parseListInput(draft.channels);
    const conversationKinds = ruleConversationKinds.filter((kind) => draft.conversationKinds.includes(kind));
    const skills = parseSkills(draft.skills);
    const when: SkillRuleBody['when'] = {
      ...(draft.intents.length ? { intents: draft.intents } : {}),
      ...(languages.length ? { languages } : {}),
      ...(tags.length ? { tags } : {}),
      ...(channels.length ? { channels } : {}),
      ...(conversationKinds.length ? { conversationKinds } : {}),
    };
    if (Object.keys(when).length === 0) problems.set(index, 'noCondition');
    else if (invalidLanguages(languages).length > 0) problems.set(index, 'languages');
    else if (skills.length === 0) problems.set(index, 'noSkill');
    else if (skills.length > 20) problems.set(index, 'tooManySkills');
    else if (skills.some((skill) => skill.length > 40)) problems.set(index, 'skillTooLong');
    return { when, skills };
  });
  return problems.size > 0 ? { kind: 'invalid', problems } : { kind: 'ok', rules };
}

const capacityLimit = 1000;

/** An agent's capacity as typed: a whole number from 0 to 1000 (the API's range), or null. */
export function parseCapacity(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= capacityLimit ? value : null;
}
