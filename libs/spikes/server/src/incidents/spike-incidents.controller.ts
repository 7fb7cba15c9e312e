import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  SpikeBulkAnswerView,
  SpikeIncidentList,
  SpikeIncidentView,
  SpikeLinkedConversationPage,
} from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { BulkAnswersService } from '../bulk-answers/bulk-answers.service';
import { ActingUserId } from './acting-user-id.decorator';
import {
  CreateBulkAnswerDto,
  LinkConversationDto,
  LinkedConversationsQuery,
  ListSpikeIncidentsQuery,
} from './spike-incidents.dto';
import { SpikeIncidentsService } from './spike-incidents.service';

/** Mention-volume incidents for the people who run operations (docs/spikes.md). */
@ApiTags('spikes')
@Controller('spikes/incidents')
export class SpikeIncidentsController {
  constructor(
    private readonly incidents: SpikeIncidentsService,
    private readonly bulkAnswers: BulkAnswersService,
  ) {}

  /** Newest first; `status` narrows to open or closed ones. */
  @Roles('ops', 'supervisor', 'admin')
  @Get()
  list(@Query() query: ListSpikeIncidentsQuery): Promise<SpikeIncidentList> {
    return this.incidents.list({ status: query.status ?? null, limit: query.limit ?? 50 });
  }

  @Roles('ops', 'supervisor', 'admin')
  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<SpikeIncidentView> {
    return this.incidents.get(id);
  }

  /** The linked conversations, newest links first. */
  @Roles('ops', 'supervisor', 'admin')
  @Get(':id/conversations')
  conversations(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: LinkedConversationsQuery,
  ): Promise<SpikeLinkedConversationPage> {
    return this.incidents.linkedConversations({ id, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  /** Links a conversation by hand (it gets the newcomer bulk answers). */
  @Roles('ops', 'supervisor', 'admin')
  @Post(':id/conversations')
  @HttpCode(200)
  link(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: LinkConversationDto,
  ): Promise<SpikeIncidentView> {
    return this.incidents.linkByHand({ id, conversationId: body.conversationId });
  }

  @Roles('ops', 'supervisor', 'admin')
  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(
    @Param('id', new ParseUUIDPipe()) id: string,
    @ActingUserId() userId: string,
  ): Promise<SpikeIncidentView> {
    return this.incidents.act({ id, action: 'acknowledge', userId });
  }

  @Roles('ops', 'supervisor', 'admin')
  @Post(':id/resolve')
  @HttpCode(200)
  resolve(
    @Param('id', new ParseUUIDPipe()) id: string,
    @ActingUserId() userId: string,
  ): Promise<SpikeIncidentView> {
    return this.incidents.act({ id, action: 'resolve', userId });
  }

  @Roles('ops', 'supervisor', 'admin')
  @Post(':id/false-alarm')
  @HttpCode(200)
  markFalseAlarm(
    @Param('id', new ParseUUIDPipe()) id: string,
    @ActingUserId() userId: string,
  ): Promise<SpikeIncidentView> {
    return this.incidents.act({ id, action: 'false_alarm', userId });
  }

  /** Queues one reply per linked conversation in the outbox; the progress comes back in `incident.updated`. */
  @Roles('ops', 'supervisor', 'admin')
  @Post(':id/answers')
  @HttpCode(202)
  answer(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateBulkAnswerDto,
    @ActingUserId() userId: string,
  ): Promise<SpikeBulkAnswerView> {
    return this.bulkAnswers.create({
      incidentId: id,
      texts: body.texts,
      requestKey: body.requestKey,
      isForNewcomers: body.isForNewcomers ?? false,
      userId,
    });
  }
}
