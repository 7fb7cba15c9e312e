export * from './lib/inbound-message.type';
export * from './lib/conversation-rules';
export * from './lib/agent-actions';
