import { type ContactMergeView, type CustomerPicture, type Role } from '@vigie/contracts';
import { identityLabel } from './customer-panel';

/** Merging and undoing are a supervisor's decision (ADR 0302): the API answers 403 to agents and ops. */
export function canMerge(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** Duplicate searches are open to those who may act on contacts (the API's roles). */
export function canSeeDuplicates(role: Role): boolean {
  return role === 'agent' || role === 'supervisor' || role === 'admin';
}

/**
 * The merges that hold this customer together and can still be undone (not undone yet, survivor inside the
 * group), newest first: with chains (M into S, then S into T) each one is listed, and undone in any order.
 */
export function undoableMerges(picture: CustomerPicture): ContactMergeView[] {
  const group = new Set([picture.id, ...picture.mergedContactIds]);
  return picture.merges
    .filter((merge) => merge.undoneAt === null && group.has(merge.survivorId) && group.has(merge.mergedId))
    .sort((left, right) => right.mergedAt.localeCompare(left.mergedAt));
}

/**
 * How to name a contact of the group when the picture has no name for it (merged contacts keep their own
 * identities): its first X handle, else its first identity, else null.
 */
export function groupContactLabel(picture: CustomerPicture, contactId: string): string | null {
  const own = picture.identities.filter((identity) => identity.contactId === contactId);
  const preferred = own.find((identity) => identity.channel === 'x' && identity.handle) ?? own[0];
  return preferred ? identityLabel(preferred) : null;
}

/** The i18n keys of the duplicate reasons the API gives (`scoreDuplicate`); others are shown as sent. */
export type DuplicateReasonKey = 'sameEmail' | 'samePhone' | 'sameCrm' | 'sameFullName' | 'similarHandle';

const reasonKeys: Record<string, DuplicateReasonKey> = {
  'same email': 'sameEmail',
  'same phone': 'samePhone',
  'same crm': 'sameCrm',
  'same full name': 'sameFullName',
  'similar handle': 'similarHandle',
};

/** A duplicate reason to translate, or the API's own words when it is not one the console knows. */
export function duplicateReason(reason: string): { key: DuplicateReasonKey } | { text: string } {
  const key = reasonKeys[reason];
  return key ? { key } : { text: reason };
}

/** A score (0..1) as a whole percentage: "87 %" reads better than 0.87 beside a name. */
export function scorePercent(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 100);
}
