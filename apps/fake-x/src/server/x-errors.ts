import { STATUS_CODES } from 'node:http';

export const PROBLEM_BASE = 'https://api.twitter.com/2/problems';

export type ProblemBody = Record<string, unknown>;

/** An error to answer with X's status and body; thrown by handlers, rendered by the router. */
export class XApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ProblemBody,
  ) {
    super(typeof body['detail'] === 'string' ? body['detail'] : `X API error ${status}`);
  }
}

/** The generic problem X sends for plain HTTP errors: `{title, type: 'about:blank', status, detail}`. */
export function genericProblem(status: number, detail?: string): XApiError {
  const title = STATUS_CODES[status] ?? 'Error';
  return new XApiError(status, { title, type: 'about:blank', status, detail: detail ?? title });
}

export function unauthorized(): XApiError {
  return genericProblem(401, 'Unauthorized');
}

/** 429 as captured from real v2 responses (the docs also show a v1.1 `code: 88` form). */
export function tooManyRequests(): XApiError {
  return genericProblem(429, 'Too Many Requests');
}

export interface InvalidParameter {
  parameters: Record<string, string[]>;
  message: string;
}

export function invalidRequest(errors: InvalidParameter[]): XApiError {
  return new XApiError(400, {
    errors,
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEM_BASE}/invalid-request`,
  });
}

export function invalidParameter(name: string, value: string, message: string): XApiError {
  return invalidRequest([{ parameters: { [name]: [value] }, message }]);
}

export function unsupportedAuthentication(used: string, supported: string[]): XApiError {
  return new XApiError(403, {
    title: 'Unsupported Authentication',
    detail: `Authenticating with ${used} is forbidden for this endpoint.  Supported authentication types are [${supported.join(', ')}].`,
    type: `${PROBLEM_BASE}/unsupported-authentication`,
    status: 403,
  });
}

/** The generic 403 X uses for policy refusals on writes (duplicate content, reply restriction...). */
export function forbidden(detail: string): XApiError {
  return new XApiError(403, { detail, type: 'about:blank', title: 'Forbidden', status: 403 });
}

/** Inline (HTTP 200) not-found entry, as in partial-error responses. */
export function resourceNotFound(options: {
  resourceType: 'tweet' | 'user' | 'rule';
  parameter: string;
  value: string;
  label?: string;
}): ProblemBody {
  const label = options.label ?? options.resourceType;
  const field = options.resourceType === 'user' && options.parameter === 'username' ? 'username' : 'id';
  return {
    value: options.value,
    detail: `Could not find ${label} with ${field}: [${options.value}].`,
    title: 'Not Found Error',
    resource_type: options.resourceType,
    parameter: options.parameter,
    resource_id: options.value,
    type: `${PROBLEM_BASE}/resource-not-found`,
  };
}
