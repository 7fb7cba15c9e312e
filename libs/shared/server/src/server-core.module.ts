import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK } from '@vigie/kernel';
import { clockFromConfig } from './clock/offset-clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { DomainEventBus } from './events/domain-event-bus';
import { LifecycleState } from './health/lifecycle-state';
import { SECRET_CIPHER } from './secrets/secret-cipher';
import { secretCipherProvider } from './secrets/secret-key';

/**
 * What every domain module may inject: the validated AppConfig, the Clock, the event bus and the secret cipher.
 * Tests pass their own config and a FakeClock; otherwise the clock follows the config (`VIGIE_CLOCK_START`).
 */
@Global()
@Module({})
export class ServerCoreModule {
  static forRoot(params: { config: AppConfig; clock?: { now(): Date } }): DynamicModule {
    return {
      module: ServerCoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: params.config },
        { provide: CLOCK, useValue: params.clock ?? clockFromConfig(params.config) },
        DomainEventBus,
        LifecycleState,
        secretCipherProvider,
      ],
      exports: [APP_CONFIG, CLOCK, DomainEventBus, LifecycleState, SECRET_CIPHER],
    };
  }
}
