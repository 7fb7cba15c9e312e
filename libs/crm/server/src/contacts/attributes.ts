import { DomainError } from '@vigie/kernel';

const maxAttributes = 50;

/** Custom attributes are a flat map of short strings (what a CRM field holds); anything else is refused. */
export function toAttributes(raw: Record<string, unknown> | undefined): Record<string, string> {
  const entries = Object.entries(raw ?? {});
  if (entries.length > maxAttributes) {
    throw new DomainError({ code: 'invalid', message: `attributes must have at most ${maxAttributes} keys` });
  }
  for (const [key, value] of entries) {
    if (typeof value !== 'string' || value.length > 500 || key.length > 60) {
      throw new DomainError({
        code: 'invalid',
        message: `attributes.${key} must be a string of at most 500 characters (keys at most 60)`,
      });
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
