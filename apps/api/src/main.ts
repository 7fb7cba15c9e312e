import 'reflect-metadata';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { clockFromConfig, ConfigError, loadConfig } from '@vigie/server';
import { createVigieApp } from './create-vigie-app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { nodeName: `${hostname()}-${process.pid}` });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
  // Made before the database starts: a shifted clock (VIGIE_CLOCK_START) starts when the process does.
  const vigie = await createVigieApp({ config, clock: clockFromConfig(config) });
  const logger = new Logger('Main');
  if (config.clockStart)
    logger.warn(
      { clockStart: config.clockStart.toISOString() },
      'Clock shifted by VIGIE_CLOCK_START: "now" started at that instant (tests and demos only)',
    );
  logger.log(
    {
      url: vigie.url,
      console: vigie.consoleDir ?? 'not built',
      database: config.database.url ? 'postgres' : 'embedded',
    },
    'Vigie API ready',
  );

  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.log({ signal }, 'Shutting down: draining in-flight work');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'Shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    vigie
      .close()
      .then(() => {
        logger.log('Shutdown complete');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Vigie failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
