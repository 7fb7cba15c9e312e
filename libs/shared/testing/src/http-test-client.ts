export type HttpAnswer = { status: number; body: unknown; headers: Headers };

/**
 * A cookie-keeping HTTP client, one per simulated browser, for the medium and e2e tiers. It keeps the
 * session cookie the API sets (and forgets it when the API clears it); `cookie` may also be set by hand
 * to replay a session elsewhere.
 */
export class HttpTestClient {
  cookie: string | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly options: { defaultPassword?: string; headers?: Record<string, string> } = {},
  ) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...this.options.headers,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair?.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /** Signs in; without a password, the client's default (the demo password of the test). */
  login(email: string, password?: string): Promise<HttpAnswer> {
    const secret = password ?? this.options.defaultPassword;
    if (secret === undefined) throw new Error('login needs a password (or a defaultPassword option)');
    return this.request('POST', '/api/auth/login', { email, password: secret });
  }
}
