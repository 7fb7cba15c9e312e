import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ConversationSla } from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { SlaReadService } from './sla-read.service';

@ApiTags('sla')
@Controller('conversations')
export class SlaClocksController {
  constructor(private readonly reads: SlaReadService) {}

  /** Both clocks of a conversation, their due times explained, and the append-only SLA event log. */
  @Roles('agent', 'supervisor', 'admin', 'ops')
  @Get(':id/sla')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ConversationSla> {
    return this.reads.conversationSla(id);
  }
}
