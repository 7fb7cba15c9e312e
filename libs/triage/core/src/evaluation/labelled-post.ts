/**
 * The labelled-post format of the bench and the tests: one JSON object a line,
 * `{"id", "lang": "fr"|"en", "text", "needs_reply", "intent", "sentiment"}`; extra fields are ignored.
 */
import { TRIAGE_INTENTS, TRIAGE_SENTIMENTS, type TriageIntent, type TriageSentiment } from '../triage.types';

export type LabelledPost = {
  readonly id: string;
  readonly language: 'fr' | 'en';
  readonly text: string;
  readonly needsReply: boolean;
  readonly intent: TriageIntent;
  readonly sentiment: TriageSentiment;
};

export type ParsedLine = { readonly post: LabelledPost } | { readonly error: string };

/** Parse one JSONL line; returns an error message (never throws) for a malformed line. */
export function parseLabelledLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: 'not a JSON object' };
  const record = value as Record<string, unknown>;
  const id = record['id'];
  if (typeof id !== 'string' && typeof id !== 'number') return { error: '"id" missing' };
  const language = record['lang'];
  if (language !== 'fr' && language !== 'en')
    return { error: `"lang" must be "fr" or "en" (got ${JSON.stringify(language)})` };
  const text = record['text'];
  if (typeof text !== 'string' || text.trim().length === 0)
    return { error: '"text" must be a non-empty string' };
  const needsReply = record['needs_reply'];
  if (typeof needsReply !== 'boolean') return { error: '"needs_reply" must be true or false' };
  const intent = record['intent'];
  if (!TRIAGE_INTENTS.includes(intent as TriageIntent))
    return { error: `"intent" ${JSON.stringify(intent)} is not one of ${TRIAGE_INTENTS.join(', ')}` };
  const sentiment = record['sentiment'];
  if (!TRIAGE_SENTIMENTS.includes(sentiment as TriageSentiment))
    return {
      error: `"sentiment" ${JSON.stringify(sentiment)} is not one of ${TRIAGE_SENTIMENTS.join(', ')}`,
    };
  return {
    post: {
      id: String(id),
      language,
      text,
      needsReply,
      intent: intent as TriageIntent,
      sentiment: sentiment as TriageSentiment,
    },
  };
}

export type ParsedFile = {
  readonly posts: readonly LabelledPost[];
  readonly errors: readonly { readonly lineNumber: number; readonly error: string }[];
};

/** Parse a whole JSONL text; blank lines are skipped silently, malformed ones are reported. */
export function parseLabelledJsonl(content: string): ParsedFile {
  const posts: LabelledPost[] = [];
  const errors: { lineNumber: number; error: string }[] = [];
  content.split(/\r?\n/u).forEach((line, index) => {
    if (line.trim().length === 0) return;
    const parsed = parseLabelledLine(line);
    if ('post' in parsed) posts.push(parsed.post);
    else errors.push({ lineNumber: index + 1, error: parsed.error });
  });
  return { posts, errors };
}
