import type { MatchablePost } from './rule-matcher';
import { matchesRule } from './rule-matcher';
import { parseRule, RuleSyntaxError, tokenizeWords } from './rule-parser';

function post(text: string, overrides: Partial<MatchablePost> = {}): MatchablePost {
  return {
    words: tokenizeWords(text),
    authorUsername: 'jane_doe',
    mentions: new Set([...text.matchAll(/@(\w+)/g)].map((match) => match[1].toLowerCase())),
    hashtags: new Set([...text.matchAll(/#(\w+)/g)].map((match) => match[1].toLowerCase())),
    lang: 'fr',
    isRetweet: false,
    isReply: false,
    isQuote: false,
    isAuthorVerified: false,
    hasLinks: false,
    conversationId: '1',
    ...overrides,
  };
}

describe('rule matching', () => {
  it.each([
    ['@VigieTelecom', '@vigietelecom plus de réseau', {}, true],
    ['@VigieTelecom -is:retweet', 'RT @VigieTelecom: promo', { isRetweet: true }, false],
    ['@VigieTelecom -is:retweet', '@VigieTelecom help', {}, true],
    ['@VigieTelecom is:retweet', 'RT @VigieTelecom: promo', { isRetweet: true }, true],
    ['panne OR down', 'Le réseau est DOWN !!', {}, true],
    ['panne OR down', 'tout va bien', {}, false],
    ['"plus de connexion"', 'Plus de connexion depuis 2h', {}, true],
    ['"plus de connexion"', 'de connexion plus', {}, false],
    ['réseau -fibre', 'réseau mort', {}, true],
    ['réseau -fibre', 'réseau fibre mort', {}, false],
    ['panne lang:fr', 'panne', { lang: 'fr' }, true],
    ['panne lang:en', 'panne', { lang: 'fr' }, false],
    ['(panne OR down) @VigieTelecom', '@VigieTelecom down?', {}, true],
    ['from:jane_doe', 'anything', {}, true],
    ['#panne', 'encore une #PANNE', {}, true],
  ])('%s on "%s" → %s', (rule, text, overrides, expected) => {
    expect(matchesRule(parseRule(rule), post(text, overrides))).toBe(expected);
  });

  it.each(['-panne', 'lang:fr', 'is:retweet', '(panne', 'foo:bar panne', '"unterminated'])(
    'rejects the invalid rule %s',
    (rule) => {
      expect(() => parseRule(rule)).toThrow(RuleSyntaxError);
    },
  );
});
