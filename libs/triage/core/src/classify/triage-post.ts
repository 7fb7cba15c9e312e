/**
 * Rule-based triage of one post: language, intent, sentiment, whether it needs a reply.
 *
 * Intent scores are weighted cue matches (see `intent-cues.ts`) plus a few structural signals (question
 * marks, links, whether the post addresses the brand); the highest score wins over a fixed floor for
 * `other`. Sentiment comes from the lexicon, then is reconciled with the intent (a complaint is negative
 * even when it is worded politely). All rules are visible in `reasons`.
 */
import { assertNever } from '@vigie/kernel';
import { detectLanguage } from '../language/detect-language';
import { normaliseText, registerKnownWords, type NormalisedText } from '../text/normalise-text';
import {
  INTENTS_NEEDING_REPLY,
  type TriageIntent,
  type TriagePostInput,
  type TriageResult,
  type TriageSentiment,
} from '../triage.types';
import { INTENT_CUES, RESOLUTION_CUES, SARCASM_CUES, URGENCY_CUES, type ScoredIntent } from './intent-cues';
import { compilePhrases, findPhrases, phraseWords, type CompiledPhrase } from './phrase-matcher';
import { scoreSentiment, type SentimentScore } from './score-sentiment';
import { NEGATORS, SARCASM_EMOJIS, SENTIMENT_LEXICON } from './sentiment-lexicon';

type CompiledGroup = { readonly weight: number; readonly phrases: readonly CompiledPhrase[] };

const SCORED_INTENTS: readonly ScoredIntent[] = [
  'complaint',
  'question',
  'outage_report',
  'request',
  'praise',
  'spam',
];

function compileGroups(intent: ScoredIntent): readonly CompiledGroup[] {
  return INTENT_CUES[intent].map(([weight, phrases]) => ({ weight, phrases: compilePhrases(phrases) }));
}

const COMPILED_CUES: Readonly<Record<ScoredIntent, readonly CompiledGroup[]>> = {
  complaint: compileGroups('complaint'),
  question: compileGroups('question'),
  outage_report: compileGroups('outage_report'),
  request: compileGroups('request'),
  praise: compileGroups('praise'),
  spam: compileGroups('spam'),
};
const RESOLUTION = compilePhrases(RESOLUTION_CUES);
const SARCASM = compilePhrases(SARCASM_CUES);
const URGENCY = compilePhrases(URGENCY_CUES);

registerKnownWords([
  ...SCORED_INTENTS.flatMap((intent) => INTENT_CUES[intent].flatMap(([, phrases]) => phraseWords(phrases))),
  ...phraseWords(RESOLUTION_CUES),
  ...phraseWords(URGENCY_CUES),
  ...SENTIMENT_LEXICON.keys(),
  ...NEGATORS,
]);

/** Score `other` must beat: below it nothing in the post asks anything of the brand. */
const OTHER_FLOOR = 1.4;
const SECOND_PERSON = new Set(['vous', 'votre', 'vos', 'you', 'your', 'tu', 'ton', 'ta', 'tes', 'te', 'toi']);
const GREETINGS = new Set(['bonjour', 'salut', 'bonsoir', 'coucou', 'hello', 'hi', 'hey', 'dear', 'yo']);
const CASHTAG = /\$[A-Z]{3,}\b/u;
const MONEY_AMOUNT = /[$€£]\s?\d[\d,.]{2,}|\d[\d,.]{2,}\s?[$€£]/u;
const PRAISE_CLOSERS = [
  'super',
  'genial',
  'great',
  'brilliant',
  'bravo',
  'parfait',
  'perfect',
  'top',
  'nice',
  'cool',
  'merci',
  'thanks',
];

type CueHits = Record<ScoredIntent, { score: number; phrases: string[] }>;

function matchCues(padded: string): CueHits {
  const hits = {} as CueHits;
  for (const intent of SCORED_INTENTS) {
    let score = 0;
    const phrases: string[] = [];
    for (const group of COMPILED_CUES[intent]) {
      const found = findPhrases(padded, group.phrases);
      // Diminishing returns: the first cue of a group counts fully, the next ones half.
      found.forEach((_phrase, index) => {
        score += index === 0 ? group.weight : group.weight * 0.5;
      });
      phrases.push(...found);
    }
    hits[intent] = { score, phrases };
  }
  return hits;
}

function isAddressedToBrand(params: {
  input: TriagePostInput;
  text: NormalisedText;
  original: string;
}): boolean {
  const { input, text, original } = params;
  if (input.isDirectMessage === true) return true;
  const handle = input.brandHandle?.replace(/^@/u, '').toLowerCase();
  const firstWords = original
    .replace(/^\s*RT\s+@\w+\s*:\s*/u, '')
    .trim()
    .split(/\s+/u);
  const startsWithMention =
    (firstWords[0] ?? '').startsWith('@') ||
    (GREETINGS.has(foldWord(firstWords[0])) && (firstWords[1] ?? '').startsWith('@'));
  if (startsWithMention && (handle === undefined || text.mentions.includes(handle))) return true;
  return text.tokens.some((token) => SECOND_PERSON.has(token));
}

function startsByAddressing(params: { input: TriagePostInput; text: NormalisedText }): boolean {
  const { input, text } = params;
  if (input.isDirectMessage === true) return true;
  const handle = input.brandHandle?.replace(/^@/u, '').toLowerCase();
  const firstWords = input.text.trim().split(/\s+/u);
  const first = firstWords[0] ?? '';
  const isMentionFirst =
    first.startsWith('@') || (GREETINGS.has(foldWord(first)) && (firstWords[1] ?? '').startsWith('@'));
  return isMentionFirst && !text.isRetweet && (handle === undefined || text.mentions.includes(handle));
}

function foldWord(word: string | undefined): string {
  return (word ?? '').toLowerCase().replace(/[^a-z]/gu, '');
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Triage one post. Pure and synchronous (tens of thousands of posts per second); no I/O, no clock.
 *
 * @example triagePost({ text: '@Telivo_FR plus de réseau depuis ce matin 😡' })
 *   // → { language: 'fr', intent: 'outage_report', needsReply: true, sentiment: 'negative', ... }
 */
export function triagePost(input: TriagePostInput): TriageResult {
  const text = normaliseText(input.text);
  const reasons: string[] = [];
  const languageGuess = detectLanguage(text);
  reasons.push(languageGuess.reason);

  const hits = matchCues(text.padded);
  const isAddressed = isAddressedToBrand({ input, text, original: input.text });
  const sarcasmWords = findPhrases(text.padded, SARCASM);
  const hasSarcasmEmoji = text.emojis.some((emoji) => SARCASM_EMOJIS.has(emoji));
  const problemScore = hits.outage_report.score + hits.complaint.score;
  // Praise words next to a problem ("génial, encore une panne 🙃", "thanks for charging me £60 🙄").
  // An eye-roll emoji after praise words is irony on its own ("Chapeau 🙄"); sarcastic words need a problem too.
  // A lone praise word closing a post about a problem ("… to be told to call back monday. brilliant.") is irony too.
  const lastWords = text.tokens.slice(-2).join(' ');
  const endsOnPraise = PRAISE_CLOSERS.some((word) => lastWords.endsWith(word)) && text.tokens.length >= 6;
  const isSarcastic =
    hits.praise.score > 0 &&
    (hasSarcasmEmoji || (problemScore >= 1.5 && (sarcasmWords.length > 0 || endsOnPraise))) &&
    findPhrases(text.padded, RESOLUTION).length === 0;
  const sentiment = scoreSentiment({ text, isSarcastic });
  if (isSarcastic) reasons.push('sarcasm: praise words around a problem');

  const scores: Record<ScoredIntent, number> = {
    complaint: hits.complaint.score,
    question: hits.question.score,
    outage_report: hits.outage_report.score,
    request: hits.request.score,
    praise: isSarcastic ? 0 : hits.praise.score,
    spam: hits.spam.score,
  };

  // Structure: question marks, links, cashtags, direct address.
  if (text.questionMarkCount > 0) scores.question += isAddressed ? 1.6 : 0.8;
  if (scores.spam > 0) {
    if (text.urlCount > 0) scores.spam += 1.5;
    if (!isAddressed || text.mentions.length > 1) scores.spam += 0.5;
  }
  if (CASHTAG.test(input.text)) scores.spam += 2.5;
  // Money promises next to a link ('gagnez 4000€ 👉 https://…').
  if (text.urlCount > 0 && MONEY_AMOUNT.test(input.text) && scores.spam > 0) scores.spam += 1.5;
  if (
    text.urlCount > 0 &&
    text.emojis.some((emoji) => emoji === '👉' || emoji === '➡' || emoji === '🔥' || emoji === '🎁')
  )
    scores.spam += 1;
  // A negative post addressed to the brand complains even without a grievance word.
  if (isAddressed && sentiment.negative <= -2) scores.complaint += Math.min(2, -sentiment.negative * 0.35);
  if (isSarcastic) scores.complaint += 1;
  // Thanks/praise with positive words and no problem.
  if (sentiment.positive >= 2 && sentiment.negative > -2)
    scores.praise += Math.min(1.5, sentiment.positive * 0.3);
  // "Can you…?" is a request, not a question; "Why…?" in an angry post is a complaint.
  if (scores.request >= 2 && scores.question > 0) scores.question -= 0.8;
  if (scores.outage_report >= 2.5 && scores.question > 0) scores.question -= 1;
  if (sentiment.negative <= -3 && scores.question > 0 && scores.complaint >= 1.5) scores.question -= 1;
  // Requests to refund or cancel are requests even though they mention money: the verb decides.
  if (scores.request >= 2 && scores.complaint > 0 && sentiment.negative > -3) scores.complaint -= 0.8;
  // Thanks that close a case: praise beats the problem words they repeat ("le courant est revenu").
  const resolution = findPhrases(text.padded, RESOLUTION);
  if (resolution.length > 0 && hits.praise.score > 0 && text.questionMarkCount === 0) {
    scores.praise += 2;
    reasons.push(`resolution words: ${resolution.join(', ')}`);
  }

  const ranked = [...SCORED_INTENTS].sort((left, right) => scores[right] - scores[left]);
  const top = ranked[0] ?? 'complaint';
  const runnerUp = ranked[1] ?? 'question';
  let intent: TriageIntent = scores[top] >= OTHER_FLOOR ? top : 'other';
  if (intent === 'spam' && scores.spam < 3) intent = scores[runnerUp] >= OTHER_FLOOR ? runnerUp : 'other';
  // Asymmetric cost: a customer who writes to the brand and gets no answer is worse than an agent glancing at
  // a post that needed none. A post that starts by addressing the brand, says something (5+ words) and shows
  // no praise, spam or resolution signal is treated as a low-confidence complaint so it reaches an agent.
  const isFallbackComplaint =
    intent === 'other' &&
    startsByAddressing({ input, text }) &&
    text.tokens.length >= 5 &&
    sentiment.positive < 2 &&
    scores.spam < 1;
  if (isFallbackComplaint) {
    intent = 'complaint';
    reasons.push('addressed to the brand with no clear cue: treated as a complaint so that it gets a reply');
  }
  const winnerScore = intent === 'other' ? OTHER_FLOOR : scores[intent as ScoredIntent];
  const secondScore =
    intent === 'other'
      ? scores[top]
      : Math.max(
          OTHER_FLOOR,
          ...SCORED_INTENTS.filter((candidate) => candidate !== intent).map((candidate) => scores[candidate]),
        );
  const confidence = round(
    Math.min(0.99, Math.max(0.05, 1 - Math.exp(-Math.max(0, winnerScore - secondScore) - 0.1))),
  );
  const cuePhrases = intent === 'other' ? [] : hits[intent as ScoredIntent].phrases.slice(0, 4);
  reasons.push(
    intent === 'other'
      ? 'intent other: no complaint, question, request, outage, praise or spam signal'
      : `intent ${intent}${cuePhrases.length > 0 ? `: ${cuePhrases.map((phrase) => `"${phrase}"`).join(', ')}` : ''}`,
  );

  const finalSentiment = reconcileSentiment({ intent, sentiment, text });
  const needsReply = decideNeedsReply({ input, text, intent, isAddressed, reasons });
  const urgencyWords = findPhrases(text.padded, URGENCY);

  return {
    language: languageGuess.language,
    needsReply,
    intent,
    sentiment: finalSentiment,
    confidence,
    urgencyWords,
    reasons,
  };
}

function reconcileSentiment(params: {
  intent: TriageIntent;
  sentiment: SentimentScore;
  text: NormalisedText;
}): TriageSentiment {
  const { intent, sentiment, text } = params;
  const net = sentiment.positive + sentiment.negative;
  switch (intent) {
    case 'complaint':
      return net >= 3 ? 'positive' : 'negative';
    case 'outage_report': {
      // "Y a une panne ?" asks; "plus de réseau depuis ce matin 😡" vents.
      const isInquiry =
        text.questionMarkCount > 0 &&
        sentiment.negative > -4.5 &&
        !/ (depuis|since|toujours|still|encore|again|jours|days|week|semaine|impossible) /u.test(text.padded);
      return isInquiry ? 'neutral' : 'negative';
    }
    case 'question':
    case 'request':
      if (net <= -3 || sentiment.negative <= -4) return 'negative';
      return net >= 3 ? 'positive' : 'neutral';
    case 'praise':
      return net < -1 ? 'neutral' : 'positive';
    case 'spam':
      return 'neutral';
    case 'other':
      if (net <= -2) return 'negative';
      return net >= 2 ? 'positive' : 'neutral';
    default:
      return assertNever(intent);
  }
}

function decideNeedsReply(params: {
  input: TriagePostInput;
  text: NormalisedText;
  intent: TriageIntent;
  isAddressed: boolean;
  reasons: string[];
}): boolean {
  const { input, text, intent, reasons } = params;
  if (input.isRetweet === true || text.isRetweet) {
    reasons.push('no reply: plain retweet');
    return false;
  }
  if (input.isPassingMention === true) {
    reasons.push('no reply: the brand is only mentioned in passing');
    return false;
  }
  if (!INTENTS_NEEDING_REPLY.includes(intent)) {
    reasons.push(
      `no reply: ${intent === 'praise' ? 'thanks or praise' : intent === 'spam' ? 'spam' : 'nothing asked of the brand'}`,
    );
    return false;
  }
  if (input.isReplyInResolvedConversation === true)
    reasons.push(`reply: new ${intent} after the case was resolved`);
  else reasons.push(`reply: ${intent.replace('_', ' ')}`);
  return true;
}
