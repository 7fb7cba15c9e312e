import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ConversationPage } from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { type Actor } from '../assignments/assignments.service';
import { CurrentActor } from '../http/actor.decorator';
import { RoutingInboxQueryDto } from './routing-inbox.dto';
import { RoutingInboxService } from './routing-inbox.service';

@ApiTags('routing')
@Controller('routing')
export class RoutingInboxController {
  constructor(private readonly inbox: RoutingInboxService) {}

  /** "Mine" (held by the caller) and "Unassigned" (queued, waiting for a reply): pages like `GET /conversations`. */
  @Roles('agent', 'supervisor', 'admin')
  @Get('inbox')
  list(@Query() query: RoutingInboxQueryDto, @CurrentActor() actor: Actor): Promise<ConversationPage> {
    return this.inbox.page({
      view: query.view,
      agentId: actor.userId,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      limit: query.limit ?? 50,
    });
  }
}
