import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr } from './fr';
import { chooseLanguage, languageStorageKey } from './language';
import { type Language } from './translation';

/** Reads the stored choice; storage can throw (privacy modes, disabled cookies). */
function readStoredChoice(): string | null {
  try {
    return window.localStorage.getItem(languageStorageKey);
  } catch {
    return null;
  }
}

function rememberChoice(language: Language): void {
  try {
    window.localStorage.setItem(languageStorageKey, language);
  } catch {
    // Not remembering the choice is acceptable; the switch still works for this visit.
  }
}

/** Initialises i18next synchronously (resources are bundled) and keeps `<html lang>` in step. */
export function setUpI18n(): typeof i18next {
  const language = chooseLanguage({
    preferredLanguages: navigator.languages ?? [navigator.language],
    storedChoice: readStoredChoice(),
  });
  i18next.on('languageChanged', (next) => {
    document.documentElement.lang = next;
  });
  void i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['fr', 'en'],
    initAsync: false,
    // React already escapes every text node; escaping twice would show `&amp;` to users.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

/** Switches the interface language and remembers it for the next visits. */
export async function switchLanguage(language: Language): Promise<void> {
  rememberChoice(language);
  await i18next.changeLanguage(language);
}
