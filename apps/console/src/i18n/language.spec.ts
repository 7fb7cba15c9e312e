import { chooseLanguage, otherLanguage } from './language';

describe('chooseLanguage', () => {
  it.each([
    { preferredLanguages: ['fr-FR', 'en-US'], storedChoice: null, expected: 'fr' },
    { preferredLanguages: ['fr'], storedChoice: null, expected: 'fr' },
    { preferredLanguages: ['fr-CA'], storedChoice: null, expected: 'fr' },
    { preferredLanguages: ['FR-be'], storedChoice: null, expected: 'fr' },
    { preferredLanguages: ['de-DE', 'fr-CH', 'en'], storedChoice: null, expected: 'fr' },
    { preferredLanguages: ['en-GB', 'fr-FR'], storedChoice: null, expected: 'en' },
    { preferredLanguages: ['en'], storedChoice: null, expected: 'en' },
    { preferredLanguages: ['de-DE', 'es'], storedChoice: null, expected: 'en' },
    { preferredLanguages: [], storedChoice: null, expected: 'en' },
    { preferredLanguages: ['frr'], storedChoice: null, expected: 'en' },
  ])('picks $expected for browser languages $preferredLanguages', ({ expected, ...params }) => {
    expect(chooseLanguage(params)).toBe(expected);
  });

  it('prefers the stored choice over the browser languages', () => {
    expect(chooseLanguage({ preferredLanguages: ['fr-FR'], storedChoice: 'en' })).toBe('en');
    expect(chooseLanguage({ preferredLanguages: ['en-US'], storedChoice: 'fr' })).toBe('fr');
  });

  it.each(['', 'de', 'FR', 'english'])('ignores the unknown stored choice %p', (storedChoice) => {
    expect(chooseLanguage({ preferredLanguages: ['fr-FR'], storedChoice })).toBe('fr');
  });
});

describe('otherLanguage', () => {
  it('toggles between French and English', () => {
    expect(otherLanguage('fr')).toBe('en');
    expect(otherLanguage('en')).toBe('fr');
  });
});
