import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { FakeXStore } from '../store/fake-x-store';
import type { UserRecord } from '../store/models';
import { readRawBody } from '../server/http-helpers';
import { genericProblem } from '../server/x-errors';

/** Parses a control-API body with zod; a mismatch is a 400 naming the first problem. */
export function parseControl<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw genericProblem(400, `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return result.data;
}

/** A user given by id or @username; unknown → 404. */
export function resolveUser(store: FakeXStore, reference: string): UserRecord {
  const user = /^[0-9]+$/.test(reference) ? store.findUser(reference) : store.findUserByUsername(reference);
  if (!user) throw genericProblem(404, `Unknown user ${reference}`);
  return user;
}

export const userInputSchema = z.object({
  username: z.string().regex(/^@?\w{1,15}$/),
  name: z.string().optional(),
  kind: z.enum(['brand', 'customer', 'spam']).optional(),
  id: z
    .string()
    .regex(/^[0-9]{1,19}$/)
    .optional(),
  description: z.string().optional(),
  location: z.string().optional(),
  verified: z.boolean().optional(),
  followersCount: z.number().int().nonnegative().optional(),
  followingCount: z.number().int().nonnegative().optional(),
  lang: z.string().optional(),
  accessTokens: z.array(z.string().min(1)).optional(),
});

export const postInputSchema = z.object({
  author: z.string(),
  text: z.string().optional(),
  inReplyTo: z.string().optional(),
  quoteOf: z.string().optional(),
  retweetOf: z.string().optional(),
  lang: z.string().optional(),
  createdAt: z.string().datetime({ offset: true }).optional(),
});

export const dmInputSchema = z.object({
  from: z.string(),
  to: z.string(),
  text: z.string().min(1),
  createdAt: z.string().datetime({ offset: true }).optional(),
});

/** Control bodies: JSON, whatever the content-type (curl-friendly); an empty body is `{}`. */
export async function readControlBody(request: IncomingMessage): Promise<unknown> {
  const raw = await readRawBody(request);
  if (raw.trim().length === 0) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw genericProblem(400, 'body: not valid JSON');
  }
}
