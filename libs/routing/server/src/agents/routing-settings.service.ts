import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  RoutingAgentView,
  RoutingBrandSettingsView,
  RoutingSettingsView,
  RoutingTeamSettingsView,
  SkillRuleBody,
  WorkingHoursCalendar,
} from '@vigie/contracts';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import {
  parseSkillFallback,
  parseSkillRules,
  parseWorkingHours,
  type SkillRule,
  type TeamRoutingPolicy,
} from '@vigie/routing-core';
import type { CalendarSpec } from '@vigie/sla-core';
import { QueueDrainer } from '../queue/queue-drainer.service';
import { RoutingRepository } from '../queue/routing.repository';
import { inRoutingTransaction } from '../queue/routing-transaction';
import {
  type BrandSettingsRow,
  RoutingSettingsRepository,
  type TeamSettingsRow,
} from '../settings/routing-settings.repository';
import { RequiredSkillsService } from '../skills/required-skills.service';
import { AgentStatusService } from './agent-status.service';

function notFound(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError({ code: 'not_found', message, details });
}

function invalid(message: string): DomainError {
  return new DomainError({ code: 'invalid', message });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Exactly the keys given, or a 400 naming the first unknown one. */
function onlyKeys(body: unknown, allowed: string[], required: string[]): Record<string, unknown> {
  if (!isRecord(body)) throw invalid(`The body must be a JSON object with ${allowed.join(', ')}.`);
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw invalid(`Unknown field "${key}" (expected ${allowed.join(', ')}).`);
  }
  for (const key of required) {
    if (!(key in body)) throw invalid(`${key} is required${key === 'calendar' ? ' (null clears it)' : ''}.`);
  }
  return body;
}

/** The calendar of a hours body: null clears it; anything else is validated (400 naming the field). */
function calendarOf(body: unknown): CalendarSpec | null {
  const { calendar } = onlyKeys(body, ['calendar'], ['calendar']);
  return calendar === null ? null : parseWorkingHours(calendar);
}

const toRuleBodies = (rules: readonly SkillRule[]): SkillRuleBody[] =>
  rules.map((rule) => ({
    when: Object.fromEntries(
      Object.entries(rule.when).map(([key, values]) => [key, [...(values as readonly string[])]]),
    ) as SkillRuleBody['when'],
    skills: [...rule.skills],
  }));

const toBrandView = (row: BrandSettingsRow): RoutingBrandSettingsView => ({
  brandId: row.brandId,
  name: row.name,
  policy: row.policy,
  skillRules: toRuleBodies(row.skillRules),
  skillFallback: row.skillFallback,
});

const toTeamView = (row: TeamSettingsRow): RoutingTeamSettingsView => ({
  teamId: row.teamId,
  name: row.name,
  hours: row.hours as WorkingHoursCalendar | null,
  skillRules: row.skillRules === null ? null : toRuleBodies(row.skillRules),
  skillFallback: row.skillFallback,
});

/**
 * Routing settings (docs/routing.md): per brand, how a team spreads new conversations and the skill rules; per
 * team, its working hours and its own skill rules; per agent, their own working hours. Every change that can
 * give an agent work (hours, rules) drains the queue.
 */
@Injectable()
export class RoutingSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: RoutingRepository,
    private readonly settings: RoutingSettingsRepository,
    private readonly drainer: QueueDrainer,
    private readonly agents: AgentStatusService,
    private readonly skills: RequiredSkillsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async setBrandPolicy(params: { brandId: string; policy: TeamRoutingPolicy }): Promise<void> {
    const isSaved = await this.routing.setBrandPolicy(this.dataSource.manager, params);
    if (!isSaved) throw notFound('No such brand.', { brandId: params.brandId });
    this.drainer.requestDrain();
  }

  async list(): Promise<RoutingSettingsView> {
    return inRoutingTransaction(this.dataSource, async (manager) => ({
      brands: (await this.settings.listBrands(manager)).map(toBrandView),
      teams: (await this.settings.listTeams(manager)).map(toTeamView),
    }));
  }

  /** An agent's own calendar, overriding their teams' (null: their teams' again). */
  async setAgentHours(params: { userId: string; body: unknown }): Promise<RoutingAgentView> {
    const hours = calendarOf(params.body);
    const isSaved = await inRoutingTransaction(this.dataSource, async (manager) => {
      await this.routing.ensureAgents(manager, { userIds: [params.userId], now: this.clock.now() });
      return this.settings.setAgentHours(manager, { userId: params.userId, hours });
    });
    if (!isSaved)
      throw notFound('No such agent: working hours are set on users with the agent role.', {
        userId: params.userId,
      });
    this.drainer.requestDrain();
    return this.agents.get(params.userId);
  }

  /** A team's calendar, the default of its members who have none of their own (null: no restriction). */
  async setTeamHours(params: { teamId: string; body: unknown }): Promise<RoutingTeamSettingsView> {
    const hours = calendarOf(params.body);
    const isSaved = await inRoutingTransaction(this.dataSource, (manager) =>
      this.settings.setTeamHours(manager, { teamId: params.teamId, hours }),
    );
    if (!isSaved) throw notFound('No such team.', { teamId: params.teamId });
    this.drainer.requestDrain();
    return this.team(params.teamId);
  }

  /** A brand's skill rules and fallback; conversations of the brand get their skills again from them. */
  async setBrandSkillRules(params: { brandId: string; body: unknown }): Promise<RoutingBrandSettingsView> {
    const body = onlyKeys(params.body, ['rules', 'fallback'], ['rules']);
    const rules = parseSkillRules(body['rules']);
    const fallback = parseSkillFallback(body['fallback']);
    const isSaved = await inRoutingTransaction(this.dataSource, (manager) =>
      this.settings.setBrandSkills(manager, { brandId: params.brandId, rules, fallback }),
    );
    if (!isSaved) throw notFound('No such brand.', { brandId: params.brandId });
    await this.skills.recompute({ brandId: params.brandId });
    this.drainer.requestDrain();
    const brand = (await this.list()).brands.find((candidate) => candidate.brandId === params.brandId);
    if (!brand) throw notFound('No such brand.', { brandId: params.brandId });
    return brand;
  }

  /** A team's own skill rules and fallback (null: the brand's); its queue's conversations follow them. */
  async setTeamSkillRules(params: { teamId: string; body: unknown }): Promise<RoutingTeamSettingsView> {
    const body = onlyKeys(params.body, ['rules', 'fallback'], ['rules']);
    const rules = body['rules'] === null ? null : parseSkillRules(body['rules']);
    const fallback =
      body['fallback'] === null || body['fallback'] === undefined
        ? null
        : parseSkillFallback(body['fallback']);
    const isSaved = await inRoutingTransaction(this.dataSource, (manager) =>
      this.settings.setTeamSkills(manager, { teamId: params.teamId, rules, fallback }),
    );
    if (!isSaved) throw notFound('No such team.', { teamId: params.teamId });
    await this.skills.recompute({ teamId: params.teamId });
    this.drainer.requestDrain();
    return this.team(params.teamId);
  }

  private async team(teamId: string): Promise<RoutingTeamSettingsView> {
    const [row] = await inRoutingTransaction(this.dataSource, (manager) =>
      this.settings.listTeams(manager, teamId),
    );
    if (!row) throw notFound('No such team.', { teamId });
    return toTeamView(row);
  }
}
