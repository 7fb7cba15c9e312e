/** What duplicate detection compares: the contact's name and its identities. */
export type DuplicateCandidate = {
  contactId: string;
  displayName: string | null;
  identities: { channel: string; externalUserId: string; handle: string | null }[];
};

/** Lower-case, accents and punctuation removed, spaces collapsed ("Élodie  Durand!" → "elodie durand"). */
export function normaliseName(name: string | null): string {
  return (name ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * How likely two contacts are the same person, 0..1, with the reasons an agent sees. A shared e-mail, phone or
 * external CRM id is near-certain; the same full name counts less and a similar handle less again. Only ever a
 * suggestion: merging stays a human decision (docs/adr/0302).
 */
export function scoreDuplicate(
  left: DuplicateCandidate,
  right: DuplicateCandidate,
): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;
  const keys = (candidate: DuplicateCandidate) =>
    new Set(
      candidate.identities
        .filter((identity) => identity.channel !== 'x')
        .map((identity) => `${identity.channel}:${identity.externalUserId}`),
    );
  const rightKeys = keys(right);
  for (const key of keys(left)) {
    if (rightKeys.has(key)) {
      reasons.push(`same ${key.slice(0, key.indexOf(':'))}`);
      score = Math.max(score, 0.95);
    }
  }
  const leftName = normaliseName(left.displayName);
  if (leftName.includes(' ') && leftName === normaliseName(right.displayName)) {
    reasons.push('same full name');
    score = Math.min(1, score + 0.5);
  }
  const handles = (candidate: DuplicateCandidate) =>
    candidate.identities.map((identity) => normaliseName(identity.handle).replace(/[\s\d]+/g, ''));
  const rightHandles = new Set(handles(right).filter((handle) => handle.length >= 4));
  if (handles(left).some((handle) => rightHandles.has(handle))) {
    reasons.push('similar handle');
    score = Math.min(1, score + 0.3);
  }
  return { score: Math.round(score * 100) / 100, reasons };
}
