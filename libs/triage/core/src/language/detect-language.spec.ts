import { normaliseText } from '../text/normalise-text';
import { detectLanguage } from './detect-language';

const languageOf = (text: string): string => detectLanguage(normaliseText(text)).language;

describe('detectLanguage', () => {
  it.each([
    ['merci !', 'fr'],
    ['thanks!', 'en'],
    ['svp', 'fr'],
    ['@FibraMax c nul', 'fr'],
    ['jpp de ce réseau', 'fr'],
    ['is it down?', 'en'],
    ['plus de réseau', 'fr'],
    ['no signal', 'en'],
    ['Où est mon colis ?', 'fr'],
    ['where is my parcel?', 'en'],
  ])('reads the short post %j as %s', (text, language) => {
    expect(languageOf(text)).toBe(language);
  });

  it.each(['😡😡😡', '@FibraMax', '@FibraMax 🙏', 'https://t.co/abc', '', '12345'])(
    'answers other with no confidence for %j (no words to go on)',
    (text) => {
      const guess = detectLanguage(normaliseText(text));
      expect(guess.language).toBe('other');
      expect(guess.confidence).toBe(0);
    },
  );

  it.each([
    ['@FibraMax el internet no funciona desde ayer, es muy lento', 'other'],
    ['@FibraMax das Internet ist seit gestern nicht da', 'other'],
    ['Спасибо за помощь', 'other'],
  ])('answers other for a post in another language: %j', (text, language) => {
    expect(languageOf(text)).toBe(language);
  });

  it.each([
    ['@FibraMax le wifi est down depuis ce matin, c’est quoi le problème', 'fr'],
    ['Merci @JetLine, the crew was great and the flight was on time', 'en'],
    ['@CityBank j’ai un problème with my card, elle est bloquée', 'fr'],
  ])('picks the dominant language of the code-switched post %j', (text, language) => {
    expect(languageOf(text)).toBe(language);
  });

  it('does not count English contractions as French elisions', () => {
    expect(languageOf("I'd like it, don't you")).toBe('en');
  });
});
