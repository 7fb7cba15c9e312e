import { ConfigError, defaultDemoPassword, loadConfig } from './app-config';

const defaults = { nodeName: 'test-node' };

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
    expect(config.demo).toEqual({ isEnabled: false, password: defaultDemoPassword });
    expect(config.nodeName).toBe('test-node');
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

  it('refuses demo mode in production without an explicit demo password', () => {
    expect(problemsOf({ NODE_ENV: 'production', VIGIE_DEMO: 'true' }).join()).toMatch(/VIGIE_DEMO_PASSWORD/);
  });

  it('turns secure cookies on in production unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }, defaults).session.isCookieSecure).toBe(true);
    expect(
      loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false' }, defaults).session.isCookieSecure,
    ).toBe(false);
  });

  it('lower-cases the bootstrap admin email', () => {
    const config = loadConfig(
      { VIGIE_ADMIN_EMAIL: 'Admin@Example.com', VIGIE_ADMIN_PASSWORD: 'a-long-password' },
      defaults,
    );
    expect(config.bootstrapAdmin).toEqual({ email: 'admin@example.com', password: 'a-long-password' });
  });
});
