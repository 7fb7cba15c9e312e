import { emptyFigureRow, figuresFor, formatResponseTime, formatShare, shareLevel } from './figures-format';

describe('figures formatting', () => {
  it.each([
    [0.873, 'fr', '87 %'],
    [0.873, 'en', '87%'],
    [1, 'en', '100%'],
    [0, 'fr', '0 %'],
    [null, 'en', '—'],
  ])('writes the share %p in %s as %s', (value, locale, expected) => {
    // French separates the sign with a (narrow) no-break space: compare with plain spaces.
    expect(formatShare(value, locale).replace(/[\u00a0\u202f]/g, ' ')).toBe(expected);
  });

  it.each([
    [null, '—'],
    [0, '0 s'],
    [44_600, '45 s'],
    [60_000, '1 min'],
    [42.5 * 60_000, '42 min'],
    [65 * 60_000, '1 h 05'],
    [2 * 86_400_000 + 3 * 3_600_000, '2 d 3 h'],
  ])('writes the response time %p as %s', (milliseconds, expected) => {
    expect(formatResponseTime(milliseconds)).toBe(expected);
  });

  it.each([
    [null, 'none'],
    [0.95, 'good'],
    [0.9, 'good'],
    [0.8, 'fair'],
    [0.75, 'fair'],
    [0.5, 'poor'],
  ] as const)('reads the share %p as %s', (value, level) => {
    expect(shareLevel(value)).toBe(level);
  });

  it('finds the figures of a key, or an empty row for it', () => {
    const row = { ...emptyFigureRow, key: 'team-1', conversations: 3, compliance: 1 };
    expect(figuresFor([row], 'team-1')).toBe(row);
    expect(figuresFor([row], 'team-2')).toEqual({ ...emptyFigureRow, key: 'team-2' });
  });
});
