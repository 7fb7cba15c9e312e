import {
  Body,
  ConflictException,
  Controller,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { CreateReplyRequest, CreateReplyResponse, ReplyMode } from '@vigie/contracts';
import { isDomainError } from '@vigie/kernel';
import { Roles } from '@vigie/server';
import { ActingUserId } from '../agent-actions/acting-user.decorator';
import { OutboxService } from './outbox.service';

const replyModes: ReplyMode[] = ['public_reply', 'direct_message'];

export class CreateReplyDto implements CreateReplyRequest {
  @ApiProperty({ description: 'Checked as X counts it (twitter-text): 280 for a post, 10,000 for a DM' })
  @IsString()
  @MaxLength(20_000)
  text!: string;

  @ApiProperty({ enum: replyModes })
  @IsIn(replyModes, { message: `mode must be one of: ${replyModes.join(', ')}` })
  mode!: ReplyMode;

  @ApiProperty({ description: 'One per send attempt, chosen by the console: the same key never posts twice' })
  @Matches(/^[A-Za-z0-9_:.-]{8,100}$/, {
    message: 'idempotencyKey must be 8 to 100 letters, digits or _:.- (a UUID works)',
  })
  idempotencyKey!: string;

  @ApiPropertyOptional({ description: 'The newest message the agent saw' })
  @IsOptional()
  @IsUUID()
  expectedLastMessageId?: string;
}

/** Agents answering: the reply is queued in the outbox and sent by the channel's dispatcher. */
@ApiTags('conversations')
@Controller('conversations')
export class RepliesController {
  constructor(private readonly outbox: OutboxService) {}

  @Roles('agent', 'supervisor', 'admin')
  @Post(':id/replies')
  @HttpCode(202)
  async reply(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateReplyDto,
    @ActingUserId() userId: string,
  ): Promise<CreateReplyResponse> {
    try {
      return {
        message: await this.outbox.replyAsAgent({
          conversationId: id,
          text: body.text,
          mode: body.mode,
          userId,
          idempotencyKey: body.idempotencyKey,
          expectedLastMessageId: body.expectedLastMessageId,
        }),
      };
    } catch (error) {
      // The two refusals the console acts on carry more than a message: mapped here, at the edge.
      if (isDomainError(error) && error.details?.['reason'] === 'conversation_changed')
        throw new ConflictException({
          statusCode: 409,
          code: 'conversation_changed',
          message: error.message,
          messages: error.details['messages'],
        });
      if (isDomainError(error) && error.details?.['reason'] === 'text_too_long')
        throw new UnprocessableEntityException({
          statusCode: 422,
          code: 'text_too_long',
          message: error.message,
          weightedLength: error.details['weightedLength'],
          maxWeightedLength: error.details['maxWeightedLength'],
        });
      throw error;
    }
  }
}
