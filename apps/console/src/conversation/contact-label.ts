import { type ContactSummary } from '@vigie/contracts';

/** How a customer is named in the console: their name, else their handle, else their channel id. */
export function contactLabel(contact: ContactSummary): string {
  const name = contact.displayName?.trim();
  if (name) return name;
  if (contact.handle) return `@${contact.handle}`;
  return contact.externalUserId;
}
