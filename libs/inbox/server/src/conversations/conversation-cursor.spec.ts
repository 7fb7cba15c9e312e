import { isDomainError } from '@vigie/kernel';
import { decodeCursor, encodeCursor } from './conversations.service';

describe('conversation page cursors', () => {
  it('round-trips the last activity and id of a page’s last item', () => {
    const cursor = {
      lastActivityAt: new Date('2026-03-01T10:00:00.123Z'),
      id: '0b7e2c6a-5d7f-4c1e-9a8b-3f2d1e0c9b8a',
    };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    'bogus',
    '',
    Buffer.from('not-a-date|id').toString('base64url'),
    Buffer.from('2026-03-01T10:00:00Z').toString('base64url'),
  ])('refuses %p as invalid', (value) => {
    let caught: unknown;
    try {
      decodeCursor(value);
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught) && caught.code).toBe('invalid');
  });
});
