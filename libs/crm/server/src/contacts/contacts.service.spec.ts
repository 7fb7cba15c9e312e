import { toContactSummary } from './contacts.service';

describe('toContactSummary', () => {
  it('exposes a contact by its id with the identity the channel gave', () => {
    expect(
      toContactSummary({
        contactId: 'c1',
        channel: 'x',
        externalUserId: '2222222222',
        handle: 'jane_doe',
        displayName: 'Jane Doe',
        followersCount: 12,
        isVerified: false,
        language: 'en',
      }),
    ).toEqual({
      id: 'c1',
      channel: 'x',
      externalUserId: '2222222222',
      handle: 'jane_doe',
      displayName: 'Jane Doe',
      followersCount: 12,
      isVerified: false,
      language: 'en',
    });
  });
});
