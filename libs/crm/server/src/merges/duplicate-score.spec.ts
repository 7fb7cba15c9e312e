import { type DuplicateCandidate, normaliseName, scoreDuplicate } from './duplicate-score';

const candidate = (
  displayName: string | null,
  identities: DuplicateCandidate['identities'] = [],
): DuplicateCandidate => ({ contactId: displayName ?? 'none', displayName, identities });
const x = (handle: string, id = handle) => ({ channel: 'x', externalUserId: id, handle });

describe('scoreDuplicate', () => {
  it('is near-certain on a shared e-mail', () => {
    const email = { channel: 'email', externalUserId: 'jane@example.com', handle: null };
    expect(scoreDuplicate(candidate('Jane', [email]), candidate('J.', [email]))).toEqual({
      score: 0.95,
      reasons: ['same email'],
    });
  });

  it('adds the same full name (accents and case ignored) and a similar handle', () => {
    expect(
      scoreDuplicate(
        candidate('Élodie Durand', [x('elodie_durand', '1')]),
        candidate('elodie DURAND', [x('ElodieDurand75', '2')]),
      ),
    ).toEqual({ score: 0.8, reasons: ['same full name', 'similar handle'] });
  });

  it.each([
    ['single first names', candidate('Marie'), candidate('marie')],
    ['different people', candidate('Jane Doe', [x('jane', '1')]), candidate('John Roe', [x('john', '2')])],
    ['short handles', candidate(null, [x('ab1', '1')]), candidate(null, [x('ab2', '2')])],
    ['no names at all', candidate(null), candidate(null)],
  ])('scores zero for %s', (_label, left, right) => {
    expect(scoreDuplicate(left, right).score).toBe(0);
  });

  it('normalises names for comparison', () => {
    expect(normaliseName('  Élodie   Durand! ')).toBe('elodie durand');
  });
});
