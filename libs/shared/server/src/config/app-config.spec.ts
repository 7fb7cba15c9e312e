import { ConfigError, defaultDemoPassword, loadConfig } from './app-config';

const defaults = { nodeName: 'test-node' };
const secretKey = Buffer.alloc(32, 7).toString('base64');

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, defaults);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults when nothing is set: embedded database, port 3000, no Redis', () => {
    const config = loadConfig({}, defaults);
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.database.embeddedDataDir).toBe('.vigie/data');
    expect(config.redis.url).toBeUndefined();
    expect(config.session.isCookieSecure).toBe(false);
    expect(config.demo).toEqual({ isEnabled: false, password: defaultDemoPassword, spikeHistoryHours: 0 });
    expect(config.nodeName).toBe('test-node');
    expect(config.shutdownDrainDelayMs).toBe(500);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }, defaults).database.url).toBeUndefined();
  });

  it('names every bad variable in one error', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/PORT: .*got "eighty"/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
  });

  it('never echoes a secret value in the error', () => {
    const problems = problemsOf({ VIGIE_ADMIN_EMAIL: 'admin@example.com', VIGIE_ADMIN_PASSWORD: 'short' });
    expect(problems.join('\n')).toMatch(
      /VIGIE_ADMIN_PASSWORD: must be at least 12 characters \(value hidden\)/,
    );
    expect(problems.join('\n')).not.toContain('short');
  });

  it('requires the admin email and password together', () => {
    expect(problemsOf({ VIGIE_ADMIN_EMAIL: 'admin@example.com' }).join()).toMatch(
      /VIGIE_ADMIN_PASSWORD.*go together/,
    );
  });

  it('reads the hours of the demo feed’s past laid for the spike detector, at most a week', () => {
    expect(loadConfig({ VIGIE_DEMO_SPIKE_HISTORY_HOURS: '48' }, defaults).demo.spikeHistoryHours).toBe(48);
    expect(problemsOf({ VIGIE_DEMO_SPIKE_HISTORY_HOURS: '169' }).join()).toMatch(
      /VIGIE_DEMO_SPIKE_HISTORY_HOURS/,
    );
    expect(problemsOf({ VIGIE_DEMO_SPIKE_HISTORY_HOURS: '-1' }).join()).toMatch(
      /VIGIE_DEMO_SPIKE_HISTORY_HOURS/,
    );
  });

  it('refuses demo mode in production without an explicit demo password', () => {
    expect(problemsOf({ NODE_ENV: 'production', VIGIE_DEMO: 'true' }).join()).toMatch(/VIGIE_DEMO_PASSWORD/);
  });

  it('turns secure cookies on in production unless told otherwise', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', VIGIE_SECRET_KEY: secretKey }, defaults).session.isCookieSecure,
    ).toBe(true);
    expect(
      loadConfig({ NODE_ENV: 'production', VIGIE_SECRET_KEY: secretKey, COOKIE_SECURE: 'false' }, defaults)
        .session.isCookieSecure,
    ).toBe(false);
  });

  it('refuses production without VIGIE_SECRET_KEY, and hides the key when it is wrong', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join()).toMatch(/VIGIE_SECRET_KEY: production needs/);
    const problems = problemsOf({ VIGIE_SECRET_KEY: 'dG9vIHNob3J0' }).join();
    expect(problems).toMatch(/VIGIE_SECRET_KEY: must be 32 bytes in base64 .*\(value hidden\)/);
    expect(problems).not.toContain('dG9vIHNob3J0');
  });

  it('decodes the secret key and reads the ingestion settings with their defaults', () => {
    const config = loadConfig(
      { VIGIE_SECRET_KEY: secretKey, X_API_BASE_URL: 'http://127.0.0.1:4100' },
      defaults,
    );
    expect(config.secretKey).toEqual(Buffer.alloc(32, 7));
    expect(config.x).toEqual({ apiBaseUrl: 'http://127.0.0.1:4100', isBaseUrlOverrideAllowed: false });
    expect(config.ingestion).toEqual({
      isEnabled: true,
      pollIntervalMs: 60_000,
      dmPollIntervalMs: 65_000,
      streamStallTimeoutMs: 30_000,
      retryBaseDelayMs: 1_000,
      retryMaxDelayMs: 320_000,
      leaseRetryMs: 15_000,
    });
    expect(loadConfig({}, defaults).secretKey).toBeUndefined();
  });

  it('refuses another X base URL in production unless the override is allowed', () => {
    const production = {
      NODE_ENV: 'production',
      VIGIE_SECRET_KEY: secretKey,
      X_API_BASE_URL: 'http://fake-x:4100',
    };
    expect(problemsOf(production).join()).toMatch(/X_API_BASE_URL: .*X_ALLOW_BASE_URL_OVERRIDE/);
    expect(
      loadConfig({ ...production, X_ALLOW_BASE_URL_OVERRIDE: 'true' }, defaults).x.isBaseUrlOverrideAllowed,
    ).toBe(true);
  });

  it('reads VIGIE_CLOCK_START as an instant with its offset, and refuses it in production', () => {
    expect(loadConfig({}, defaults).clockStart).toBeUndefined();
    expect(
      loadConfig({ VIGIE_CLOCK_START: '2026-11-20T19:29:50+01:00' }, defaults).clockStart?.toISOString(),
    ).toBe('2026-11-20T18:29:50.000Z');
    expect(problemsOf({ VIGIE_CLOCK_START: '2026-11-20 19:29' }).join()).toMatch(
      /VIGIE_CLOCK_START: must be an ISO 8601 instant with its offset/,
    );
    expect(problemsOf({ VIGIE_CLOCK_START: '2026-11-20T19:29:50' }).join()).toMatch(/VIGIE_CLOCK_START/);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        VIGIE_SECRET_KEY: secretKey,
        VIGIE_CLOCK_START: '2026-11-20T19:29:50Z',
      }),
    ).toEqual([
      'VIGIE_CLOCK_START: a shifted clock is for tests and demos only: production runs on the system clock (got "2026-11-20T19:29:50Z")',
    ]);
  });

  it('reads the outbox sending budget (X’s limits by default) and refuses a budget of zero', () => {
    expect(loadConfig({}, defaults).outbox).toEqual({
      publicRepliesPerWindow: 100,
      directMessagesPerWindow: 15,
      windowSeconds: 900,
    });
    expect(
      loadConfig({ X_POST_BUDGET: '5', X_DM_BUDGET: '2', X_SEND_WINDOW_SECONDS: '60' }, defaults).outbox,
    ).toEqual({ publicRepliesPerWindow: 5, directMessagesPerWindow: 2, windowSeconds: 60 });
    expect(problemsOf({ X_POST_BUDGET: '0' }).join()).toMatch(/X_POST_BUDGET/);
  });

  it('lower-cases the bootstrap admin email', () => {
    const config = loadConfig(
      { VIGIE_ADMIN_EMAIL: 'Admin@Example.com', VIGIE_ADMIN_PASSWORD: 'a-long-password' },
      defaults,
    );
    expect(config.bootstrapAdmin).toEqual({ email: 'admin@example.com', password: 'a-long-password' });
  });
});
