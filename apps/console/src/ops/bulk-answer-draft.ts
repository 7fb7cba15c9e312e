import { type SpikeBulkAnswerTexts } from '@vigie/contracts';
import { replyLength } from '../conversation/reply-rules';

export const bulkAnswerLanguages = ['fr', 'en'] as const;
export type BulkAnswerLanguage = (typeof bulkAnswerLanguages)[number];

/** Each public reply starts with the customer's `@handle `: X handles are at most 15 characters. */
const handleRoom = `@${'x'.repeat(15)} `;

export type VariantCheck = { used: number; max: number; isEmpty: boolean; isTooLong: boolean };

/** A variant's length as X will count it, with the room the API keeps for the longest `@handle `. */
export function checkVariant(text: string): VariantCheck {
  const isEmpty = text.trim() === '';
  const length = replyLength(`${handleRoom}${text}`, 'public_reply');
  const room = handleRoom.length;
  return {
    used: isEmpty ? 0 : length.used - room,
    max: length.max - room,
    isEmpty,
    isTooLong: !isEmpty && !length.isValid,
  };
}

/** The texts to send: the variants written (blank ones left out); null when none can go as they are. */
export function answerTexts(draft: Record<BulkAnswerLanguage, string>): SpikeBulkAnswerTexts | null {
  const texts: SpikeBulkAnswerTexts = {};
  for (const language of bulkAnswerLanguages) {
    const check = checkVariant(draft[language]);
    if (check.isTooLong) return null;
    if (!check.isEmpty) texts[language] = draft[language];
  }
  return Object.keys(texts).length > 0 ? texts : null;
}

/**
 * A request key for one send (the API sends nothing more when the same key comes again, e.g. a retry after a
 * timeout). `getRandomValues` works on plain http too, unlike `randomUUID`.
 */
export function newRequestKey(
  randomBytes: () => Uint8Array = () => crypto.getRandomValues(new Uint8Array(16)),
): string {
  return `ops-${[...randomBytes()].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
