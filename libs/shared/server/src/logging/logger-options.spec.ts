import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../config/app-config';
import { buildLoggerParams, redactedPaths } from './logger-options';

describe('log redaction', () => {
  it('never writes cookies, credentials or passwords', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: redactedPaths, censor: '[redacted]' } }, sink);
    logger.info({
      req: { headers: { cookie: 'vigie_session=abc123secret', authorization: 'Bearer tok-secret' } },
      res: { headers: { 'set-cookie': 'vigie_session=abc123secret' } },
      body: { email: 'a@b.c', password: 'hunter2-password' },
      account: { accessToken: 'x-access-secret' },
    });
    const output = lines.join('');
    expect(output).not.toMatch(/abc123secret|tok-secret|hunter2-password|x-access-secret/);
    expect(output).toContain('[redacted]');
    expect(output).toContain('a@b.c');
  });

  it('takes a sane x-request-id from the caller and mints one otherwise', () => {
    const params = buildLoggerParams(loadConfig({}, { nodeName: 'n' }));
    const options = params.pinoHttp as { genReqId: (request: unknown, response: unknown) => string };
    const headers: Record<string, string> = {};
    const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
    expect(options.genReqId({ headers: { 'x-request-id': 'abcdef12-from-proxy' } }, response)).toBe(
      'abcdef12-from-proxy',
    );
    const minted = options.genReqId({ headers: { 'x-request-id': 'bad id with spaces' } }, response);
    expect(minted).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers['x-request-id']).toBe(minted);
  });
});
