import { loadFakeXConfig } from './config/fake-x-config';
import { startFakeX } from './fake-x';

/**
 * The fake X API v2 as a process. Env: FAKE_X_PORT (default 4100, 0 = any free port), FAKE_X_KEEPALIVE_MS,
 * FAKE_X_SCENARIO=demo|outage|fast|none, FAKE_X_SEED, FAKE_X_RATE (posts/s), FAKE_X_COUNT.
 * Prints `fake-x listening on <url>` once ready; exits 0 on SIGTERM/SIGINT.
 */
async function main(): Promise<void> {
  const config = loadFakeXConfig(process.env);
  const fakeX = await startFakeX(config);
  process.stdout.write(`fake-x listening on ${fakeX.url}\n`);
  if (config.scenario && config.scenario.mode !== 'none') {
    process.stdout.write(
      `fake-x scenario ${config.scenario.mode} (seed ${config.scenario.seed}) for @${fakeX.brand?.username ?? 'VigieTelecom'}\n`,
    );
  }
  const stop = () => void fakeX.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
