/**
 * Normalisation shared by language detection, intent cues and the sentiment lexicon.
 *
 * Social posts are noisy: accents dropped or not, elongations ("nuuuul", "pleeease"), SMS slang
 * ("svp", "jpp", "pk"), contractions with or without apostrophes ("can't", "cant"). Everything below
 * folds those variants onto one lowercase, accent-free token form, so each lexicon entry is written once.
 */
import { SLANG_EXPANSIONS } from './slang';

export type NormalisedText = {
  /** Accent-folded, lowercase tokens after slang expansion (URLs, mentions and emojis removed). */
  readonly tokens: readonly string[];
  /** `' ' + tokens.join(' ') + ' '`: phrase cues match whole words against it. */
  readonly padded: string;
  /** Lowercase tokens before accent folding and slang expansion (language detection). */
  readonly surfaceWords: readonly string[];
  readonly urlCount: number;
  /** Lowercase handles without `@`, in order of appearance. */
  readonly mentions: readonly string[];
  readonly hashtags: readonly string[];
  readonly emojis: readonly string[];
  /** Starts with `RT @user:` (a plain retweet in the classic format). */
  readonly isRetweet: boolean;
  readonly questionMarkCount: number;
  readonly exclamationCount: number;
  /** A letter repeated three times or more ("nuuuul", "sooo"): emphasis. */
  readonly hasElongation: boolean;
  /** Letters with French diacritics (é, è, ê, à, ç, ù, â, î, ô, û, ë, ï, œ). */
  readonly frenchAccentCount: number;
  /** Letters typical of other Latin-script languages (ñ, ä, ö, ü, ß, á, í, ó, ã, õ, ¿, ¡). */
  readonly otherAccentCount: number;
  /** Letters outside the Latin script (Cyrillic, Arabic, CJK...). */
  readonly nonLatinLetterCount: number;
  /** The text with a leading `RT @user:` removed and mentions at the start dropped. */
  readonly body: string;
};

const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/giu;
const MENTION_PATTERN = /@(\w{1,30})/gu;
const HASHTAG_PATTERN = /#(\w+)/gu;
const RETWEET_PATTERN = /^\s*RT\s+@\w+\s*:\s*/u;
const EMOJI_PATTERN = /\p{Extended_Pictographic}/gu;
const FRENCH_ACCENTS = /[éèêàçùâîôûëïœ]/giu;
const OTHER_ACCENTS = /[ñäöüßáíóãõ¿¡]/giu;
const NON_LATIN = /[^\P{L}\p{Script=Latin}]/gu;
const DIACRITICS = /\p{M}+/gu;
const ELONGATION = /(\p{L})\1{2,}/u;

/** Words the lexicons know: elongated tokens are shortened to one of them when possible. */
let knownWords: ReadonlySet<string> = new Set();

/** Called once by the lexicon module so that elongations collapse to known words. */
export function registerKnownWords(words: Iterable<string>): void {
  knownWords = new Set([...knownWords, ...words]);
}

/** Lowercase and strip diacritics ("Réseau" → "reseau"). */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(DIACRITICS, '').normalize('NFC').toLowerCase();
}

/**
 * Shorten runs of three or more identical letters. Each run may become one or two letters; the first
 * variant the lexicons know wins ("nuuuul" → "nul", "pleeease" → "please", "cooool" → "cool"),
 * otherwise two letters are kept.
 */
export function collapseElongation(token: string): string {
  if (!ELONGATION.test(token)) return token;
  const parts = token.split(/((\p{L})\2{2,})/u);
  // split with two capture groups yields [text, run, letter, text, run, letter, ...]
  const pieces: string[][] = [];
  for (let index = 0; index < parts.length; index += 3) {
    pieces.push([parts[index] ?? '']);
    const letter = parts[index + 2];
    if (letter !== undefined) pieces.push([letter.repeat(2), letter]);
  }
  let variants = [''];
  for (const options of pieces) {
    variants = variants.flatMap((prefix) => options.map((option) => prefix + option));
    if (variants.length > 64) variants = variants.slice(0, 64);
  }
  return variants.find((variant) => knownWords.has(variant)) ?? variants[0] ?? token;
}

function splitHashtag(tag: string): string {
  // #PanneOrange → "panne orange"; #honteux stays one word.
  return tag.replace(/([a-zà-ÿ])([A-ZÀ-Þ])/gu, '$1 $2');
}

function expandContractions(text: string): string {
  return text
    .replace(/\bwon['’]t\b/giu, 'will not')
    .replace(/\bcan['’]t\b/giu, 'can not')
    .replace(/n['’]t\b/giu, ' not');
}

/** Normalise a post for the rule engine. Pure and allocation-light: runs once per post. */
export function normaliseText(text: string): NormalisedText {
  const isRetweet = RETWEET_PATTERN.test(text);
  const withoutRetweet = text.replace(RETWEET_PATTERN, '');
  const urlCount = (withoutRetweet.match(URL_PATTERN) ?? []).length;
  const withoutUrls = withoutRetweet.replace(URL_PATTERN, ' ');
  const mentions = [...withoutUrls.matchAll(MENTION_PATTERN)].map((match) => (match[1] ?? '').toLowerCase());
  const hashtags = [...withoutUrls.matchAll(HASHTAG_PATTERN)].map((match) => foldAccents(match[1] ?? ''));
  const emojis = withoutUrls.match(EMOJI_PATTERN) ?? [];
  const body = withoutUrls
    .replace(MENTION_PATTERN, ' ')
    .replace(HASHTAG_PATTERN, (_match, tag: string) => ` ${splitHashtag(tag)} `)
    .replace(EMOJI_PATTERN, ' ')
    .replace(/\s+/gu, ' ')
    .trim();

  const surfaceWords = body
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  const folded = foldAccents(expandContractions(body.replace(/’/gu, "'")));
  const rawTokens = folded.split(/[^a-z0-9]+/u).filter((token) => token.length > 0);
  let hasElongation = false;
  const tokens: string[] = [];
  for (const rawToken of rawTokens) {
    const collapsed = collapseElongation(rawToken);
    if (collapsed !== rawToken) hasElongation = true;
    const expansion = SLANG_EXPANSIONS.get(collapsed);
    if (expansion === undefined) tokens.push(collapsed);
    else tokens.push(...expansion);
  }

  return {
    tokens,
    padded: ` ${tokens.join(' ')} `,
    surfaceWords,
    urlCount,
    mentions,
    hashtags,
    emojis,
    isRetweet,
    questionMarkCount: (withoutUrls.match(/[?？]/gu) ?? []).length,
    exclamationCount: (withoutUrls.match(/!/gu) ?? []).length,
    hasElongation,
    frenchAccentCount: (body.match(FRENCH_ACCENTS) ?? []).length,
    otherAccentCount: (body.match(OTHER_ACCENTS) ?? []).length,
    nonLatinLetterCount: (body.match(NON_LATIN) ?? []).length,
    body,
  };
}
