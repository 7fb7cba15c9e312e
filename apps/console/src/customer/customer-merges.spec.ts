import {
  type ContactIdentityView,
  type ContactMergeView,
  type CustomerPicture,
  type Role,
} from '@vigie/contracts';
import {
  canMerge,
  canSeeDuplicates,
  duplicateReason,
  groupContactLabel,
  scorePercent,
  undoableMerges,
} from './customer-merges';
import { contactIdentityFixture, customerPictureFixture } from './customer.fixture';

/** Martine, as the survivor of the merges below. */
function picture(overrides: Partial<CustomerPicture> = {}): CustomerPicture {
  return customerPictureFixture({
    id: 'survivor',
    displayName: 'Martine Bernard',
    mergedContactIds: [],
    ...overrides,
  });
}

function merge(overrides: Partial<ContactMergeView> & Pick<ContactMergeView, 'id'>): ContactMergeView {
  return {
    survivorId: 'survivor',
    mergedId: 'merged',
    mergedByUserId: 'supervisor-1',
    mergedAt: '2026-11-23T10:00:00.000Z',
    undoneAt: null,
    ...overrides,
  };
}

function identity(overrides: Partial<ContactIdentityView>): ContactIdentityView {
  return contactIdentityFixture({ contactId: 'survivor', ...overrides });
}

describe('merging roles', () => {
  it.each<[Role, boolean, boolean]>([
    ['agent', false, true],
    ['supervisor', true, true],
    ['admin', true, true],
    ['ops', false, false],
  ])('%s: merges %s, sees duplicates %s', (role, merges, seesDuplicates) => {
    expect(canMerge(role)).toBe(merges);
    expect(canSeeDuplicates(role)).toBe(seesDuplicates);
  });
});

describe('undoableMerges', () => {
  it('lists the active merges of the group, newest first', () => {
    const view = picture({
      mergedContactIds: ['merged', 'older'],
      merges: [
        merge({ id: 'm-old', mergedId: 'older', mergedAt: '2026-11-20T09:00:00.000Z' }),
        merge({ id: 'm-new', mergedId: 'merged', mergedAt: '2026-11-23T10:00:00.000Z' }),
      ],
    });
    expect(undoableMerges(view).map((item) => item.id)).toEqual(['m-new', 'm-old']);
  });

  it('leaves out undone merges and merges of this customer into no longer related contacts', () => {
    const view = picture({
      mergedContactIds: ['merged'],
      merges: [
        merge({ id: 'active' }),
        merge({ id: 'undone', mergedId: 'gone', undoneAt: '2026-11-23T11:00:00.000Z' }),
        merge({ id: 'elsewhere', survivorId: 'someone-else', mergedId: 'merged' }),
      ],
    });
    expect(undoableMerges(view).map((item) => item.id)).toEqual(['active']);
  });

  it('lists every link of a chain (M into S, then S into T), each undoable on its own', () => {
    const view = picture({
      id: 'top',
      mergedContactIds: ['survivor', 'merged'],
      merges: [
        merge({
          id: 'first',
          survivorId: 'survivor',
          mergedId: 'merged',
          mergedAt: '2026-11-23T09:00:00.000Z',
        }),
        merge({
          id: 'second',
          survivorId: 'top',
          mergedId: 'survivor',
          mergedAt: '2026-11-23T10:00:00.000Z',
        }),
      ],
    });
    expect(undoableMerges(view).map((item) => item.id)).toEqual(['second', 'first']);
  });

  it('is empty for a customer nobody merged into', () => {
    expect(undoableMerges(picture())).toEqual([]);
  });
});

describe('groupContactLabel', () => {
  const view = picture({
    mergedContactIds: ['merged', 'email-only'],
    identities: [
      identity({ id: 'a', channel: 'email', externalUserId: 'martine@acme.fr', contactId: 'merged' }),
      identity({ id: 'b', channel: 'x', handle: 'martine_b2', contactId: 'merged' }),
      identity({ id: 'c', channel: 'phone', externalUserId: '+33612345678', contactId: 'email-only' }),
    ],
  });

  it('names a merged contact by its X handle first', () => {
    expect(groupContactLabel(view, 'merged')).toBe('@martine_b2');
  });

  it('falls back to its first identity', () => {
    expect(groupContactLabel(view, 'email-only')).toBe('+33612345678');
  });

  it('has no name for a contact without identities', () => {
    expect(groupContactLabel(view, 'survivor')).toBeNull();
  });
});

describe('duplicateReason', () => {
  it.each([
    ['same email', 'sameEmail'],
    ['same phone', 'samePhone'],
    ['same crm', 'sameCrm'],
    ['same full name', 'sameFullName'],
    ['similar handle', 'similarHandle'],
  ])('translates "%s"', (reason, key) => {
    expect(duplicateReason(reason)).toEqual({ key });
  });

  it('shows a reason it does not know as the API sent it', () => {
    expect(duplicateReason('same shoe size')).toEqual({ text: 'same shoe size' });
  });
});

describe('scorePercent', () => {
  it.each([
    [0.87, 87],
    [0.5, 50],
    [1, 100],
    [1.2, 100],
    [-0.1, 0],
  ])('%s reads %s %%', (score, percent) => {
    expect(scorePercent(score)).toBe(percent);
  });
});
