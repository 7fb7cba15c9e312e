import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { buildDataSourceOptions, type DatabaseConnection } from '@vigie/database';
import { CannedModule } from '@vigie/canned-server';
import { IdentityModule, SessionSocketAuthenticator } from '@vigie/identity-server';
import { IngestionModule } from '@vigie/ingestion-server';
import { RealtimeModule } from '@vigie/realtime-server';
import { RoutingModule } from '@vigie/routing-server';
import { SlaModule } from '@vigie/sla-server';
import { SpikesModule } from '@vigie/spikes-server';
import { type AppConfig, buildLoggerParams, HealthController, ServerCoreModule } from '@vigie/server';
import type { Clock } from '@vigie/kernel';
import { CrmCompositionModule } from './crm/crm-composition.module';
import { SpikesCompositionModule } from './spikes/spikes-composition.module';
import { InboxViewsModule } from './inbox/inbox-views.module';
import { SlaCompositionModule } from './sla/sla-composition.module';
import { entities } from './entities';

/** The composition root: every domain module, wired once. */
@Module({})
export class AppModule {
  static forRoot(params: {
    config: AppConfig;
    connection: DatabaseConnection;
    clock?: Clock;
  }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServerCoreModule.forRoot({ config: params.config, clock: params.clock }),
        LoggerModule.forRoot(buildLoggerParams(params.config)),
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions({
            connection: params.connection,
            entities,
            poolSize: params.config.database.poolSize,
            applicationName: `vigie-${params.config.nodeName}`,
          }),
          // The database is already up and migrated when Nest starts (see main.ts): fail fast.
          retryAttempts: 0,
        }),
        IdentityModule,
        IngestionModule,
        CrmCompositionModule,
        RoutingModule,
        SlaModule,
        SlaCompositionModule,
        SpikesModule,
        SpikesCompositionModule,
        InboxViewsModule,
        CannedModule,
        RealtimeModule.forRoot({ imports: [IdentityModule], authenticator: SessionSocketAuthenticator }),
      ],
      controllers: [HealthController],
    };
  }
}
