import { jsonRows } from './json-rows';

describe('jsonRows', () => {
  it('writes one JSON array of records, dates as ISO strings and undefined as absent (NULL in SQL)', () => {
    const at = new Date('2026-11-23T09:10:00.123Z');
    const text = jsonRows(
      [
        { id: 'a', at, note: 'say "hi" \\ bye' },
        { id: 'b', at: null },
      ],
      (row) => ({
        id: row.id,
        at: row.at,
        note: 'note' in row ? row.note : undefined,
      }),
    );
    expect(JSON.parse(text)).toEqual([
      { id: 'a', at: '2026-11-23T09:10:00.123Z', note: 'say "hi" \\ bye' },
      { id: 'b', at: null },
    ]);
  });
});
