import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ConversationDetail, ConversationPage } from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { ConversationsService } from './conversations.service';
import { ListConversationsQueryDto } from './list-conversations.dto';

@ApiTags('conversations')
@Controller('conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Roles('agent', 'supervisor', 'admin', 'ops')
  @Get()
  list(@Query() query: ListConversationsQueryDto): Promise<ConversationPage> {
    return this.conversations.list({ cursor: query.cursor, limit: query.limit ?? 50 });
  }

  @Roles('agent', 'supervisor', 'admin', 'ops')
  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ConversationDetail> {
    return this.conversations.get(id);
  }
}
