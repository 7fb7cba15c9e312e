import { type RenderedCannedAnswer } from '@vigie/contracts';

/** Where the `/` that opened the picker is, and what was typed after it. */
export type SlashQuery = { start: number; end: number; query: string };

/**
 * The picker opens on a `/` typed at the start of the reply or after a space or a line break, and follows what
 * is typed after it up to the caret (no space: a space closes it). `https://` or `1/2` never open it.
 */
export function slashQueryAt(text: string, caret: number): SlashQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([^\s/]{0,40})$/u.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, end: caret, query };
}

/** Lower case, accents off: "Réseau" finds "reseau" and the other way round. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/**
 * The answers matching what was typed after `/`, best first: the exact shortcut, a shortcut starting with it,
 * a title word starting with it, then every word in the title, then in the text. An empty query keeps the API's
 * order (the customer's language first). At most `limit`.
 */
export function matchCannedAnswers(
  items: readonly RenderedCannedAnswer[],
  query: string,
  limit = 8,
): RenderedCannedAnswer[] {
  const folded = foldForSearch(query.trim());
  if (folded === '') return items.slice(0, limit);
  const words = folded.split(/[\s_-]+/u).filter(Boolean);
  const rank = (item: RenderedCannedAnswer): number | null => {
    const shortcut = item.shortcut ? foldForSearch(item.shortcut) : '';
    const title = foldForSearch(item.title);
    if (shortcut === folded) return 0;
    if (shortcut && shortcut.startsWith(folded)) return 1;
    if (title.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(folded))) return 2;
    if (words.every((word) => title.includes(word))) return 3;
    const text = foldForSearch(item.text);
    if (words.every((word) => text.includes(word))) return 4;
    return null;
  };
  return items
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .filter(
      (entry): entry is { item: RenderedCannedAnswer; index: number; rank: number } => entry.rank !== null,
    )
    .sort((left, right) => left.rank - right.rank || left.index - right.index)
    .slice(0, limit)
    .map((entry) => entry.item);
}

/** The reply with the `/query` replaced by the answer's text, and where the caret goes (after it). */
export function insertCannedText(
  text: string,
  slash: Pick<SlashQuery, 'start' | 'end'>,
  insert: string,
): { text: string; caret: number } {
  const before = text.slice(0, slash.start);
  const after = text.slice(slash.end);
  return { text: `${before}${insert}${after}`, caret: before.length + insert.length };
}

/** The next option with the arrows, wrapping around. */
export function moveActive(index: number, count: number, step: 1 | -1): number {
  if (count === 0) return 0;
  return (index + step + count) % count;
}
