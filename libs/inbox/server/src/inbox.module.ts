import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CrmModule } from '@vigie/crm-server';
import { ConversationParticipants } from './activity/conversation-activity';
import { AgentActionsController } from './agent-actions/agent-actions.controller';
import { AgentActionsRepository } from './agent-actions/agent-actions.repository';
import { AgentActionsService } from './agent-actions/agent-actions.service';
import { SnoozeWaker } from './agent-actions/snooze-waker.service';
import { Conversation } from './conversations/conversation.entity';
import { ConversationRepository } from './conversations/conversation.repository';
import { ConversationsController } from './conversations/conversations.controller';
import { ConversationsService } from './conversations/conversations.service';
import { InboundRecorderService } from './messages/inbound-recorder.service';
import { Message } from './messages/message.entity';
import { MessageRepository } from './messages/message.repository';
import { OutboxRepository } from './outbox/outbox.repository';
import { OutboxService } from './outbox/outbox.service';
import { RepliesController } from './outbox/replies.controller';

export const inboxEntities = [Conversation, Message];

@Module({
  imports: [TypeOrmModule.forFeature(inboxEntities), CrmModule],
  controllers: [ConversationsController, RepliesController, AgentActionsController],
  providers: [
    ConversationRepository,
    MessageRepository,
    ConversationsService,
    InboundRecorderService,
    ConversationParticipants,
    OutboxRepository,
    OutboxService,
    AgentActionsRepository,
    AgentActionsService,
    SnoozeWaker,
  ],
  exports: [InboundRecorderService, ConversationsService, ConversationParticipants, OutboxService],
})
export class InboxModule {}
