import { type ContactNoteView } from '@vigie/contracts';
import {
  concernsPicture,
  formatAccountValue,
  identityLabel,
  maxNoteLength,
  noteAuthor,
  noteDraftProblem,
  notesNewestFirst,
  pastConversations,
  withNote,
} from './customer-panel';
import { contactIdentityFixture, customerPictureFixture } from './customer.fixture';

function note(id: string, createdAt: string, authorUserId: string | null = 'user-1'): ContactNoteView {
  return { id, contactId: 'contact-1', authorUserId, body: `note ${id}`, createdAt };
}

function conversation(id: string, lastActivityAt: string) {
  return {
    id,
    channel: 'x' as const,
    status: 'resolved' as const,
    lastMessagePreview: id,
    messageCount: 1,
    createdAt: lastActivityAt,
    lastActivityAt,
    resolvedAt: null,
    slaBreaches: [],
  };
}

const picture = customerPictureFixture;
const identity = contactIdentityFixture;

describe('the customer panel rules', () => {
  it.each([
    ['', 'empty'],
    ['   \n ', 'empty'],
    ['Prefers DMs', null],
    ['x'.repeat(maxNoteLength), null],
    ['x'.repeat(maxNoteLength + 1), 'tooLong'],
  ])('judges the note draft %j as %s', (body, problem) => {
    expect(noteDraftProblem(body)).toBe(problem);
  });

  it('lists the other conversations newest first, leaving out the one on screen', () => {
    const shown = pastConversations(
      picture({
        conversations: [
          conversation('old', '2026-01-01T10:00:00.000Z'),
          conversation('current', '2026-03-01T10:00:00.000Z'),
          conversation('recent', '2026-02-01T10:00:00.000Z'),
        ],
      }),
      'current',
    );
    expect(shown.map((item) => item.id)).toEqual(['recent', 'old']);
  });

  it('shows notes newest first without reordering the picture', () => {
    const notes = [note('a', '2026-01-01T10:00:00.000Z'), note('b', '2026-01-02T10:00:00.000Z')];
    expect(notesNewestFirst(notes).map((item) => item.id)).toEqual(['b', 'a']);
    expect(notes.map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('adds an accepted note once, even when a reload already brought it', () => {
    const added = withNote(picture(), note('a', '2026-01-01T10:00:00.000Z'));
    expect(added.notes).toHaveLength(1);
    expect(withNote(added, note('a', '2026-01-01T10:00:00.000Z')).notes).toHaveLength(1);
  });

  it.each([
    { case: 'an X identity with a handle', value: identity({ handle: 'jeanne_d' }), label: '@jeanne_d' },
    { case: 'an X identity without a handle', value: identity({ handle: null }), label: '12345' },
    {
      case: 'an e-mail',
      value: identity({ channel: 'email', externalUserId: 'jeanne@example.com' }),
      label: 'jeanne@example.com',
    },
    {
      case: 'a phone number',
      value: identity({ channel: 'phone', externalUserId: '+33612345678' }),
      label: '+33612345678',
    },
  ])('labels $case as $label', ({ value, label }) => {
    expect(identityLabel(value)).toBe(label);
  });

  it.each([
    [['contact-1'], true],
    [['contact-2'], true],
    [['someone-else'], false],
    [[], false],
  ])('knows whether an event about %j concerns the customer', (ids, expected) => {
    expect(concernsPicture(picture(), ids)).toBe(expected);
  });

  it.each([
    ['user-1', 'you'],
    ['user-2', 'colleague'],
    [null, 'crm'],
  ] as const)('names the author of a note written by %s as %s', (authorUserId, author) => {
    expect(noteAuthor(note('a', '2026-01-01T10:00:00.000Z', authorUserId), 'user-1')).toBe(author);
  });

  it.each([
    [null, 'en', null],
    [12500, 'en', '12.5K'],
    [950, 'en', '950'],
  ])('formats the account value %s in %s as %s', (value, language, expected) => {
    expect(formatAccountValue(value, language)).toBe(expected);
  });
});
