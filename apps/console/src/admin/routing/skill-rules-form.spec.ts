import {
  emptySkillRuleDraft,
  parseCapacity,
  parseSkillRuleDrafts,
  skillRuleDraftOf,
} from './skill-rules-form';

describe('skill rules as typed', () => {
  it('builds the rules with only the conditions given; skills keep their case', () => {
    const parsed = parseSkillRuleDrafts([
      { ...emptySkillRuleDraft, intents: ['outage_report'], skills: 'network' },
      { ...emptySkillRuleDraft, languages: 'FR', tags: 'Legal, legal', skills: 'Legal-FR, Legal-FR' },
    ]);
    expect(parsed).toEqual({
      kind: 'ok',
      rules: [
        { when: { intents: ['outage_report'] }, skills: ['network'] },
        { when: { languages: ['fr'], tags: ['legal'] }, skills: ['Legal-FR'] },
      ],
    });
  });

  it('reads stored rules back', () => {
    const rule = {
      when: { conversationKinds: ['direct_message' as const], channels: ['x'] },
      skills: ['billing', 'vip'],
    };
    const draft = skillRuleDraftOf(rule);
    expect(draft).toMatchObject({
      conversationKinds: ['direct_message'],
      channels: 'x',
      skills: 'billing, vip',
    });
    expect(parseSkillRuleDrafts([draft])).toEqual({ kind: 'ok', rules: [rule] });
  });

  it.each([
    ['no condition', { skills: 'network' }, 'noCondition'],
    ['no skill', { intents: ['complaint' as const] }, 'noSkill'],
    ['a language that is not a code', { languages: 'french', skills: 'a' }, 'languages'],
    [
      '21 skills',
      { tags: 'vip', skills: Array.from({ length: 21 }, (_, index) => `s${index}`).join(',') },
      'tooManySkills',
    ],
    ['a long skill', { tags: 'vip', skills: 'x'.repeat(41) }, 'skillTooLong'],
  ])('names the rule with %s', (_what, changes, problem) => {
    const parsed = parseSkillRuleDrafts([
      { ...emptySkillRuleDraft, tags: 'ok', skills: 'ok' },
      { ...emptySkillRuleDraft, ...changes },
    ]);
    expect(parsed).toEqual({ kind: 'invalid', problems: new Map([[1, problem]]) });
  });

  it.each([
    ['5', 5],
    [' 0 ', 0],
    ['1000', 1000],
    ['1001', null],
    ['-1', null],
    ['2.5', null],
    ['', null],
  ])('reads the capacity %j', (text, capacity) => {
    expect(parseCapacity(text)).toBe(capacity);
  });
});
