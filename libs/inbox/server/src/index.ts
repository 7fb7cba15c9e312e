export { InboxModule, inboxEntities } from './inbox.module';
export { InboundRecorderService, type RecordOutcome } from './messages/inbound-recorder.service';
export { ConversationsService } from './conversations/conversations.service';
export {
  type ConversationActivity,
  type ConversationParticipant,
  ConversationParticipants,
  type ThreadAction,
} from './activity/conversation-activity';
export { OutboxService, type EnqueueReplyParams, type OutboxJob } from './outbox/outbox.service';
