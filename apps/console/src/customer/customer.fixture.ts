import { type ContactIdentityView, type CustomerPicture } from '@vigie/contracts';

/** Jeanne, with one contact merged into her, for the panel's logic tests; `overrides` change it. */
export function customerPictureFixture(overrides: Partial<CustomerPicture> = {}): CustomerPicture {
  return {
    id: 'contact-1',
    displayName: 'Jeanne',
    language: 'fr',
    attributes: {},
    tags: [],
    mergedContactIds: ['contact-2'],
    identities: [],
    account: null,
    conversations: [],
    notes: [],
    merges: [],
    linkProposals: [],
    erasedAt: null,
    ...overrides,
  };
}

/** An X identity of `contact-1` without a handle; `overrides` change it. */
export function contactIdentityFixture(overrides: Partial<ContactIdentityView> = {}): ContactIdentityView {
  return {
    id: 'identity-1',
    channel: 'x',
    externalUserId: '12345',
    handle: null,
    displayName: null,
    followersCount: null,
    isVerified: false,
    language: null,
    linkedByUserId: null,
    contactId: 'contact-1',
    ...overrides,
  };
}
