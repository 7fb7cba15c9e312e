import { type ApiErrorBody } from '@vigie/contracts';
import { type RequestFailure } from './auth.api';
import { loginErrorMessage, retryAfterSeconds } from './login-error';

const nowMs = Date.parse('2025-03-30T01:59:30Z');

function httpFailure(status: number, code?: string, retryAfter: string | null = null): RequestFailure {
  const body: ApiErrorBody | null = code ? { statusCode: status, code, message: 'server text' } : null;
  return { kind: 'http', status, body, retryAfter };
}

describe('loginErrorMessage', () => {
  it('explains a wrong email or password (401)', () => {
    expect(loginErrorMessage(httpFailure(401, 'invalid_credentials'), nowMs)).toEqual({
      key: 'login.errors.invalidCredentials',
    });
  });

  it('tells how many seconds to wait after too many attempts (429 with Retry-After)', () => {
    expect(loginErrorMessage(httpFailure(429, 'rate_limited', '42'), nowMs)).toEqual({
      key: 'login.errors.rateLimited',
      params: { seconds: 42 },
    });
  });

  it('reads a Retry-After given as an HTTP date against the current time', () => {
    const failure = httpFailure(429, 'rate_limited', 'Sun, 30 Mar 2025 02:00:00 GMT');
    expect(loginErrorMessage(failure, nowMs)).toEqual({
      key: 'login.errors.rateLimited',
      params: { seconds: 30 },
    });
  });

  it('never asks to wait 0 s', () => {
    expect(loginErrorMessage(httpFailure(429, 'rate_limited', '0'), nowMs)).toEqual({
      key: 'login.errors.rateLimited',
      params: { seconds: 1 },
    });
  });

  it.each([null, '', 'soon'])('falls back to a vague delay when Retry-After is %p', (retryAfter) => {
    expect(loginErrorMessage(httpFailure(429, 'rate_limited', retryAfter), nowMs)).toEqual({
      key: 'login.errors.rateLimitedUnknownDelay',
    });
  });

  it('asks to check the fields on a validation failure (400)', () => {
    const failure: RequestFailure = {
      kind: 'http',
      status: 400,
      body: {
        statusCode: 400,
        code: 'validation_failed',
        message: 'Bad',
        details: ['email must be an email'],
      },
      retryAfter: null,
    };
    expect(loginErrorMessage(failure, nowMs)).toEqual({ key: 'login.errors.validationFailed' });
  });

  it('explains that the server could not be reached', () => {
    expect(loginErrorMessage({ kind: 'network' }, nowMs)).toEqual({ key: 'login.errors.network' });
  });

  it.each([
    { status: 401, expected: 'login.errors.invalidCredentials' },
    { status: 429, expected: 'login.errors.rateLimitedUnknownDelay' },
    { status: 400, expected: 'login.errors.validationFailed' },
    { status: 500, expected: 'login.errors.server' },
    { status: 502, expected: 'login.errors.server' },
    { status: 503, expected: 'login.errors.server' },
    { status: 404, expected: 'login.errors.unexpected' },
    { status: 403, expected: 'login.errors.unexpected' },
  ])('maps a bare $status without an error body to $expected', ({ status, expected }) => {
    expect(loginErrorMessage(httpFailure(status), nowMs).key).toBe(expected);
  });

  it('trusts the stable error code over the status', () => {
    expect(loginErrorMessage(httpFailure(403, 'rate_limited', '5'), nowMs)).toEqual({
      key: 'login.errors.rateLimited',
      params: { seconds: 5 },
    });
  });
});

describe('retryAfterSeconds', () => {
  it.each([
    { header: '120', expected: 120 },
    { header: ' 7 ', expected: 7 },
    { header: 'Sun, 30 Mar 2025 02:01:00 GMT', expected: 90 },
    { header: 'Sun, 30 Mar 2025 01:00:00 GMT', expected: 0 },
    { header: '-3', expected: null },
    { header: '1.5', expected: null },
    { header: null, expected: null },
  ])('reads $header as $expected', ({ header, expected }) => {
    expect(retryAfterSeconds(header, nowMs)).toBe(expected);
  });
});
