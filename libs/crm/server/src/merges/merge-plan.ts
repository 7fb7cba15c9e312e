import { DomainError } from '@vigie/kernel';

/** The contact fields a merge may fill on the survivor (everything else stays on the merged contact). */
export type MergeableContact = {
  id: string;
  displayName: string | null;
  language: string | null;
  accountId: string | null;
  attributes: Record<string, string>;
  tags: string[];
  mergedIntoId: string | null;
  erasedAt: Date | null;
};

type Fields = Pick<MergeableContact, 'displayName' | 'language' | 'accountId' | 'attributes' | 'tags'>;

/** What the merge changed on the survivor, before and after: stored with the merge so undo can revert it. */
export type SurvivorChanges = { before: Partial<Fields>; after: Partial<Fields> };

const sameValue = (left: unknown, right: unknown): boolean => JSON.stringify(left) === JSON.stringify(right);

/**
 * Plans merging `merged` into `survivor`. Nothing is moved: the merged contact becomes an alias of the survivor
 * (its identities, conversations and notes keep their contact id and are read through the survivor), so undo
 * only has to clear the alias. The survivor keeps its own values; empty ones are filled from the merged contact
 * (name, language, account), missing attribute keys are added and tags are united.
 * @throws DomainError `invalid` when merging a contact into itself; `conflict` when either side is already
 * merged or erased.
 */
export function planMerge(params: { survivor: MergeableContact; merged: MergeableContact }): SurvivorChanges {
  const { survivor, merged } = params;
  if (survivor.id === merged.id) {
    throw new DomainError({ code: 'invalid', message: 'A contact cannot be merged into itself.' });
  }
  for (const contact of [survivor, merged]) {
    if (contact.mergedIntoId !== null) {
      throw new DomainError({
        code: 'conflict',
        message: `Contact ${contact.id} is already merged into ${contact.mergedIntoId}; merge into or from that contact.`,
        details: { reason: 'already_merged', mergedIntoId: contact.mergedIntoId },
      });
    }
    if (contact.erasedAt !== null) {
      throw new DomainError({
        code: 'conflict',
        message: `Contact ${contact.id} was erased and cannot be merged.`,
        details: { reason: 'erased' },
      });
    }
  }
  const target: Fields = {
    displayName: survivor.displayName ?? merged.displayName,
    language: survivor.language ?? merged.language,
    accountId: survivor.accountId ?? merged.accountId,
    attributes: { ...merged.attributes, ...survivor.attributes },
    tags: [...new Set([...survivor.tags, ...merged.tags])],
  };
  const changes: SurvivorChanges = { before: {}, after: {} };
  for (const key of Object.keys(target) as (keyof Fields)[]) {
    if (!sameValue(survivor[key], target[key])) {
      Object.assign(changes.before, { [key]: survivor[key] });
      Object.assign(changes.after, { [key]: target[key] });
    }
  }
  return changes;
}

/**
 * What undoing a merge writes back on the survivor: each field the merge filled returns to its earlier value,
 * unless someone changed it since (then the later edit wins and the field is left alone).
 */
export function planUndo(params: {
  survivorNow: MergeableContact;
  changes: SurvivorChanges;
}): Partial<Fields> {
  const revert: Partial<Fields> = {};
  for (const key of Object.keys(params.changes.after) as (keyof Fields)[]) {
    if (sameValue(params.survivorNow[key], params.changes.after[key])) {
      Object.assign(revert, { [key]: params.changes.before[key] });
    }
  }
  return revert;
}
