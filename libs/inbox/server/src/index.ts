export { InboxModule, inboxEntities } from './inbox.module';
export { InboundRecorderService, type RecordOutcome } from './messages/inbound-recorder.service';
export { ConversationsService, decodeCursor, encodeCursor } from './conversations/conversations.service';
export { ListConversationsQueryDto } from './conversations/list-conversations.dto';
export {
  type ConversationActivity,
  type ConversationParticipant,
  ConversationParticipants,
  type ThreadAction,
} from './activity/conversation-activity';
export { OutboxService, type EnqueueReplyParams, type OutboxJob } from './outbox/outbox.service';
