import { type RequestFailure } from '../../shared/http';
import { formatListInput, invalidLanguages, parseListInput } from './list-input';
import { describeFailure, fieldDetails } from './request-failure';

const http = (status: number, message = 'the API says why', details?: string[]): RequestFailure => ({
  kind: 'http',
  status,
  body: { statusCode: status, code: 'x', message, details },
  retryAfter: null,
});

describe('request failures as admins read them', () => {
  it.each([
    [400, 'invalid', 'the API says why'],
    [403, 'forbidden', 'the API says why'],
    [404, 'notFound', 'the API says why'],
    [409, 'conflict', 'the API says why'],
    [401, 'sessionEnded', null],
    [503, 'server', null],
    [418, 'unexpected', 'the API says why'],
  ])('reads a %i as %s, with the API’s message when it helps', (status, key, apiMessage) => {
    expect(describeFailure(http(status))).toEqual({ key, apiMessage });
  });

  it('reads a network failure, and a body that is not the API’s', () => {
    expect(describeFailure({ kind: 'network' })).toEqual({ key: 'network', apiMessage: null });
    expect(describeFailure({ kind: 'http', status: 400, body: null, retryAfter: null })).toEqual({
      key: 'invalid',
      apiMessage: null,
    });
  });

  it('finds the details about one field', () => {
    const failure = http(400, 'Invalid request', [
      'email must be an email address',
      'teamIds must be team ids',
      'emailAlias: nope',
      'languages.0 must be two-letter codes',
    ]);
    expect(fieldDetails(failure, 'email')).toEqual(['email must be an email address']);
    expect(fieldDetails(failure, 'languages')).toEqual(['languages.0 must be two-letter codes']);
    expect(fieldDetails(failure, 'password')).toEqual([]);
    expect(fieldDetails(null, 'email')).toEqual([]);
  });
});

describe('comma-separated lists', () => {
  it('splits, trims, lower-cases and removes repeats', () => {
    expect(parseListInput(' FR, en,, fr ,')).toEqual(['fr', 'en']);
    expect(parseListInput('')).toEqual([]);
    expect(formatListInput(['fr', 'en'])).toBe('fr, en');
  });

  it('finds what is not a two-letter language code', () => {
    expect(invalidLanguages(['fr', 'eng', 'e1'])).toEqual(['eng', 'e1']);
  });
});
