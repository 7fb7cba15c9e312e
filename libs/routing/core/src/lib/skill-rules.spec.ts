import { DomainError } from '@vigie/kernel';
import {
  mergeRoutingFacts,
  parseSkillFallback,
  parseSkillRules,
  requiredSkillsFor,
  type RoutingFacts,
  type SkillRule,
} from './skill-rules';

const mention: RoutingFacts = {
  intents: ['complaint'],
  language: 'fr',
  tags: [],
  channel: 'x',
  conversationKind: 'public_thread',
};

const rules: SkillRule[] = [
  { when: { intents: ['outage_report'] }, skills: ['network'] },
  { when: { conversationKinds: ['direct_message'] }, skills: ['billing'] },
  { when: { languages: ['de'] }, skills: ['german'] },
  { when: { tags: ['vip', 'press'] }, skills: ['senior'] },
  {
    when: { intents: ['complaint'], channels: ['x'], conversationKinds: ['direct_message'] },
    skills: ['care'],
  },
];

describe('requiredSkillsFor', () => {
  it.each<[string, Partial<RoutingFacts>, string[], number[]]>([
    ['a public complaint needs nothing', {}, [], []],
    ['an outage report needs network', { intents: ['outage_report'] }, ['network'], [0]],
    [
      'a DM complaint needs billing and care (every condition of the last rule matches)',
      { conversationKind: 'direct_message' },
      ['billing', 'care'],
      [1, 4],
    ],
    [
      'a DM question needs billing only (the last rule wants a complaint)',
      { conversationKind: 'direct_message', intents: ['question'] },
      ['billing'],
      [1],
    ],
    [
      'an intent seen in an earlier post still counts',
      { intents: ['complaint', 'outage_report'] },
      ['network'],
      [0],
    ],
    ['a regional language matches its primary subtag', { language: 'de-CH' }, ['german'], [2]],
    ['an unknown language matches no language rule', { language: null }, [], []],
    ['any listed tag matches, whatever its case', { tags: ['billing', 'Press'] }, ['senior'], [3]],
    [
      'several rules add up, sorted and without duplicates',
      { intents: ['complaint', 'outage_report'], conversationKind: 'direct_message', tags: ['vip'] },
      ['billing', 'care', 'network', 'senior'],
      [0, 1, 3, 4],
    ],
  ])('%s', (_label, facts, skills, matchedRules) => {
    expect(requiredSkillsFor({ rules, facts: { ...mention, ...facts } })).toEqual({ skills, matchedRules });
  });

  it('requires nothing without rules', () => {
    expect(requiredSkillsFor({ rules: [], facts: mention })).toEqual({ skills: [], matchedRules: [] });
  });
});

describe('parseSkillRules', () => {
  it('accepts rules and normalises them (tags lower-cased, duplicates removed)', () => {
    expect(
      parseSkillRules([
        { when: { intents: ['outage_report', 'outage_report'] }, skills: ['network'] },
        { when: { tags: [' VIP '], conversationKinds: ['direct_message'] }, skills: ['billing', 'billing'] },
      ]),
    ).toEqual([
      { when: { intents: ['outage_report'] }, skills: ['network'] },
      { when: { tags: ['vip'], conversationKinds: ['direct_message'] }, skills: ['billing'] },
    ]);
    expect(parseSkillRules([])).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['not a list', { when: {} }, 'rules must be a list'],
    ['a rule that is not an object', ['network'], 'rules[0] must be { when, skills }'],
    [
      'an unknown field',
      [{ when: { intents: ['question'] }, skills: ['a'], team: 'x' }],
      'unknown field "team"',
    ],
    [
      'a rule without conditions',
      [{ when: {}, skills: ['network'] }],
      'rules[0].when needs at least one condition',
    ],
    [
      'an unknown condition',
      [{ when: { sentiment: ['negative'] }, skills: ['a'] }],
      'unknown condition "sentiment"',
    ],
    [
      'an unknown intent',
      [{ when: { intents: ['rant'] }, skills: ['a'] }],
      'rules[0].when.intents[0] must be one of',
    ],
    [
      'an empty condition list',
      [{ when: { intents: [] }, skills: ['a'] }],
      'rules[0].when.intents must be a list',
    ],
    ['a language that is not a code', [{ when: { languages: ['French'] }, skills: ['a'] }], 'two-letter'],
    [
      'an unknown conversation kind',
      [{ when: { conversationKinds: ['dm'] }, skills: ['a'] }],
      'direct_message',
    ],
    [
      'no skill',
      [{ when: { intents: ['question'] }, skills: [] }],
      'rules[0].skills must be a list of 1 to 20',
    ],
    ['a blank skill', [{ when: { intents: ['question'] }, skills: [' network'] }], 'rules[0].skills[0]'],
    ['a skill that is not a string', [{ when: { intents: ['question'] }, skills: [4] }], 'must be a string'],
    [
      'too many rules',
      Array.from({ length: 101 }, () => ({ when: { intents: ['question'] }, skills: ['a'] })),
      'at most 100 rules',
    ],
  ])('refuses %s, naming the path', (_label, input, fragment) => {
    let caught: unknown;
    try {
      parseSkillRules(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('invalid');
    expect((caught as DomainError).message).toContain(fragment);
  });
});

describe('parseSkillFallback', () => {
  it.each([
    [undefined, 'wait'],
    ['wait', 'wait'],
    ['any_agent', 'any_agent'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseSkillFallback(input)).toBe(expected);
  });

  it('refuses anything else', () => {
    expect(() => parseSkillFallback('anyone')).toThrow('fallback must be one of wait, any_agent');
  });
});

describe('mergeRoutingFacts', () => {
  it('adds the new intent to those seen, keeps a known language, and takes the current tags', () => {
    const merged = mergeRoutingFacts(
      { ...mention, intents: ['question'], tags: ['old'] },
      { ...mention, intents: ['outage_report'], language: null, tags: ['new'] },
    );
    expect(merged).toEqual({
      ...mention,
      intents: ['outage_report', 'question'],
      language: 'fr',
      tags: ['new'],
    });
  });

  it('starts from the first post', () => {
    expect(mergeRoutingFacts(null, { ...mention, intents: ['question', 'question'] })).toEqual({
      ...mention,
      intents: ['question'],
    });
  });
});
