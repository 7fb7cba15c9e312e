import { collapseElongation, foldAccents, normaliseText } from './normalise-text';
import '../classify/triage-post'; // registers the lexicon words used to collapse elongations

describe('normaliseText', () => {
  it.each([
    ['Réseau coupé à Besançon', 'reseau coupe a besancon'],
    ['ÇA MARCHE PAS', 'ca marche pas'],
  ])('folds accents and case: %j', (text, expected) => {
    expect(foldAccents(text)).toBe(expected);
  });

  it.each([
    ['nuuuul', 'nul'],
    ['pleeeease', 'please'],
    ['cooool', 'cool'],
    ['sooooo', 'soo'],
    ['merciiii', 'merci'],
  ])('collapses the elongation %j to %j', (token, expected) => {
    expect(collapseElongation(token)).toBe(expected);
  });

  it.each([
    ['svp', ['svp']],
    ['stp', ['svp']],
    ['pb', ['probleme']],
    ['pk', ['pourquoi']],
    ['pls', ['please']],
    ['thx', ['thanks']],
    ["can't", ['can', 'not']],
    ['cant', ['can', 'not']],
    ["won't", ['will', 'not']],
    ["doesn't", ['does', 'not']],
    ['ptn', ['putain']],
    ['tjrs', ['toujours']],
  ])('expands the slang or contraction %j', (text, tokens) => {
    expect(normaliseText(text).tokens).toEqual(tokens);
  });

  it('separates URLs, mentions, hashtags and emojis from the words', () => {
    const text = normaliseText('@FibraMax #PanneGenerale encore 😡 https://t.co/x');
    expect(text.tokens).toEqual(['panne', 'generale', 'encore']);
    expect(text.mentions).toEqual(['fibramax']);
    expect(text.hashtags).toEqual(['pannegenerale']);
    expect(text.emojis).toEqual(['😡']);
    expect(text.urlCount).toBe(1);
  });

  it('detects the classic retweet prefix', () => {
    expect(normaliseText('RT @anna: plus de réseau').isRetweet).toBe(true);
    expect(normaliseText('plus de réseau RT si toi aussi').isRetweet).toBe(false);
  });
});
