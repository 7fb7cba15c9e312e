import { personalisedText, pickBulkAnswerText } from './bulk-answer-text';

describe('pickBulkAnswerText', () => {
  const both = { fr: 'Panne en cours, on s’en occupe.', en: 'We are on the outage.' };

  it.each([
    ['the customer’s language', { texts: both, language: 'en', brandLanguage: 'fr' }, 'en'],
    [
      'the primary subtag of a regional language',
      { texts: both, language: 'fr-CA', brandLanguage: 'en' },
      'fr',
    ],
    [
      'the brand’s default when the customer’s language has no variant',
      { texts: both, language: 'de', brandLanguage: 'en' },
      'en',
    ],
    [
      'the brand’s default when the language is unknown',
      { texts: both, language: null, brandLanguage: 'fr' },
      'fr',
    ],
    [
      'the only variant written, whatever the languages',
      { texts: { en: 'Outage.' }, language: 'fr', brandLanguage: 'fr' },
      'en',
    ],
    [
      'another variant when the wanted one is blank',
      { texts: { fr: '  ', en: 'Outage.' }, language: 'fr', brandLanguage: 'fr' },
      'en',
    ],
  ])('picks %s', (_case, params, expected) => {
    expect(pickBulkAnswerText(params)?.language).toBe(expected);
  });

  it('returns null when no variant has text', () => {
    expect(pickBulkAnswerText({ texts: { fr: '' }, language: 'fr', brandLanguage: 'fr' })).toBeNull();
  });
});

describe('personalisedText', () => {
  it.each([
    ['puts the handle first in a public reply', 'public_thread', 'nora_b', '@nora_b On regarde.'],
    ['leaves a DM as written', 'direct_message', 'nora_b', 'On regarde.'],
    ['leaves a public reply as written when the handle is unknown', 'public_thread', null, 'On regarde.'],
  ] as const)('%s', (_case, kind, handle, expected) => {
    expect(personalisedText({ text: 'On regarde.', kind, handle })).toBe(expected);
  });
});
