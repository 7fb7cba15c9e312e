import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CrmModule } from '@vigie/crm-server';
import { ConversationParticipants } from './activity/conversation-activity';
import { Conversation } from './conversations/conversation.entity';
import { ConversationRepository } from './conversations/conversation.repository';
import { ConversationsController } from './conversations/conversations.controller';
import { ConversationsService } from './conversations/conversations.service';
import { InboundRecorderService } from './messages/inbound-recorder.service';
import { Message } from './messages/message.entity';
import { MessageRepository } from './messages/message.repository';

export const inboxEntities = [Conversation, Message];

@Module({
  imports: [TypeOrmModule.forFeature(inboxEntities), CrmModule],
  controllers: [ConversationsController],
  providers: [
    ConversationRepository,
    MessageRepository,
    ConversationsService,
    InboundRecorderService,
    ConversationParticipants,
  ],
  exports: [InboundRecorderService, ConversationsService, ConversationParticipants],
})
export class InboxModule {}
