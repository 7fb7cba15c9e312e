import { type Language, isLanguage } from './translation';

/** localStorage key holding the language the user picked with the switch. */
export const languageStorageKey = 'vigie.language';

/**
 * Picks the console language.
 *
 * A choice the user made with the language switch wins. Otherwise the browser's preferred
 * languages are read in order and the first one that is French or English decides, so
 * `['de-DE', 'fr-CH', 'en']` gives French and `['en-GB', 'fr']` gives English. Anything
 * else falls back to English.
 */
export function chooseLanguage(params: {
  preferredLanguages: readonly string[];
  storedChoice: string | null;
}): Language {
  if (isLanguage(params.storedChoice)) {
    return params.storedChoice;
  }
  for (const tag of params.preferredLanguages) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) {
      return primary;
    }
  }
  return 'en';
}

/** The other language, for the FR/EN toggle. */
export function otherLanguage(language: Language): Language {
  return language === 'fr' ? 'en' : 'fr';
}
