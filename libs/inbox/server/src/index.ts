export { InboxModule, inboxEntities } from './inbox.module';
export { InboundRecorderService, type RecordOutcome } from './messages/inbound-recorder.service';
export { ConversationsService } from './conversations/conversations.service';
