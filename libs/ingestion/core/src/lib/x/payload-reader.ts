/**
 * Small readers for untrusted JSON: each returns the value or throws a {@link PayloadProblem} whose message
 * is the dead-letter reason (`missing_field:author_id`, `invalid_field:created_at`).
 */
export class PayloadProblem extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PayloadProblem';
  }
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, name: string): JsonObject {
  if (value === undefined || value === null) throw new PayloadProblem(`missing_field:${name}`);
  if (!isObject(value)) throw new PayloadProblem(`invalid_field:${name}`);
  return value;
}

const snowflakePattern = /^[0-9]{1,19}$/;

/** X ids are decimal strings of up to 19 digits (never JS numbers: they exceed 2^53). */
export function requireId(object: JsonObject, name: string): string {
  const value = object[name];
  if (value === undefined || value === null) throw new PayloadProblem(`missing_field:${name}`);
  if (typeof value !== 'string' || !snowflakePattern.test(value))
    throw new PayloadProblem(`invalid_field:${name}`);
  return value;
}

export function optionalId(object: JsonObject, name: string): string | null {
  return object[name] === undefined || object[name] === null ? null : requireId(object, name);
}

export function requireString(object: JsonObject, name: string): string {
  const value = object[name];
  if (value === undefined || value === null) throw new PayloadProblem(`missing_field:${name}`);
  if (typeof value !== 'string') throw new PayloadProblem(`invalid_field:${name}`);
  return value;
}

export function optionalString(object: JsonObject, name: string): string | null {
  const value = object[name];
  return typeof value === 'string' ? value : null;
}

export function requireDate(object: JsonObject, name: string): Date {
  const date = new Date(requireString(object, name));
  if (Number.isNaN(date.getTime())) throw new PayloadProblem(`invalid_field:${name}`);
  return date;
}

/** Language tags: X says `und` when it cannot tell, and `zxx` for no linguistic content. */
export function languageOf(value: unknown): string | null {
  return typeof value === 'string' && value !== 'und' && value !== 'zxx' && value.length > 0 ? value : null;
}

/** Runs a normaliser and turns a PayloadProblem into its reason. */
export function problemReason(error: unknown): string | undefined {
  return error instanceof PayloadProblem ? error.reason : undefined;
}
