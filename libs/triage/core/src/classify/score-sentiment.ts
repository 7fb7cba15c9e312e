/**
 * Lexicon sentiment with negation, intensifiers, two-word expressions, emojis and a sarcasm flip.
 */
import { type NormalisedText } from '../text/normalise-text';
import {
  EMOJI_SENTIMENT,
  INTENSIFIERS,
  NEGATORS,
  SENTIMENT_LEXICON,
  SENTIMENT_PHRASES,
} from './sentiment-lexicon';

export type SentimentScore = {
  /** Sum of positive contributions (≥ 0). */
  readonly positive: number;
  /** Sum of negative contributions (≤ 0). */
  readonly negative: number;
  readonly positiveWords: readonly string[];
  readonly negativeWords: readonly string[];
};

/** Score the words and emojis of a post; `isSarcastic` turns positive words into negative ones. */
export function scoreSentiment(params: { text: NormalisedText; isSarcastic: boolean }): SentimentScore {
  const { text, isSarcastic } = params;
  const tokens = text.tokens;
  let positive = 0;
  let negative = 0;
  const positiveWords: string[] = [];
  const negativeWords: string[] = [];
  const add = (word: string, value: number): void => {
    const adjusted = isSarcastic && value > 0 ? -value : value;
    if (adjusted > 0) {
      positive += adjusted;
      positiveWords.push(word);
    } else if (adjusted < 0) {
      negative += adjusted;
      negativeWords.push(word);
    }
  };
  const consumed = new Set<number>();
  for (let index = 0; index < tokens.length; index += 1) {
    for (const length of [4, 3, 2]) {
      const phrase = tokens.slice(index, index + length).join(' ');
      const value = SENTIMENT_PHRASES.get(phrase);
      if (value !== undefined && tokens.length >= index + length) {
        add(phrase, value);
        for (let offset = 0; offset < length; offset += 1) consumed.add(index + offset);
        break;
      }
    }
  }
  for (let index = 0; index < tokens.length; index += 1) {
    if (consumed.has(index)) continue;
    const token = tokens[index] ?? '';
    const base = SENTIMENT_LEXICON.get(token);
    if (base === undefined) continue;
    let value = base;
    const window = tokens.slice(Math.max(0, index - 3), index);
    // "pas de réseau" is a problem, not a negated "réseau"; only flip words with polarity.
    if (window.some((word) => NEGATORS.has(word)) && !NEGATORS.has(token))
      value = base > 0 ? -base : base * 0.5;
    if (index > 0 && INTENSIFIERS.has(tokens[index - 1] ?? '')) value *= 1.5;
    add(token, value);
  }
  for (const emoji of text.emojis) {
    const value = EMOJI_SENTIMENT.get(emoji);
    if (value !== undefined) add(emoji, value);
  }
  if (text.hasElongation) {
    // Elongation amplifies whatever dominates.
    if (negative < -positive) negative -= 0.5;
    else if (positive > 0) positive += 0.5;
  }
  return { positive, negative, positiveWords, negativeWords };
}
