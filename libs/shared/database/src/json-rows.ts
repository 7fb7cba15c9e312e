/**
 * The rows of a multi-row statement as ONE JSON parameter, read back in SQL with
 * `jsonb_to_recordset($1::jsonb) AS row (column type, …)` (PostgreSQL and PGlite alike).
 *
 * Why not a `text[]`, `uuid[]` or `jsonb[]` parameter per column: node-postgres writes an array parameter element
 * by element in JavaScript, escaping the quotes and backslashes of every string and formatting every Date; at the
 * ingestion benchmark's maximum rate that was a tenth of the API's CPU. `JSON.stringify` is native. Dates become
 * ISO strings, which `timestamptz` reads back to the millisecond; `undefined` becomes SQL NULL.
 */
export function jsonRows<T>(rows: readonly T[], toRecord: (row: T) => Record<string, unknown>): string {
  return JSON.stringify(rows.map(toRecord));
}
