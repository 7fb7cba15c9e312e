import { z } from 'zod';
import type { FakeXOptions } from '../fake-x';

const environmentSchema = z.object({
  FAKE_X_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  FAKE_X_HOST: z.string().default('127.0.0.1'),
  FAKE_X_KEEPALIVE_MS: z.coerce.number().int().positive().default(20_000),
  FAKE_X_SCENARIO: z.enum(['demo', 'outage', 'fast', 'none']).default('none'),
  FAKE_X_SEED: z.string().default('42'),
  FAKE_X_RATE: z.coerce.number().positive().optional(),
  FAKE_X_COUNT: z.coerce.number().int().positive().optional(),
});

/** Reads and validates the environment once; one readable error on a bad value. */
export function loadFakeXConfig(environment: NodeJS.ProcessEnv): FakeXOptions & { port: number } {
  const result = environmentSchema.safeParse(environment);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`fake-x: invalid configuration: ${problems}`);
  }
  const config = result.data;
  return {
    port: config.FAKE_X_PORT,
    host: config.FAKE_X_HOST,
    keepAliveMs: config.FAKE_X_KEEPALIVE_MS,
    scenario: {
      mode: config.FAKE_X_SCENARIO,
      seed: config.FAKE_X_SEED,
      ratePerSecond: config.FAKE_X_RATE,
      count: config.FAKE_X_COUNT,
    },
  };
}
