import { type RenderedCannedAnswer } from '@vigie/contracts';
import {
  foldForSearch,
  insertCannedText,
  matchCannedAnswers,
  moveActive,
  slashQueryAt,
} from './canned-picker';

function answer(changes: Partial<RenderedCannedAnswer>): RenderedCannedAnswer {
  return {
    id: changes.title ?? 'id',
    language: 'fr',
    title: 'Titre',
    shortcut: null,
    body: '',
    text: '',
    missingVariables: [],
    ...changes,
  };
}

describe('slashQueryAt', () => {
  it.each<[string, number | undefined, ReturnType<typeof slashQueryAt>]>([
    ['/', undefined, { start: 0, end: 1, query: '' }],
    ['/pan', undefined, { start: 0, end: 4, query: 'pan' }],
    ['Bonjour /pan', undefined, { start: 8, end: 12, query: 'pan' }],
    ['Ligne 1\n/réseau', undefined, { start: 8, end: 15, query: 'réseau' }],
    // The caret decides: what follows it is not part of the query.
    ['/panne et la suite', 4, { start: 0, end: 4, query: 'pan' }],
    ['https://x.com', undefined, null],
    ['1/2', undefined, null],
    ['/panne réseau', undefined, null],
    ['texte', undefined, null],
    ['//', undefined, null],
  ])('reads %p (caret %p) as %p', (text, caret, expected) => {
    expect(slashQueryAt(text, caret ?? text.length)).toEqual(expected);
  });
});

describe('matchCannedAnswers', () => {
  const panne = answer({
    title: 'Panne réseau',
    shortcut: 'panne',
    text: 'Bonjour, nos équipes sont mobilisées',
  });
  const horaires = answer({ title: 'Hors horaires', shortcut: 'horaires', text: 'Nous revenons lundi à 9h' });
  const outage = answer({
    title: 'Network outage',
    shortcut: 'outage',
    language: 'en',
    text: 'Our engineers are on it',
  });
  const merci = answer({ title: 'Remerciement', shortcut: 'merci', text: 'Merci pour votre retour' });
  const all = [panne, horaires, outage, merci];
  const titles = (items: RenderedCannedAnswer[]) => items.map((item) => item.title);

  it('keeps the API order when nothing is typed, up to the limit', () => {
    expect(titles(matchCannedAnswers(all, ''))).toEqual(titles(all));
    expect(matchCannedAnswers(all, '', 2)).toHaveLength(2);
  });

  it.each<[string, string[]]>([
    ['panne', ['Panne réseau']],
    ['PAN', ['Panne réseau']],
    ['reseau', ['Panne réseau']],
    ['hor', ['Hors horaires']],
    ['out', ['Network outage']],
    ['lundi', ['Hors horaires']],
    ['équipes', ['Panne réseau']],
    ['merci', ['Remerciement']],
    ['zzz', []],
  ])('finds %p', (query, expected) => {
    expect(titles(matchCannedAnswers(all, query))).toEqual(expected);
  });

  it('ranks the exact shortcut first, then shortcuts starting with the query, then titles, then text', () => {
    const mer = answer({ title: 'Mer agitée', shortcut: null, text: '' });
    const merciBeaucoup = answer({ title: 'Gratitude', shortcut: 'mercibeaucoup', text: '' });
    const inText = answer({ title: 'Autre', shortcut: null, text: 'Je vous remercie' });
    expect(titles(matchCannedAnswers([inText, mer, merciBeaucoup, merci], 'merci'))).toEqual([
      'Remerciement',
      'Gratitude',
      'Autre',
    ]);
    expect(titles(matchCannedAnswers([inText, mer, merciBeaucoup, merci], 'mer'))).toEqual([
      'Gratitude',
      'Remerciement',
      'Mer agitée',
      'Autre',
    ]);
    expect(titles(matchCannedAnswers([inText], 'remercie'))).toEqual(['Autre']);
  });

  it('folds accents and ligatures', () => {
    expect(foldForSearch('Œuvre Réseau ÉTÉ')).toBe('oeuvre reseau ete');
  });
});

describe('insertCannedText', () => {
  it('replaces the /query with the text and puts the caret after it', () => {
    const text = 'Bonjour /pan et merci';
    const slash = slashQueryAt(text, 12);
    expect(slash).not.toBeNull();
    expect(
      insertCannedText(text, slash as NonNullable<typeof slash>, 'Nos équipes sont mobilisées.'),
    ).toEqual({
      text: 'Bonjour Nos équipes sont mobilisées. et merci',
      caret: 36,
    });
  });
});

describe('moveActive', () => {
  it.each([
    [0, 3, 1, 1],
    [2, 3, 1, 0],
    [0, 3, -1, 2],
    [0, 0, 1, 0],
  ] as const)('from %p of %p by %p → %p', (index, count, step, expected) => {
    expect(moveActive(index, count, step)).toBe(expected);
  });
});
