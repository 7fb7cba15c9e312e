import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { invalidRequest } from './x-errors';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const MAX_BODY_BYTES = 1024 * 1024;

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

export async function readRawBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw invalidRequest([{ parameters: {}, message: 'Request body is too large.' }]);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON object body the way X does: bodies need `content-type: application/json`. */
export async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readRawBody(request);
  if (!(request.headers['content-type'] ?? '').includes('application/json')) {
    throw invalidRequest([
      { parameters: {}, message: 'Requests with bodies must have content-type of application/json.' },
    ]);
  }
  let parsed: unknown;
  try {
    parsed = raw.length === 0 ? {} : JSON.parse(raw);
  } catch {
    throw invalidRequest([{ parameters: {}, message: 'Request body is not valid JSON.' }]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidRequest([{ parameters: {}, message: 'Request body must be a JSON object.' }]);
  }
  return parsed as Record<string, unknown>;
}

export function isLoopback(request: IncomingMessage): boolean {
  const address = request.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}
