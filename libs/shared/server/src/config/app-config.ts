import { z } from 'zod';

/**
 * The one place that reads `process.env`. Every variable is documented in `.env.example`.
 * A bad or missing value stops start-up with one message naming each bad variable.
 */
const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .refine(
      (value) => value === undefined || protocols.some((protocol) => value.startsWith(`${protocol}://`)),
      {
        message: `must start with ${protocols.map((protocol) => `${protocol}://`).join(' or ')}`,
      },
    );

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number({ error: 'must be a port number (0-65535)' }).int().min(0).max(65535).default(3000),
  PUBLIC_URL: optionalUrl(['http', 'https']),
  CONSOLE_ORIGIN: optionalUrl(['http', 'https']),
  CONSOLE_DIR: z.string().optional(),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  VIGIE_DATA_DIR: z.string().min(1).default('.vigie/data'),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .max(60 * 24 * 30)
    .default(120),
  COOKIE_SECURE: booleanString.optional(),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_BLOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  VIGIE_ADMIN_EMAIL: z.email().optional(),
  VIGIE_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  VIGIE_DEMO: booleanString.default(false),
  VIGIE_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  VIGIE_DEMO_SPIKE_HISTORY_HOURS: z.coerce.number().int().min(0).max(168).default(0),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SHUTDOWN_DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  VIGIE_NODE_NAME: z.string().min(1).optional(),
  VIGIE_SECRET_KEY: z
    .string()
    .optional()
    .refine((value) => value === undefined || Buffer.from(value, 'base64').length === 32, {
      message: 'must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)',
    }),
  X_API_BASE_URL: optionalUrl(['http', 'https']),
  X_ALLOW_BASE_URL_OVERRIDE: booleanString.default(false),
  INGESTION_ENABLED: booleanString.default(true),
  X_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  X_DM_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(65_000),
  X_STREAM_STALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  X_RETRY_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  X_RETRY_MAX_MS: z.coerce.number().int().min(100).max(3_600_000).default(320_000),
  INGESTION_LEASE_RETRY_MS: z.coerce.number().int().min(10).max(600_000).default(15_000),
  X_POST_BUDGET: z.coerce.number().int().min(1).max(100_000).default(100),
  X_DM_BUDGET: z.coerce.number().int().min(1).max(100_000).default(15),
  X_SEND_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  VIGIE_CLOCK_START: z.iso
    .datetime({
      offset: true,
      error: 'must be an ISO 8601 instant with its offset, e.g. 2026-11-20T19:29:50+01:00',
    })
    .optional(),
});

/**
 * Rules across variables. Checked on the raw values, so they are reported together with the
 * per-variable problems (zod skips refinements when the object itself is invalid).
 */
function crossVariableProblems(env: Record<string, string | undefined>): { name: string; message: string }[] {
  const problems: { name: string; message: string }[] = [];
  if ((env['VIGIE_ADMIN_EMAIL'] === undefined) !== (env['VIGIE_ADMIN_PASSWORD'] === undefined)) {
    problems.push({
      name: env['VIGIE_ADMIN_EMAIL'] === undefined ? 'VIGIE_ADMIN_EMAIL' : 'VIGIE_ADMIN_PASSWORD',
      message: 'VIGIE_ADMIN_EMAIL and VIGIE_ADMIN_PASSWORD go together: set both or neither',
    });
  }
  const isDemo = ['true', '1', 'yes'].includes(env['VIGIE_DEMO'] ?? '');
  if (env['NODE_ENV'] === 'production' && isDemo && env['VIGIE_DEMO_PASSWORD'] === undefined) {
    problems.push({
      name: 'VIGIE_DEMO_PASSWORD',
      message: 'demo mode in production needs an explicit VIGIE_DEMO_PASSWORD',
    });
  }
  if (env['NODE_ENV'] === 'production' && env['VIGIE_SECRET_KEY'] === undefined) {
    problems.push({
      name: 'VIGIE_SECRET_KEY',
      message: 'production needs VIGIE_SECRET_KEY to encrypt channel tokens at rest',
    });
  }
  const isOverrideAllowed = ['true', '1', 'yes'].includes(env['X_ALLOW_BASE_URL_OVERRIDE'] ?? '');
  if (env['NODE_ENV'] === 'production' && env['X_API_BASE_URL'] !== undefined && !isOverrideAllowed) {
    problems.push({
      name: 'X_API_BASE_URL',
      message: 'another X API base URL in production needs X_ALLOW_BASE_URL_OVERRIDE=true',
    });
  }
  if (env['NODE_ENV'] === 'production' && env['VIGIE_CLOCK_START'] !== undefined) {
    problems.push({
      name: 'VIGIE_CLOCK_START',
      message: 'a shifted clock is for tests and demos only: production runs on the system clock',
    });
  }
  return problems;
}

export type AppConfig = {
  environment: 'development' | 'production' | 'test';
  http: { host: string; port: number; publicUrl?: string; consoleOrigin?: string; consoleDir?: string };
  database: { url?: string; poolSize: number; embeddedDataDir: string };
  redis: { url?: string };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  session: { ttlHours: number; idleMinutes: number; isCookieSecure: boolean };
  login: { maxFailures: number; blockSeconds: number };
  bootstrapAdmin?: { email: string; password: string };
  /** `spikeHistoryHours`: the demo feed's simulated past laid for the spike detector (0: none; ADR 0407). */
  demo: { isEnabled: boolean; password: string; spikeHistoryHours: number };
  shutdownTimeoutMs: number;
  shutdownDrainDelayMs: number;
  nodeName: string;
  /** 32 bytes for AES-256-GCM of channel credentials; absent in development (a per-install key file is used). */
  secretKey?: Buffer;
  x: { apiBaseUrl?: string; isBaseUrlOverrideAllowed: boolean };
  ingestion: {
    isEnabled: boolean;
    pollIntervalMs: number;
    dmPollIntervalMs: number;
    streamStallTimeoutMs: number;
    retryBaseDelayMs: number;
    retryMaxDelayMs: number;
    leaseRetryMs: number;
  };
  /**
   * The outbox's sending budget per channel account (docs/replies.md): at most this many public replies, or
   * DMs, in any window of `windowSeconds` (X: 100 posts and 15 DMs per 15 minutes per account).
   */
  outbox: { publicRepliesPerWindow: number; directMessagesPerWindow: number; windowSeconds: number };
  /**
   * Tests and demos only (refused in production): the API's Clock starts at this instant and runs on in real
   * time, so a built process can live through a Friday evening whatever the real date (docs/sla.md).
   */
  clockStart?: Date;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Default demo password: only for local demos; production demo mode must set its own. */
export const defaultDemoPassword = 'vigie-demo-2026';

/**
 * Parses and validates the environment once. Throws a ConfigError naming every bad variable.
 * @param env usually `process.env`; tests pass a plain object.
 * @param defaults values used when the variable is unset (e.g. the node name).
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  defaults: { nodeName: string },
): AppConfig {
  // Empty strings mean "unset": .env files often carry `NAME=` lines.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(cleaned);
  const issues = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({
          name: issue.path.join('.') || '(environment)',
          message: issue.message,
        }))),
    ...crossVariableProblems(cleaned),
  ];
  if (!parsed.success || issues.length > 0) {
    const problems = issues.map(({ name, message }) => {
      const value = cleaned[name];
      const isSecret = /PASSWORD|SECRET|KEY|TOKEN/.test(name);
      const shown = value === undefined ? 'unset' : isSecret ? 'value hidden' : `got "${value}"`;
      return `${name}: ${message} (${shown})`;
    });
    throw new ConfigError(problems);
  }
  const values = parsed.data;
  return {
    environment: values.NODE_ENV,
    http: {
      host: values.HOST,
      port: values.PORT,
      publicUrl: values.PUBLIC_URL,
      consoleOrigin: values.CONSOLE_ORIGIN,
      consoleDir: values.CONSOLE_DIR,
    },
    database: {
      url: values.DATABASE_URL,
      poolSize: values.DATABASE_POOL_SIZE,
      embeddedDataDir: values.VIGIE_DATA_DIR,
    },
    redis: { url: values.REDIS_URL },
    log: { level: values.LOG_LEVEL },
    session: {
      ttlHours: values.SESSION_TTL_HOURS,
      idleMinutes: values.SESSION_IDLE_MINUTES,
      isCookieSecure: values.COOKIE_SECURE ?? values.NODE_ENV === 'production',
    },
    login: { maxFailures: values.LOGIN_MAX_FAILURES, blockSeconds: values.LOGIN_BLOCK_SECONDS },
    bootstrapAdmin:
      values.VIGIE_ADMIN_EMAIL && values.VIGIE_ADMIN_PASSWORD
        ? { email: values.VIGIE_ADMIN_EMAIL.toLowerCase(), password: values.VIGIE_ADMIN_PASSWORD }
        : undefined,
    demo: {
      isEnabled: values.VIGIE_DEMO,
      password: values.VIGIE_DEMO_PASSWORD ?? defaultDemoPassword,
      spikeHistoryHours: values.VIGIE_DEMO_SPIKE_HISTORY_HOURS,
    },
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    shutdownDrainDelayMs: values.SHUTDOWN_DRAIN_DELAY_MS,
    nodeName: values.VIGIE_NODE_NAME ?? defaults.nodeName,
    secretKey: values.VIGIE_SECRET_KEY ? Buffer.from(values.VIGIE_SECRET_KEY, 'base64') : undefined,
    x: { apiBaseUrl: values.X_API_BASE_URL, isBaseUrlOverrideAllowed: values.X_ALLOW_BASE_URL_OVERRIDE },
    ingestion: {
      isEnabled: values.INGESTION_ENABLED,
      pollIntervalMs: values.X_POLL_INTERVAL_MS,
      dmPollIntervalMs: values.X_DM_POLL_INTERVAL_MS,
      streamStallTimeoutMs: values.X_STREAM_STALL_TIMEOUT_MS,
      retryBaseDelayMs: values.X_RETRY_BASE_MS,
      retryMaxDelayMs: values.X_RETRY_MAX_MS,
      leaseRetryMs: values.INGESTION_LEASE_RETRY_MS,
    },
    outbox: {
      publicRepliesPerWindow: values.X_POST_BUDGET,
      directMessagesPerWindow: values.X_DM_BUDGET,
      windowSeconds: values.X_SEND_WINDOW_SECONDS,
    },
    clockStart: values.VIGIE_CLOCK_START ? new Date(values.VIGIE_CLOCK_START) : undefined,
  };
}

/** Injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
