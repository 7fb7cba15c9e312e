import type { InboxSort, InboxView } from '@vigie/contracts';
import { assertNever, DomainError } from '@vigie/kernel';

/** How each view is ordered (docs/adr/0501): the SLA views by due time, the others by last activity. */
export function sortOf(view: InboxView): InboxSort {
  switch (view) {
    case 'at_risk':
    case 'breached':
      return 'due';
    case 'mine':
    case 'unassigned':
    case 'team':
    case 'pending':
    case 'snoozed':
    case 'resolved':
    case 'all':
      return 'activity';
    default:
      return assertNever(view, 'Unknown inbox view');
  }
}

/** A page's last row: the value of the sort key and the id that breaks ties. */
export type InboxCursor = { sortAt: Date; id: string };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients: base64url of `<sort>|<sort key ISO>|<id>`; the sort is kept so a cursor serves one order. */
export function encodeInboxCursor(sort: InboxSort, cursor: InboxCursor): string {
  return Buffer.from(`${sort}|${cursor.sortAt.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeInboxCursor(value: string, sort: InboxSort): InboxCursor {
  const [cursorSort, iso, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const sortAt = new Date(iso ?? '');
  if (rest.length > 0 || !id || !uuidPattern.test(id) || Number.isNaN(sortAt.getTime()))
    throw new DomainError({ code: 'invalid', message: 'This cursor is not one the API gave.' });
  if (cursorSort !== sort)
    throw new DomainError({
      code: 'invalid',
      message: `This cursor belongs to a list sorted by ${String(cursorSort)}, not by ${sort}: start again without it.`,
    });
  return { sortAt, id };
}

const maxSearchTerms = 8;
const minTermLength = 2;

/**
 * The words of a search, as text-search prefixes joined by AND: `réseau coupé` → `réseau:* & coupé:*`. Only
 * letters and digits make words (so nothing the user types reaches tsquery syntax); words of one character are
 * left out; at most 8. Accents and case are folded by the database (`vigie_search_fold`), on both sides.
 *
 * @throws DomainError 'invalid' when no word of at least two letters or digits is left.
 */
export function searchTsquery(text: string): string {
  const words = (text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (word) => [...word].length >= minTermLength,
  );
  const unique = [...new Set(words.map((word) => word.toLowerCase()))].slice(0, maxSearchTerms);
  if (unique.length === 0)
    throw new DomainError({
      code: 'invalid',
      message: 'q must hold a word of at least two letters or digits.',
    });
  return unique.map((word) => `${word}:*`).join(' & ');
}
