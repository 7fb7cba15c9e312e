import type { SpikeBulkAnswerTexts } from '@vigie/contracts';

export const bulkAnswerLanguages = ['fr', 'en'] as const;
export type BulkAnswerLanguage = (typeof bulkAnswerLanguages)[number];

const isBulkAnswerLanguage = (language: string): language is BulkAnswerLanguage =>
  (bulkAnswerLanguages as readonly string[]).includes(language);

/**
 * The variant a conversation gets: the customer's language when the answer has it, else the brand's default,
 * else the first variant written (French, then English). Languages are compared on their primary subtag
 * (`fr-CA` reads as `fr`); null when the answer has no text at all.
 */
export function pickBulkAnswerText(params: {
  texts: SpikeBulkAnswerTexts;
  language: string | null;
  brandLanguage: string;
}): { language: BulkAnswerLanguage; text: string } | null {
  const candidates = [params.language, params.brandLanguage, ...bulkAnswerLanguages];
  for (const candidate of candidates) {
    const language = candidate?.toLowerCase().split(/[-_]/)[0] ?? '';
    if (!isBulkAnswerLanguage(language)) continue;
    const text = params.texts[language];
    if (text !== undefined && text.trim() !== '') return { language, text };
  }
  return null;
}

/** X handles are at most 15 characters: the room a public reply keeps for `@handle `. */
export const longestHandlePrefix = `@${'x'.repeat(15)} `;

/**
 * The text a conversation receives. A public reply starts with the customer's `@handle`: X refuses the same
 * text posted twice by one account (duplicate content), so each customer's reply must differ from the others'.
 */
export function personalisedText(params: {
  text: string;
  kind: 'public_thread' | 'direct_message';
  handle: string | null;
}): string {
  return params.kind === 'public_thread' && params.handle ? `@${params.handle} ${params.text}` : params.text;
}
