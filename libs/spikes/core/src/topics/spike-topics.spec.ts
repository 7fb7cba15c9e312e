import { extractTerms, risingTerms, topicsOfPost } from './spike-topics';

describe('spike topics', () => {
  it('extracts lower-cased terms without accents, links, handles, numbers or stop words', () => {
    expect(extractTerms('@Orange Réseau en PANNE depuis 8h !! https://t.co/xyz le réseau')).toEqual([
      'reseau',
      'panne',
      '8h',
    ]);
  });

  it.each([
    ['Internet coupé, encore une panne', ['outage']],
    ['Is the app down for everyone?', ['outage']],
    ['Merci pour votre aide', []],
    ['', []],
  ])('puts %p in the topics %p', (text, topics) => {
    expect(topicsOfPost({ text })).toEqual(topics);
  });

  it('bounds the terms of a hostile post', () => {
    const terms = extractTerms(Array.from({ length: 500 }, (_, index) => `mot${index}`).join(' '));
    expect(terms).toHaveLength(64);
    expect(extractTerms('a'.repeat(100_000))).toEqual([]);
  });

  it('ranks the terms that rose against the baseline first', () => {
    const baselineTexts = [
      ...Array.from({ length: 50 }, () => 'facture question abonnement'),
      ...Array.from({ length: 10 }, () => 'fibre lente'),
    ];
    const recentTexts = [
      'fibre coupure lyon',
      'coupure fibre totale lyon',
      'coupure encore',
      'facture question',
      'lyon coupure',
    ];
    const terms = risingTerms({ recentTexts, baselineTexts, limit: 3 });
    expect(terms.map((term) => term.term)).toEqual(['coupure', 'lyon', 'fibre']);
    expect(terms[0].recentCount).toBe(4);
    expect(risingTerms({ recentTexts: [], baselineTexts })).toEqual([]);
  });
});
