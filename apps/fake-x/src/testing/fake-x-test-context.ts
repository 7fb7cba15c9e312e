import type { TwitterApi } from 'twitter-api-v2';
import { DEFAULT_BRAND_ACCESS_TOKEN, startFakeX, type FakeX, type FakeXOptions } from '../fake-x';
import { createLocalXClient } from './local-x.plugin';

export interface FakeXTestContext {
  fakeX: FakeX;
  /** App-only client (Bearer): streams, rules, timelines. */
  app: TwitterApi;
  /** The brand's user-context client (OAuth 1.0a with the brand's access token): posting, DMs. */
  brand: TwitterApi;
  /** A user-context client for any account (OAuth 1.0a). */
  userClient(accessToken: string): TwitterApi;
  control<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** Starts an in-process fake X on a free port with real twitter-api-v2 clients pointed at it. */
export async function startFakeXTestContext(options: FakeXOptions = {}): Promise<FakeXTestContext> {
  const fakeX = await startFakeX({ log: () => undefined, ...options });
  const userClient = (accessToken: string) =>
    createLocalXClient(
      { appKey: 'consumer-key', appSecret: 'consumer-secret', accessToken, accessSecret: 'access-secret' },
      fakeX.url,
    );
  return {
    fakeX,
    app: createLocalXClient('app-bearer-token', fakeX.url),
    brand: userClient(DEFAULT_BRAND_ACCESS_TOKEN),
    userClient,
    control: fakeXControl(fakeX.url),
    close: () => fakeX.close(),
  };
}

/** Creates a customer through the control API and returns its id and access token. */
export async function createCustomer(
  context: FakeXTestContext,
  username: string,
): Promise<{ id: string; accessToken: string }> {
  const { body } = await context.control<{ data: { id: string; access_token: string } }>(
    'POST',
    '/control/users',
    { username, name: username },
  );
  return { id: body.data.id, accessToken: body.data.access_token };
}

export async function injectPost(
  context: FakeXTestContext,
  input: Record<string, unknown>,
): Promise<{ id: string; text: string; created_at: string; conversation_id: string }> {
  const { status, body } = await context.control<{
    data: { id: string; text: string; created_at: string; conversation_id: string };
  }>('POST', '/control/posts', input);
  if (status !== 201) throw new Error(`inject failed: ${status} ${JSON.stringify(body)}`);
  return body.data;
}

export function waitFor(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (predicate()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error('waitFor timed out'));
      else setTimeout(check, 5);
    };
    check();
  });
}

/** A caller of the fake's control API (`/control/*`) at `baseUrl`. */
export function fakeXControl(baseUrl: string) {
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
}
