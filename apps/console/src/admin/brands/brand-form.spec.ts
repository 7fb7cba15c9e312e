import { emptyConnectDraft, parseConnectDraft, parseNewBrand } from './brand-form';

describe('the brand form', () => {
  it('builds a new brand, language lower-cased', () => {
    expect(parseNewBrand({ name: ' Vigie Banque ', defaultLanguage: 'EN' }, ['Vigie Telecom'])).toEqual({
      kind: 'ok',
      request: { name: 'Vigie Banque', defaultLanguage: 'en' },
    });
  });

  it.each([
    ['no name', { name: '', defaultLanguage: 'fr' }, { name: 'required' }],
    ['a name taken', { name: 'vigie telecom', defaultLanguage: 'fr' }, { name: 'duplicate' }],
    [
      'a language that is not a code',
      { name: 'Vigie Banque', defaultLanguage: 'fra' },
      { defaultLanguage: 'language' },
    ],
  ])('refuses %s', (_what, draft, problems) => {
    expect(parseNewBrand(draft, ['Vigie Telecom'])).toEqual({ kind: 'invalid', problems });
  });
});

describe('the X connection form', () => {
  it('sends only the fields filled in, trimmed', () => {
    const parsed = parseConnectDraft(
      { ...emptyConnectDraft, mode: 'stream', accessToken: ' user-token ', appBearerToken: 'bearer' },
      'brand-1',
    );
    expect(parsed).toEqual({
      kind: 'ok',
      request: { brandId: 'brand-1', mode: 'stream', accessToken: 'user-token', appBearerToken: 'bearer' },
    });
  });

  it.each([
    ['no access token', { mode: 'poll' as const }, { accessToken: 'required' }],
    [
      'a stream without the bearer token',
      { mode: 'stream' as const, accessToken: 't' },
      { appBearerToken: 'requiredForMode' },
    ],
    [
      'a webhook without the app secret',
      { mode: 'webhook' as const, accessToken: 't' },
      { consumerSecret: 'requiredForMode' },
    ],
    [
      'OAuth 1.0a without the app key and secret',
      { mode: 'poll' as const, accessToken: 't', accessSecret: 's' },
      { consumerKey: 'oauth1Incomplete', consumerSecret: 'oauth1Incomplete' },
    ],
    [
      'an API address that is not http',
      { mode: 'poll' as const, accessToken: 't', apiBaseUrl: 'ftp://x' },
      { apiBaseUrl: 'url' },
    ],
  ])('refuses %s', (_what, changes, problems) => {
    expect(parseConnectDraft({ ...emptyConnectDraft, ...changes }, 'brand-1')).toEqual({
      kind: 'invalid',
      problems,
    });
  });
});
