import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  type ChangeConversationStatusRequest,
  type ConversationActionState,
  type ConversationNote,
  type ConversationStatus,
  conversationStatuses,
  type ConversationPriorityState,
  type CreateConversationNoteRequest,
  type RoutingPriority,
  type SetConversationPriorityRequest,
  type SetConversationTagsRequest,
} from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { ActingUserId } from './acting-user.decorator';
import { maxTags } from '@vigie/inbox-core';
import { AgentActionsService } from './agent-actions.service';

export class ChangeConversationStatusDto implements ChangeConversationStatusRequest {
  @ApiProperty({ enum: conversationStatuses })
  @IsIn(conversationStatuses, { message: `status must be one of: ${conversationStatuses.join(', ')}` })
  status!: ConversationStatus;

  @ApiPropertyOptional({ description: 'ISO date-time; required with snoozed, refused otherwise' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'snoozedUntil must be an ISO 8601 date-time' })
  snoozedUntil?: string;
}

export class SetConversationTagsDto implements SetConversationTagsRequest {
  @ApiProperty({ type: [String], example: ['facturation', 'fibre'] })
  @IsArray()
  @ArrayMaxSize(maxTags)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  tags!: string[];
}

const priorities = ['urgent', 'high', 'medium', 'low'] as const satisfies readonly RoutingPriority[];

export class SetConversationPriorityDto implements SetConversationPriorityRequest {
  @ApiProperty({ enum: priorities })
  @IsIn(priorities, { message: `priority must be one of: ${priorities.join(', ')}` })
  priority!: RoutingPriority;
}

export class CreateConversationNoteDto implements CreateConversationNoteRequest {
  @ApiProperty({ example: 'Client fidèle depuis 2012, déjà eu deux pannes ce mois-ci.' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  text!: string;
}

/** Status, tags, priority and internal notes of a conversation. Ops may read notes; only agents and above act. */
@ApiTags('conversations')
@Controller('conversations')
export class AgentActionsController {
  constructor(private readonly actions: AgentActionsService) {}

  @Roles('agent', 'supervisor', 'admin')
  @Post(':id/status')
  @HttpCode(200)
  changeStatus(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ChangeConversationStatusDto,
    @ActingUserId() userId: string,
  ): Promise<ConversationActionState> {
    return this.actions.changeStatus({
      conversationId: id,
      userId,
      status: body.status,
      snoozedUntil: body.snoozedUntil ? new Date(body.snoozedUntil) : null,
    });
  }

  @Roles('agent', 'supervisor', 'admin')
  @Put(':id/tags')
  setTags(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: SetConversationTagsDto,
    @ActingUserId() userId: string,
  ): Promise<ConversationActionState> {
    return this.actions.setTags({ conversationId: id, userId, tags: body.tags });
  }

  /** The routing band (docs/routing.md): routing reorders its queue, SLA re-chooses the policy (docs/sla.md). */
  @Roles('agent', 'supervisor', 'admin')
  @Post(':id/priority')
  @HttpCode(200)
  setPriority(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: SetConversationPriorityDto,
    @ActingUserId() userId: string,
  ): Promise<ConversationPriorityState> {
    return this.actions.setPriority({ conversationId: id, userId, priority: body.priority });
  }

  @Roles('agent', 'supervisor', 'admin', 'ops')
  @Get(':id/notes')
  listNotes(@Param('id', new ParseUUIDPipe()) id: string): Promise<ConversationNote[]> {
    return this.actions.listNotes(id);
  }

  @Roles('agent', 'supervisor', 'admin')
  @Post(':id/notes')
  addNote(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateConversationNoteDto,
    @ActingUserId() userId: string,
  ): Promise<ConversationNote> {
    return this.actions.addNote({ conversationId: id, userId, text: body.text });
  }
}
