import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { buildDataSourceOptions, type DatabaseConnection, runMigrations } from '@vigie/database';
import type { Clock } from '@vigie/kernel';
import {
  type AppConfig,
  type EmbeddedPostgres,
  LifecycleState,
  secretCipherFromConfig,
  startEmbeddedPostgres,
} from '@vigie/server';
import { IngestionSupervisor } from '@vigie/ingestion-server';
import { AppModule } from './app.module';
import { entities } from './entities';
import { configureHttp } from './http-setup';

export type VigieApp = {
  app: NestExpressApplication;
  url: string;
  consoleDir?: string;
  /** Stops taking work, drains what is in flight, closes sockets, the pool and the embedded database. */
  close(): Promise<void>;
};

/**
 * Starts Vigie: the database (embedded PGlite when no DATABASE_URL), migrations, then Nest.
 * Used by main.ts and by the medium tests (which pass their own database and clock).
 */
export async function createVigieApp(params: {
  config: AppConfig;
  connection?: DatabaseConnection;
  clock?: Clock;
}): Promise<VigieApp> {
  const { config } = params;
  let embedded: EmbeddedPostgres | undefined;
  let connection = params.connection;
  if (!connection) {
    if (config.database.url) {
      connection = { kind: 'url', url: config.database.url };
    } else {
      embedded = await startEmbeddedPostgres({ dataDir: config.database.embeddedDataDir });
      connection = { kind: 'embedded', host: embedded.host, port: embedded.port };
    }
  }
  try {
    await runMigrations({
      options: buildDataSourceOptions({ connection, entities }),
      lock: connection.kind === 'url' ? 'advisory' : 'none',
      // Migrations that seal secrets at rest use the application's key (docs/adr/0306).
      secrets: secretCipherFromConfig(config),
    });
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, connection, clock: params.clock }),
      { bufferLogs: true, bodyParser: false, abortOnError: false },
    );
    app.useLogger(app.get(Logger));
    const { consoleDir } = configureHttp(app, config);
    await app.listen(config.http.port, config.http.host);
    const server = app.getHttpServer();
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.http.port;
    const url = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${port}`;
    // Ingestion starts once the API answers (webhooks, readiness), and stops before the pool closes.
    await app.get(IngestionSupervisor).start();
    return {
      app,
      url,
      consoleDir,
      async close() {
        // Report "draining" first and keep serving for a moment: load balancers stop sending, and requests
        // already written to accepted connections get read (closing then would reset them). Then stop
        // accepting, close idle keep-alive sockets, and let in-flight requests finish.
        app.get(LifecycleState).startDraining();
        await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainDelayMs));
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
