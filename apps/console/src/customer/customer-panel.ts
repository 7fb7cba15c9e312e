import {
  type ContactIdentityView,
  type ContactNoteView,
  type CustomerConversationView,
  type CustomerPicture,
} from '@vigie/contracts';

/** The API's limit for a note (`AddNoteDto`): checked here too, so the agent is told before sending. */
export const maxNoteLength = 5000;

export type NoteDraftProblem = 'empty' | 'tooLong';

/** Why a note cannot be sent as typed, or null when it can. */
export function noteDraftProblem(body: string): NoteDraftProblem | null {
  const trimmed = body.trim();
  if (trimmed === '') return 'empty';
  if (trimmed.length > maxNoteLength) return 'tooLong';
  return null;
}

/** The customer's other conversations (the open one is on screen already), newest activity first. */
export function pastConversations(
  picture: CustomerPicture,
  currentConversationId: string,
): CustomerConversationView[] {
  return picture.conversations
    .filter((conversation) => conversation.id !== currentConversationId)
    .sort((left, right) => right.lastActivityAt.localeCompare(left.lastActivityAt));
}

/** Notes newest first: the latest word about the customer is what the agent needs. */
export function notesNewestFirst(notes: ContactNoteView[]): ContactNoteView[] {
  return [...notes].sort((left, right) => right.createdAt.localeCompare(left.createdAt));
}

/** Adds the note the API just accepted, once (a reload triggered by `contact.updated` may bring it first). */
export function withNote(picture: CustomerPicture, note: ContactNoteView): CustomerPicture {
  if (picture.notes.some((existing) => existing.id === note.id)) return picture;
  return { ...picture, notes: [...picture.notes, note] };
}

/** How an identity reads: an X handle with its @, else the address, number or CRM id as stored. */
export function identityLabel(identity: ContactIdentityView): string {
  if (identity.channel === 'x' && identity.handle) return `@${identity.handle}`;
  return identity.externalUserId;
}

/** Whether a CRM event about `contactId` concerns this customer (the survivor or a contact merged into it). */
export function concernsPicture(picture: CustomerPicture, contactIds: string[]): boolean {
  return contactIds.some((id) => id === picture.id || picture.mergedContactIds.includes(id));
}

export type NoteAuthor = 'you' | 'colleague' | 'crm';

/** Who wrote a note, as far as the picture says: no author means it came from the CRM connector. */
export function noteAuthor(note: ContactNoteView, userId: string): NoteAuthor {
  if (note.authorUserId === null) return 'crm';
  return note.authorUserId === userId ? 'you' : 'colleague';
}

/** The account's value in the interface language, compact ("12K", "1,2 M"), or null when unknown. */
export function formatAccountValue(value: number | null, language: string): string | null {
  if (value === null) return null;
  return new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
