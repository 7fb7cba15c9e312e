import { type DomainError, isDomainError } from '@vigie/kernel';
import { decodeInboxCursor, encodeInboxCursor, searchTsquery, sortOf } from './inbox-query';

function caught(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('inbox view order', () => {
  it.each([
    ['at_risk', 'due'],
    ['breached', 'due'],
    ['mine', 'activity'],
    ['unassigned', 'activity'],
    ['team', 'activity'],
    ['pending', 'activity'],
    ['snoozed', 'activity'],
    ['resolved', 'activity'],
    ['all', 'activity'],
  ] as const)('sorts %s by %s', (view, sort) => {
    expect(sortOf(view)).toBe(sort);
  });
});

describe('inbox cursors', () => {
  const cursor = { sortAt: new Date('2026-11-18T09:15:00.123Z'), id: '0b7e2c6a-5d7f-4c1e-9a8b-3f2d1e0c9b8a' };

  it.each(['activity', 'due'] as const)('round-trips a %s cursor', (sort) => {
    expect(decodeInboxCursor(encodeInboxCursor(sort, cursor), sort)).toEqual(cursor);
  });

  it('refuses a cursor of another order, saying so', () => {
    expect(caught(() => decodeInboxCursor(encodeInboxCursor('due', cursor), 'activity')).message).toContain(
      'sorted by due, not by activity',
    );
  });

  it.each([
    'bogus',
    '',
    Buffer.from('activity|not-a-date|0b7e2c6a-5d7f-4c1e-9a8b-3f2d1e0c9b8a').toString('base64url'),
    Buffer.from('activity|2026-11-18T09:15:00Z|not-an-id').toString('base64url'),
    Buffer.from('activity|2026-11-18T09:15:00Z|0b7e2c6a-5d7f-4c1e-9a8b-3f2d1e0c9b8a|x').toString('base64url'),
  ])('refuses %p as a cursor the API did not give', (value) => {
    const error = caught(() => decodeInboxCursor(value, 'activity'));
    expect(error).toMatchObject({ code: 'invalid' });
  });
});

describe('searchTsquery', () => {
  it.each([
    ['réseau', 'réseau:*'],
    ['  Réseau   COUPÉ ', 'réseau:* & coupé:*'],
    ['client_fidele', 'client:* & fidele:*'],
    ['@VigieTelecom 4G', 'vigietelecom:* & 4g:*'],
    ["l'appli plante", 'appli:* & plante:*'],
    ['panne panne PANNE', 'panne:*'],
    // Decomposed accents (e + U+0301) are composed first: one word, not two.
    ['re\u0301seau', 'réseau:*'],
    ['a b cd', 'cd:*'],
    [
      '1 2 3 4 5 6 7 8 9 aa bb cc dd ee ff gg hh ii jj',
      'aa:* & bb:* & cc:* & dd:* & ee:* & ff:* & gg:* & hh:*',
    ],
  ])('turns %p into %p', (text, expected) => {
    expect(searchTsquery(text)).toBe(expected);
  });

  it.each(["') OR 1=1 --", '<img src=x onerror=alert(1)>', "ab:* | !cd & 'ef'"])(
    'keeps only words from hostile text %p',
    (text) => {
      expect(searchTsquery(text)).toMatch(/^[\p{L}\p{N}]+:\*( & [\p{L}\p{N}]+:\*)*$/u);
    },
  );

  it.each(['', '   ', '!!!', 'a b c', ':* & |'])('refuses %p: no word to look for', (text) => {
    expect(caught(() => searchTsquery(text)).message).toBe(
      'q must hold a word of at least two letters or digits.',
    );
  });
});
