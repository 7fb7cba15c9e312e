import type { InboundMessage } from '@vigie/inbox-core';
import type { AccountRef, NormaliseOutcome } from '../normalise-outcome.type';
import { isObject, problemReason } from './payload-reader';

/** An X inbound message for the account (not a passing mention unless the fields say so). */
export function xItem(
  account: AccountRef,
  fields: Omit<
    InboundMessage,
    'channel' | 'brandId' | 'channelAccountId' | 'accountHandle' | 'isPassingMention'
  > & { isPassingMention?: boolean },
): NormaliseOutcome {
  return {
    outcome: 'item',
    item: {
      channel: 'x',
      brandId: account.brandId,
      channelAccountId: account.channelAccountId,
      accountHandle: account.handle,
      ...fields,
      isPassingMention: fields.isPassingMention ?? false,
    },
  };
}

const leadingMentions = /^(?:\s*@\w+)+/u;

/**
 * Whether a reply only tags the account along: it answers another user, not the account nor the author's own
 * thread (X then prefixes every participant, the account included), and its own words, after that prefix,
 * never name the account.
 */
export function isPassingMention(params: {
  text: string;
  account: AccountRef;
  authorId: string;
  repliesToUserId: string | null;
}): boolean {
  const { repliesToUserId } = params;
  const isToSomeoneElse =
    repliesToUserId !== null &&
    repliesToUserId !== params.account.externalUserId &&
    repliesToUserId !== params.authorId;
  if (!isToSomeoneElse) return false;
  const body = params.text.replace(leadingMentions, '').toLowerCase();
  const handle = params.account.handle.toLowerCase();
  return !new RegExp(`@${handle}(?![a-z0-9_])`, 'u').test(body);
}

/** Runs a normaliser; a payload problem becomes a dead letter with its reason and the raw payload. */
export function orDeadLetter(raw: unknown, normalise: () => NormaliseOutcome): NormaliseOutcome {
  try {
    return normalise();
  } catch (error) {
    const reason = problemReason(error);
    if (reason === undefined) throw error;
    return { outcome: 'dead_letter', reason, raw };
  }
}

/** One entry of a v2 page with its own slice of the page's includes (its author only). */
export type PageEntry = { entry: unknown; includes: { users: unknown[] }; raw: unknown };

/**
 * A v2 page `{data: [...], includes, meta}`: one outcome per kept entry. Each entry is stored with its own
 * slice of the includes (its author), not the whole page. No `data` means an empty page.
 */
export function normaliseXPage(params: {
  page: unknown;
  authorField: 'author_id' | 'sender_id';
  isKept?: (entry: unknown) => boolean;
  normalise: (entry: PageEntry) => NormaliseOutcome;
}): NormaliseOutcome[] {
  const { page } = params;
  if (!isObject(page)) return [{ outcome: 'dead_letter', reason: 'invalid_field:page', raw: page }];
  const entries = page['data'];
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) return [{ outcome: 'dead_letter', reason: 'invalid_field:data', raw: page }];
  const includes = isObject(page['includes']) ? page['includes'] : {};
  const usersById = new Map<unknown, unknown>();
  for (const user of Array.isArray(includes['users']) ? includes['users'] : []) {
    if (isObject(user)) usersById.set(user['id'], user);
  }
  return entries
    .filter((entry) => params.isKept?.(entry) ?? true)
    .map((entry) => {
      const author = isObject(entry) ? usersById.get(entry[params.authorField]) : undefined;
      const ownIncludes = { users: author === undefined ? [] : [author] };
      return params.normalise({ entry, includes: ownIncludes, raw: { data: entry, includes: ownIncludes } });
    });
}
