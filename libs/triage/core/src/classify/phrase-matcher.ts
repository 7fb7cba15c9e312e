/**
 * Whole-word phrase matching against a normalised post (`NormalisedText.padded`).
 * Phrases are compiled once at module load; matching is a handful of regex tests per post.
 */
export type CompiledPhrase = { readonly phrase: string; readonly pattern: RegExp };

function escapeForRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/gu, '\\$&');
}

/** Compile `'a b | c* | d'` into whole-word patterns (`*` = any word ending). */
export function compilePhrases(phrases: string): readonly CompiledPhrase[] {
  return phrases
    .split('|')
    .map((phrase) => phrase.trim())
    .filter((phrase) => phrase.length > 0)
    .map((phrase) => ({
      phrase: phrase.replace(/\*/gu, ''),
      pattern: new RegExp(` ${escapeForRegex(phrase).replace(/\*/gu, '[a-z0-9]*')} `, 'u'),
    }));
}

/** The phrases found in `padded`, in list order. */
export function findPhrases(padded: string, phrases: readonly CompiledPhrase[]): string[] {
  const found: string[] = [];
  for (const { phrase, pattern } of phrases) if (pattern.test(padded)) found.push(phrase);
  return found;
}

/** Every single word used by a phrase list (for elongation collapsing). */
export function phraseWords(phrases: string): string[] {
  return phrases
    .split(/[|\s*]+/u)
    .map((word) => word.trim())
    .filter((word) => word.length > 1);
}
