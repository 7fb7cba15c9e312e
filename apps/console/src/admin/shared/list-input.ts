/** "fr, EN ,fr" → ["fr", "en"]: a comma-separated field as a list, trimmed, lower-cased, without repeats. */
export function parseListInput(text: string): string[] {
  const items = text
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
  return [...new Set(items)];
}

/** The reverse, for editing a stored list. */
export function formatListInput(items: readonly string[]): string {
  return items.join(', ');
}

const languagePattern = /^[a-z]{2}$/;

/** The items of a language list that are not two-letter codes (the API refuses them). */
export function invalidLanguages(languages: readonly string[]): string[] {
  return languages.filter((language) => !languagePattern.test(language));
}
