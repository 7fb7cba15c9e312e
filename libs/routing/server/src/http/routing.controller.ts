import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  AssignmentLogPage,
  BrandSkillRulesBody,
  BulkReassignResponse,
  RoutingAgentView,
  RoutingBrandSettingsView,
  RoutingConversationView,
  RoutingQueuePage,
  RoutingSettingsView,
  RoutingTeamSettingsView,
  TeamSkillRulesBody,
  WorkingHoursBody,
} from '@vigie/contracts';
import { DomainError } from '@vigie/kernel';
import { Roles } from '@vigie/server';
import { AgentStatusService } from '../agents/agent-status.service';
import { type Actor, AssignmentsService } from '../assignments/assignments.service';
import { RoutingSettingsService } from '../agents/routing-settings.service';
import { CurrentActor } from './actor.decorator';
import {
  AgentCapacityDto,
  AgentStatusDto,
  AssignmentLogQueryDto,
  BrandPolicyDto,
  BulkReassignDto,
  TransferDto,
} from './routing.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('routing')
@Controller('routing')
export class RoutingController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly agents: AgentStatusService,
    private readonly settings: RoutingSettingsService,
  ) {}

  @Roles('agent', 'supervisor', 'admin')
  @Get('queue')
  queue(): Promise<RoutingQueuePage> {
    return this.assignments.queue(200);
  }

  @Roles('agent', 'supervisor', 'admin')
  @Get('conversations/:id')
  conversation(@Param('id', uuid) id: string): Promise<RoutingConversationView> {
    return this.assignments.get(id);
  }

  /** An agent takes a queued conversation for themselves (supervisors hand work out with transfer or bulk reassign). */
  @Roles('agent')
  @Post('conversations/:id/claim')
  @HttpCode(200)
  claim(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<RoutingConversationView> {
    return this.assignments.claim({ conversationId: id, actor });
  }

  @Roles('agent', 'supervisor', 'admin')
  @Post('conversations/:id/transfer')
  @HttpCode(200)
  transfer(
    @Param('id', uuid) id: string,
    @Body() body: TransferDto,
    @CurrentActor() actor: Actor,
  ): Promise<RoutingConversationView> {
    if ((body.agentId === undefined) === (body.teamId === undefined)) {
      throw new DomainError({ code: 'invalid', message: 'Give exactly one of agentId or teamId.' });
    }
    const target = body.agentId !== undefined ? { agentId: body.agentId } : { teamId: body.teamId as string };
    return this.assignments.transfer({ conversationId: id, actor, target });
  }

  @Roles('agent', 'supervisor', 'admin')
  @Post('conversations/:id/unassign')
  @HttpCode(200)
  unassign(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<RoutingConversationView> {
    return this.assignments.unassign({ conversationId: id, actor });
  }

  @Roles('supervisor', 'admin')
  @Post('bulk-reassign')
  @HttpCode(200)
  bulkReassign(@Body() body: BulkReassignDto, @CurrentActor() actor: Actor): Promise<BulkReassignResponse> {
    return this.assignments.bulkReassign({ ...body, actor });
  }

  @Roles('agent', 'supervisor', 'admin')
  @Get('agents')
  listAgents(): Promise<RoutingAgentView[]> {
    return this.agents.list();
  }

  /** The signed-in agent sets their own status. */
  @Roles('agent')
  @Put('me/status')
  setMyStatus(@Body() body: AgentStatusDto, @CurrentActor() actor: Actor): Promise<RoutingAgentView> {
    return this.agents.setStatus({ userId: actor.userId, status: body.status, source: 'agent' });
  }

  @Roles('supervisor', 'admin')
  @Put('agents/:userId/capacity')
  setCapacity(
    @Param('userId', uuid) userId: string,
    @Body() body: AgentCapacityDto,
  ): Promise<RoutingAgentView> {
    return this.agents.setCapacity({ userId, capacity: body.capacity });
  }

  @Roles('supervisor', 'admin')
  @Put('brands/:brandId/policy')
  @HttpCode(204)
  async setBrandPolicy(@Param('brandId', uuid) brandId: string, @Body() body: BrandPolicyDto): Promise<void> {
    await this.settings.setBrandPolicy({ brandId, policy: body.policy });
  }

  /** Every brand's and team's routing settings: policy, skill rules and fallback, team hours. */
  @Roles('supervisor', 'admin')
  @Get('settings')
  settingsView(): Promise<RoutingSettingsView> {
    return this.settings.list();
  }

  /**
   * An agent's own working hours (`{calendar}`, the SLA calendar's shape; null: their teams'). The body is
   * validated by the calendar rules themselves: a bad zone, time or interval is a 400 naming the field.
   */
  @Roles('admin')
  @Put('agents/:userId/hours')
  setAgentHours(
    @Param('userId', uuid) userId: string,
    @Body() body: WorkingHoursBody,
  ): Promise<RoutingAgentView> {
    return this.settings.setAgentHours({ userId, body });
  }

  /** A team's working hours, the default of its members without their own (null: no restriction). */
  @Roles('admin')
  @Put('teams/:teamId/hours')
  setTeamHours(
    @Param('teamId', uuid) teamId: string,
    @Body() body: WorkingHoursBody,
  ): Promise<RoutingTeamSettingsView> {
    return this.settings.setTeamHours({ teamId, body });
  }

  /** The brand's skill rules (conversation facts → required skills) and what to do when nobody holds a skill. */
  @Roles('supervisor', 'admin')
  @Put('brands/:brandId/skill-rules')
  setBrandSkillRules(
    @Param('brandId', uuid) brandId: string,
    @Body() body: BrandSkillRulesBody,
  ): Promise<RoutingBrandSettingsView> {
    return this.settings.setBrandSkillRules({ brandId, body });
  }

  /** A team's own skill rules for its queue (null: the brand's). */
  @Roles('supervisor', 'admin')
  @Put('teams/:teamId/skill-rules')
  setTeamSkillRules(
    @Param('teamId', uuid) teamId: string,
    @Body() body: TeamSkillRulesBody,
  ): Promise<RoutingTeamSettingsView> {
    return this.settings.setTeamSkillRules({ teamId, body });
  }

  /** Who got what, why and when. Agents see the entries that concern them unless they ask about one conversation. */
  @Roles('agent', 'supervisor', 'admin')
  @Get('log')
  async log(@Query() query: AssignmentLogQueryDto, @CurrentActor() actor: Actor): Promise<AssignmentLogPage> {
    const agentId =
      actor.role === 'agent' && query.conversationId === undefined ? actor.userId : query.agentId;
    const items = await this.assignments.log({
      ...(query.conversationId ? { conversationId: query.conversationId } : {}),
      ...(agentId ? { agentId } : {}),
      limit: query.limit ?? 100,
    });
    return { items };
  }
}
