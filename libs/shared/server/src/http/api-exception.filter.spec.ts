import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { DomainError } from '@vigie/kernel';
import { ApiExceptionFilter, httpStatusOf } from './api-exception.filter';

function hostFor() {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('ApiExceptionFilter', () => {
  const filter = new ApiExceptionFilter();

  it.each([
    ['not_found', 404],
    ['conflict', 409],
    ['invalid', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['rate_limited', 429],
    ['unavailable', 503],
  ] as const)('maps the domain code %s to HTTP %d', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });

  it('answers a domain error with its code, message, request id and Retry-After', () => {
    const { host, sent } = hostFor();
    filter.catch(
      new DomainError({
        code: 'rate_limited',
        message: 'Too many attempts',
        details: { retryAfterSeconds: 30 },
      }),
      host,
    );
    expect(sent.status).toBe(429);
    expect(sent.body).toEqual({
      statusCode: 429,
      code: 'rate_limited',
      message: 'Too many attempts',
      requestId: 'req-1',
    });
    expect(sent.headers['Retry-After']).toBe('30');
  });

  it('answers malformed JSON from the body parser with 400 malformed_json', () => {
    const { host, sent } = hostFor();
    filter.catch(
      Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 }),
      host,
    );
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({ code: 'malformed_json' });
  });

  it('keeps structured bodies of HttpExceptions and names plain ones by status', () => {
    const structured = hostFor();
    filter.catch(
      new BadRequestException({ statusCode: 400, code: 'validation_failed', message: 'bad', details: ['x'] }),
      structured.host,
    );
    expect(structured.sent.body).toMatchObject({ code: 'validation_failed', details: ['x'] });
    const plain = hostFor();
    filter.catch(new NotFoundException('Cannot GET /nope'), plain.host);
    expect(plain.sent.body).toMatchObject({
      statusCode: 404,
      code: 'not_found',
      message: 'Cannot GET /nope',
    });
  });

  it('hides the details of unknown errors behind a 500', () => {
    const { host, sent } = hostFor();
    filter.catch(new Error('secret stack detail'), host);
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('secret');
  });
});
