/**
 * Error codes raised by domain code. Each maps to one HTTP status at the edge
 * (see the exception filter in @vigie/server); core code never knows about HTTP.
 */
export type DomainErrorCode =
  'not_found' | 'conflict' | 'invalid' | 'unauthenticated' | 'forbidden' | 'rate_limited' | 'unavailable';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(params: { code: DomainErrorCode; message: string; details?: Record<string, unknown> }) {
    super(params.message);
    this.name = 'DomainError';
    this.code = params.code;
    this.details = params.details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
