import { type RequestFailure } from '../shared/http';
import { opsErrorKey } from './ops-errors';

const http = (status: number, code?: string): RequestFailure => ({
  kind: 'http',
  status,
  body: code ? { statusCode: status, code, message: 'from the API' } : null,
  retryAfter: null,
});

describe('ops error messages', () => {
  it.each([
    [{ kind: 'network' } as RequestFailure, 'network'],
    [http(409, 'incident_closed'), 'closed'],
    [http(409, 'incident_merged'), 'merged'],
    [http(409, 'request_key_reused'), 'keyReused'],
    [http(409), 'closed'],
    [http(400, 'other_brand'), 'otherBrand'],
    [http(400, 'text_too_long'), 'textTooLong'],
    [http(400, 'text_empty'), 'textEmpty'],
    [http(400, 'validation_failed'), 'invalid'],
    [http(404, 'not_found'), 'notFound'],
    [http(403, 'forbidden'), 'forbidden'],
    [http(502), 'unexpected'],
  ])('reads %o as %s', (failure, key) => {
    expect(opsErrorKey(failure)).toBe(key);
  });
});
