export * from './socket-authenticator';
export * from './realtime.module';
export * from './vigie-io.adapter';
export { RealtimeGateway } from './realtime.gateway';
export {
  CONVERSATION_ACCESS,
  type ConversationAccess,
  RoleConversationAccess,
} from './conversation-presence';
