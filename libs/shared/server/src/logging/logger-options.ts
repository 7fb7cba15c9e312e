import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

const requestIdPattern = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Paths pino removes from every log line: cookies, credentials and passwords never reach logs.
 * Exported so a test can prove it.
 */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
];

/** JSON logs with a request id on every line; the id comes from `x-request-id` when it is sane. */
export function buildLoggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.log.level,
      base: { node: config.nodeName },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const header = request.headers['x-request-id'];
        const id = typeof header === 'string' && requestIdPattern.test(header) ? header : randomUUID();
        response.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (request) => request.url === '/api/health' || request.url === '/api/ready' },
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          url: request.url,
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
    },
    // Express 5 path syntax: every route, including the global /api prefix.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  };
}
