/** E-mail addresses and phone numbers a customer wrote in a message (candidates for identity links). */
export type ContactDetails = { emails: string[]; phones: string[] };

const emailPattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// International (+33 6 12 34 56 78) or national (06 12 34 56 78, 0612345678, (415) 555-0100) numbers.
const phonePattern = /(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d(?:[\s.-]?\d){5,13}(?![\w])/g;

/**
 * Finds e-mails (lower-cased) and phone numbers (reduced to `+` and digits, 9 to 15 digits) in hostile text.
 * Only ever a proposal for an agent (issue 5: never applied silently); order kept, duplicates removed.
 */
export function extractContactDetails(text: string): ContactDetails {
  const bounded = text.slice(0, 10_000);
  const emails = [...bounded.matchAll(emailPattern)].map((match) =>
    match[0].toLowerCase().replace(/\.+$/, ''),
  );
  const withoutEmails = bounded.replace(emailPattern, ' ');
  const phones = [...withoutEmails.matchAll(phonePattern)]
    .map((match) => match[0].replace(/[^\d+]/g, ''))
    .filter((phone) => {
      const digits = phone.replace(/\D/g, '').length;
      return digits >= 9 && digits <= 15;
    });
  return { emails: [...new Set(emails)], phones: [...new Set(phones)] };
}
