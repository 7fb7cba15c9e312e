/**
 * The rows of an `UPDATE … RETURNING` or `DELETE … RETURNING`: TypeORM answers those with `[rows, affected]` on
 * PostgreSQL (and with the rows alone to a `SELECT` or an `INSERT`).
 */
export function returnedRows<T>(result: T[] | [T[], number]): T[] {
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}
