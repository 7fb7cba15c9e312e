import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  SpikeBulkAnswerFailures,
  SpikeBulkAnswerView,
  SpikeIncidentList,
  SpikeIncidentView,
  SpikeLinkedConversationPage,
} from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { BulkAnswersService } from '../bulk-answers/bulk-answers.service';
import { ActingUserId } from './acting-user-id.decorator';
import { IncidentRegroupingService } from './incident-regrouping.service';
import {
  CreateBulkAnswerDto,
  LinkConversationDto,
  LinkedConversationsQuery,
  ListSpikeIncidentsQuery,
  MergeIncidentDto,
  SplitIncidentDto,
} from './spike-incidents.dto';
import { SpikeIncidentsService } from './spike-incidents.service';

/** Mention-volume incidents for the people who run operations (docs/spikes.md). */
@ApiTags('spikes')
@Controller('spikes/incidents')
export class SpikeIncidentsController {
  constructor(
    private readonly incidents: SpikeIncidentsService,
    private readonly bulkAnswers: BulkAnswersService,
    private readonly regrouping: IncidentRegroupingService,
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

  /** Unlinks a conversation (the topic linker will not link it again; ops may, by hand). */
  @Roles('ops', 'supervisor', 'admin')
  @Delete(':id/conversations/:conversationId')
  unlink(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('conversationId', new ParseUUIDPipe()) conversationId: string,
    @ActingUserId() userId: string,
  ): Promise<SpikeIncidentView> {
    return this.regrouping.unlink({ id, conversationId, userId });
  }

  /** Merges the incident in the body into this one: its conversations move here, it closes as merged. */
  @Roles('ops', 'supervisor', 'admin')
  @Post(':id/merge')
  @HttpCode(200)
  merge(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: MergeIncidentDto,
    @ActingUserId() userId: string,
  ): Promise<SpikeIncidentView> {
    return this.regrouping.merge({ targetId: id, sourceId: body.incidentId, userId });
  }

  /** Moves these linked conversations to a new incident (201, the new incident). */
  @Roles('ops', 'supervisor', 'admin')
  @Post(':id/split')
  split(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: SplitIncidentDto,
    @ActingUserId() userId: string,
  ): Promise<SpikeIncidentView> {
    return this.regrouping.split({ id, conversationIds: body.conversationIds, userId });
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

  /** The replies of a bulk answer that did not go, and why (a report for ops; at most 200). */
  @Roles('ops', 'supervisor', 'admin')
  @Get(':id/answers/:answerId/failures')
  failures(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('answerId', new ParseUUIDPipe()) answerId: string,
  ): Promise<SpikeBulkAnswerFailures> {
    return this.bulkAnswers.failures({ incidentId: id, bulkAnswerId: answerId });
  }
}
