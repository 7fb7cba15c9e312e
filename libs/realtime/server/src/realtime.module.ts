import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { SOCKET_AUTHENTICATOR, type SocketAuthenticator } from './socket-authenticator';
import {
  CONVERSATION_ACCESS,
  type ConversationAccess,
  RoleConversationAccess,
} from './conversation-presence';

@Module({})
export class RealtimeModule {
  /** `authenticator` comes from a module in `imports` (the identity domain in the API). */
  static forRoot(params: {
    imports: ModuleMetadata['imports'];
    authenticator: Type<SocketAuthenticator>;
    /** Who may join a conversation's viewers; by default every inbox role (see RoleConversationAccess). */
    conversationAccess?: Type<ConversationAccess>;
  }): DynamicModule {
    return {
      module: RealtimeModule,
      imports: params.imports,
      providers: [
        RealtimeGateway,
        { provide: SOCKET_AUTHENTICATOR, useExisting: params.authenticator },
        params.conversationAccess
          ? { provide: CONVERSATION_ACCESS, useExisting: params.conversationAccess }
          : { provide: CONVERSATION_ACCESS, useClass: RoleConversationAccess },
      ],
    };
  }
}
