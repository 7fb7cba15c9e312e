import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CannedAnswerList, CannedAnswerView, ConversationCannedAnswers } from '@vigie/contracts';
import { DomainError } from '@vigie/kernel';
import { Roles } from '@vigie/server';
import { CannedAnswersService } from '../answers/canned-answers.service';
import { CannedRenderingService } from '../rendering/canned-rendering.service';
import {
  ConversationCannedAnswersQueryDto,
  CreateCannedAnswerDto,
  ListCannedAnswersQueryDto,
  UpdateCannedAnswerDto,
} from './canned-answers.dto';
import { type CurrentUser, SignedInUser } from './current-agent.decorator';

/** Canned answers: agents list and search them; supervisors and admins write them (docs/console.md). */
@ApiTags('canned answers')
@Controller('canned-answers')
export class CannedAnswersController {
  constructor(private readonly answers: CannedAnswersService) {}

  @Roles('agent', 'supervisor', 'admin')
  @Get()
  async list(
    @Query() query: ListCannedAnswersQueryDto,
    @SignedInUser() user: CurrentUser,
  ): Promise<CannedAnswerList> {
    if (query.includeDeleted && user.role === 'agent')
      throw new DomainError({
        code: 'forbidden',
        message: 'Only supervisors and admins see deleted canned answers.',
      });
    return {
      items: await this.answers.list({
        brandId: query.brandId,
        language: query.language,
        search: query.q,
        isDeletedIncluded: query.includeDeleted === true,
      }),
    };
  }

  @Roles('agent', 'supervisor', 'admin')
  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<CannedAnswerView> {
    return this.answers.get(id);
  }

  @Roles('supervisor', 'admin')
  @Post()
  create(@Body() body: CreateCannedAnswerDto, @SignedInUser() user: CurrentUser): Promise<CannedAnswerView> {
    return this.answers.create({ request: body, userId: user.userId });
  }

  @Roles('supervisor', 'admin')
  @Patch(':id')
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateCannedAnswerDto,
    @SignedInUser() user: CurrentUser,
  ): Promise<CannedAnswerView> {
    return this.answers.update({ id, request: body, userId: user.userId });
  }

  /** Soft delete: the answer leaves every list and can be restored. */
  @Roles('supervisor', 'admin')
  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Param('id', new ParseUUIDPipe()) id: string,
    @SignedInUser() user: CurrentUser,
  ): Promise<void> {
    await this.answers.remove({ id, userId: user.userId });
  }

  @Roles('supervisor', 'admin')
  @Post(':id/restore')
  @HttpCode(200)
  restore(
    @Param('id', new ParseUUIDPipe()) id: string,
    @SignedInUser() user: CurrentUser,
  ): Promise<CannedAnswerView> {
    return this.answers.restore({ id, userId: user.userId });
  }
}

/** The `/` picker of the reply box: the conversation's brand's answers, filled in for it. */
@ApiTags('canned answers')
@Controller('conversations')
export class ConversationCannedAnswersController {
  constructor(private readonly rendering: CannedRenderingService) {}

  @Roles('agent', 'supervisor', 'admin')
  @Get(':id/canned-answers')
  list(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: ConversationCannedAnswersQueryDto,
    @SignedInUser() user: CurrentUser,
  ): Promise<ConversationCannedAnswers> {
    return this.rendering.forConversation({
      conversationId: id,
      agent: { userId: user.userId, displayName: user.displayName },
      locale: query.locale,
      search: query.q,
    });
  }
}
