import { DomainError, isDomainError } from './domain-error';
import { assertNever } from './assert-never';
import { isUuid } from './ids';

describe('DomainError', () => {
  it('carries a code and details and is recognised by isDomainError', () => {
    const error = new DomainError({ code: 'not_found', message: 'User not found', details: { id: 'x' } });
    expect(isDomainError(error)).toBe(true);
    expect(error.code).toBe('not_found');
    expect(error.details).toEqual({ id: 'x' });
    expect(isDomainError(new Error('plain'))).toBe(false);
  });
});

describe('assertNever', () => {
  it('throws with the unexpected value in the message', () => {
    expect(() => assertNever('surprise' as never)).toThrow('Unexpected value: "surprise"');
  });
});

describe('isUuid', () => {
  it.each([
    ['0b7e2c6a-5d7f-4c1e-9a8b-3f2d1e0c9b8a', true],
    ['not-a-uuid', false],
    ['', false],
    ['0b7e2c6a5d7f4c1e9a8b3f2d1e0c9b8a', false],
  ])('isUuid(%p) is %p', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});
