/** UUIDs are the primary keys of every table; this brand keeps them from mixing with other strings. */
export type Uuid = string & { readonly __brand?: 'Uuid' };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: string): value is Uuid {
  return uuidPattern.test(value);
}
