import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { SOCKET_AUTHENTICATOR, type SocketAuthenticator } from './socket-authenticator';

@Module({})
export class RealtimeModule {
  /** `authenticator` comes from a module in `imports` (the identity domain in the API). */
  static forRoot(params: {
    imports: ModuleMetadata['imports'];
    authenticator: Type<SocketAuthenticator>;
  }): DynamicModule {
    return {
      module: RealtimeModule,
      imports: params.imports,
      providers: [RealtimeGateway, { provide: SOCKET_AUTHENTICATOR, useExisting: params.authenticator }],
    };
  }
}
