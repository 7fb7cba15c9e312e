import { addressedAnswer } from './out-of-hours.responder';

describe('addressedAnswer (the out-of-hours text as posted)', () => {
  const text = 'Merci pour votre message ! Nous revenons lundi à 9h.';

  it('starts a public answer with the customer’s handle, so two customers never get the same post', () => {
    expect(addressedAnswer({ text, mode: 'public_reply', handle: 'amelie_d' })).toBe(`@amelie_d ${text}`);
    expect(addressedAnswer({ text, mode: 'public_reply', handle: 'bob' })).not.toBe(
      addressedAnswer({ text, mode: 'public_reply', handle: 'amelie_d' }),
    );
  });

  it('sends a DM as written, and a public answer as written when there is no handle', () => {
    expect(addressedAnswer({ text, mode: 'direct_message', handle: 'amelie_d' })).toBe(text);
    expect(addressedAnswer({ text, mode: 'public_reply', handle: null })).toBe(text);
  });

  it('drops the handle when it would not fit, and gives up (null) when even the text does not fit X', () => {
    const nearlyFull = 'é'.repeat(275);
    expect(addressedAnswer({ text: nearlyFull, mode: 'public_reply', handle: 'a_long_handle' })).toBe(
      nearlyFull,
    );
    expect(addressedAnswer({ text: 'x'.repeat(281), mode: 'public_reply', handle: null })).toBeNull();
  });
});
