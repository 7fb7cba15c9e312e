/**
 * Whole-word phrase matching against a normalised post (`NormalisedText.padded`: single-spaced tokens).
 * Phrases are compiled once at module load. A phrase's regex runs only when the post has every one of its plain
 * words (those without `*`): a post has a few dozen tokens and the lists hundreds of phrases, so most phrases are
 * ruled out by a set lookup.
 */
export type CompiledPhrase = {
  readonly phrase: string;
  readonly pattern: RegExp;
  /** Words the post must contain for the pattern to have a chance: a necessary condition, not a match. */
  readonly plainWords: readonly string[];
};

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
      plainWords: phrase.split(/\s+/u).filter((word) => word.length > 0 && !word.includes('*')),
    }));
}

// The tokens of the last post asked about: triage asks several lists in a row about the same post.
let lastPadded = '';
let lastTokens = new Set<string>();

function tokensOf(padded: string): ReadonlySet<string> {
  if (padded !== lastPadded) {
    lastTokens = new Set(padded.split(' '));
    lastPadded = padded;
  }
  return lastTokens;
}

/** The phrases found in `padded`, in list order. */
export function findPhrases(padded: string, phrases: readonly CompiledPhrase[]): string[] {
  const tokens = tokensOf(padded);
  const found: string[] = [];
  for (const { phrase, pattern, plainWords } of phrases)
    if (plainWords.every((word) => tokens.has(word)) && pattern.test(padded)) found.push(phrase);
  return found;
}

/** Every single word used by a phrase list (for elongation collapsing). */
export function phraseWords(phrases: string): string[] {
  return phrases
    .split(/[|\s*]+/u)
    .map((word) => word.trim())
    .filter((word) => word.length > 1);
}
