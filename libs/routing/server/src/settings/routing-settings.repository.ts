import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  ConversationKind,
  SkillFallback,
  SkillPolicy,
  SkillRule,
  TeamRoutingPolicy,
} from '@vigie/routing-core';
import type { CalendarSpec } from '@vigie/sla-core';

/** A team's own routing settings; null fields fall back (hours: none; rules and fallback: the brand's). */
export type TeamSettingsRow = {
  teamId: string;
  name: string;
  hours: CalendarSpec | null;
  skillRules: SkillRule[] | null;
  skillFallback: SkillFallback | null;
};

export type BrandSettingsRow = {
  brandId: string;
  name: string;
  policy: TeamRoutingPolicy;
  skillRules: SkillRule[];
  skillFallback: SkillFallback;
};

/** What skill rules read of a conversation, from the inbox's row. */
export type ConversationShape = { channel: string; conversationKind: ConversationKind; tags: string[] };

/** The policies that apply to conversations of these brands and teams. */
export type SkillPolicies = {
  brands: ReadonlyMap<string, SkillPolicy>;
  teams: ReadonlyMap<string, { rules: SkillRule[] | null; fallback: SkillFallback | null }>;
};

/**
 * The skill policy of a conversation's queue: its team's rules and fallback where the team set them, else its
 * brand's; nothing required when neither did.
 */
export function skillPolicyFor(
  policies: SkillPolicies,
  conversation: { brandId: string; teamId: string | null },
): SkillPolicy {
  const brand = policies.brands.get(conversation.brandId);
  const team = conversation.teamId === null ? undefined : policies.teams.get(conversation.teamId);
  return {
    rules: team?.rules ?? brand?.rules ?? [],
    fallback: team?.fallback ?? brand?.fallback ?? 'wait',
  };
}

/**
 * SQL of routing's settings (docs/routing.md): working hours of agents and teams, and skill rules of brands and
 * teams; plus the reads the rules need (a conversation's channel, kind and tags; the skills each queue holds).
 */
@Injectable()
export class RoutingSettingsRepository {
  /** Sets (or clears, with null) an agent's own calendar. False when the user has no routing profile. */
  async setAgentHours(
    manager: EntityManager,
    params: { userId: string; hours: CalendarSpec | null },
  ): Promise<boolean> {
    const rows = (await manager.query(
      `UPDATE routing_agent SET hours = $2::jsonb WHERE user_id = $1 RETURNING user_id`,
      [params.userId, params.hours === null ? null : JSON.stringify(params.hours)],
    )) as [unknown[], number];
    return rows[1] > 0;
  }

  /** Sets (or clears) a team's calendar. False when there is no such team. */
  async setTeamHours(
    manager: EntityManager,
    params: { teamId: string; hours: CalendarSpec | null },
  ): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO routing_team (team_id, hours) SELECT id, $2::jsonb FROM team WHERE id = $1
       ON CONFLICT (team_id) DO UPDATE SET hours = EXCLUDED.hours RETURNING team_id`,
      [params.teamId, params.hours === null ? null : JSON.stringify(params.hours)],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Sets (or, with null, hands back to the brand) a team's skill rules and fallback. False when no such team. */
  async setTeamSkills(
    manager: EntityManager,
    params: { teamId: string; rules: SkillRule[] | null; fallback: SkillFallback | null },
  ): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO routing_team (team_id, skill_rules, skill_fallback) SELECT id, $2::jsonb, $3 FROM team WHERE id = $1
       ON CONFLICT (team_id) DO UPDATE SET skill_rules = EXCLUDED.skill_rules, skill_fallback = EXCLUDED.skill_fallback
       RETURNING team_id`,
      [params.teamId, params.rules === null ? null : JSON.stringify(params.rules), params.fallback],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Sets a brand's skill rules and fallback (its round robin or least loaded policy is kept). */
  async setBrandSkills(
    manager: EntityManager,
    params: { brandId: string; rules: SkillRule[]; fallback: SkillFallback },
  ): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO routing_brand (brand_id, skill_rules, skill_fallback) SELECT id, $2::jsonb, $3 FROM brand WHERE id = $1
       ON CONFLICT (brand_id) DO UPDATE SET skill_rules = EXCLUDED.skill_rules, skill_fallback = EXCLUDED.skill_fallback
       RETURNING brand_id`,
      [params.brandId, JSON.stringify(params.rules), params.fallback],
    )) as unknown[];
    return rows.length > 0;
  }

  async listBrands(manager: EntityManager): Promise<BrandSettingsRow[]> {
    const rows = (await manager.query(
      `SELECT b.id, b.name, COALESCE(rb.policy, 'round_robin') AS policy, COALESCE(rb.skill_rules, '[]') AS skill_rules,
         COALESCE(rb.skill_fallback, 'wait') AS skill_fallback
       FROM brand b LEFT JOIN routing_brand rb ON rb.brand_id = b.id ORDER BY b.name, b.id`,
    )) as {
      id: string;
      name: string;
      policy: TeamRoutingPolicy;
      skill_rules: SkillRule[];
      skill_fallback: SkillFallback;
    }[];
    return rows.map((row) => ({
      brandId: row.id,
      name: row.name,
      policy: row.policy,
      skillRules: row.skill_rules,
      skillFallback: row.skill_fallback,
    }));
  }

  async listTeams(manager: EntityManager, teamId?: string): Promise<TeamSettingsRow[]> {
    const rows = (await manager.query(
      `SELECT t.id, t.name, rt.hours, rt.skill_rules, rt.skill_fallback
       FROM team t LEFT JOIN routing_team rt ON rt.team_id = t.id
       WHERE $1::uuid IS NULL OR t.id = $1 ORDER BY t.name, t.id`,
      [teamId ?? null],
    )) as {
      id: string;
      name: string;
      hours: CalendarSpec | null;
      skill_rules: SkillRule[] | null;
      skill_fallback: SkillFallback | null;
    }[];
    return rows.map((row) => ({
      teamId: row.id,
      name: row.name,
      hours: row.hours,
      skillRules: row.skill_rules,
      skillFallback: row.skill_fallback,
    }));
  }

  /** The skill policies of these brands and teams (only those that set something). */
  async skillPolicies(
    manager: EntityManager,
    params: { brandIds: string[]; teamIds: string[] },
  ): Promise<SkillPolicies> {
    const brands = (await manager.query(
      `SELECT brand_id, skill_rules, skill_fallback FROM routing_brand WHERE brand_id = ANY($1::uuid[])`,
      [params.brandIds],
    )) as { brand_id: string; skill_rules: SkillRule[]; skill_fallback: SkillFallback }[];
    const teams =
      params.teamIds.length === 0
        ? []
        : ((await manager.query(
            `SELECT team_id, skill_rules, skill_fallback FROM routing_team WHERE team_id = ANY($1::uuid[])`,
            [params.teamIds],
          )) as { team_id: string; skill_rules: SkillRule[] | null; skill_fallback: SkillFallback | null }[]);
    return {
      brands: new Map(
        brands.map((row) => [row.brand_id, { rules: row.skill_rules, fallback: row.skill_fallback }]),
      ),
      teams: new Map(
        teams.map((row) => [row.team_id, { rules: row.skill_rules, fallback: row.skill_fallback }]),
      ),
    };
  }

  /** Channel, kind and tags of conversations, read from the inbox's table with the caller's manager. */
  async conversationShapes(
    manager: EntityManager,
    conversationIds: string[],
  ): Promise<Map<string, ConversationShape>> {
    if (conversationIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT id, channel, kind, tags FROM conversation WHERE id = ANY($1::uuid[])`,
      [conversationIds],
    )) as { id: string; channel: string; kind: ConversationKind; tags: string[] }[];
    return new Map(
      rows.map((row) => [row.id, { channel: row.channel, conversationKind: row.kind, tags: row.tags }]),
    );
  }

  /**
   * The skills held by at least one active agent of each team (whatever their status), and with `teamId` null by
   * any active agent (the brand queue, where every agent counts). No lock: membership changes are rare, and a
   * stale answer only delays a conversation to the next drain.
   */
  async skillsHeld(
    manager: EntityManager,
    params: { teamIds: string[]; isBrandQueueIncluded: boolean },
  ): Promise<Map<string | null, string[]>> {
    const held = new Map<string | null, string[]>();
    if (params.teamIds.length > 0) {
      const rows = (await manager.query(
        `SELECT tm.team_id, COALESCE(array_agg(DISTINCT skill) FILTER (WHERE skill IS NOT NULL), '{}') AS skills
         FROM team_member tm JOIN app_user u ON u.id = tm.user_id AND u.is_active AND u.role = 'agent'
         LEFT JOIN LATERAL unnest(u.skills) AS skill ON true
         WHERE tm.team_id = ANY($1::uuid[]) GROUP BY tm.team_id`,
        [params.teamIds],
      )) as { team_id: string; skills: string[] }[];
      for (const teamId of params.teamIds) held.set(teamId, []);
      for (const row of rows) held.set(row.team_id, row.skills);
    }
    if (params.isBrandQueueIncluded) {
      const rows = (await manager.query(
        `SELECT COALESCE(array_agg(DISTINCT skill), '{}') AS skills
         FROM app_user u CROSS JOIN LATERAL unnest(u.skills) AS skill WHERE u.is_active AND u.role = 'agent'`,
      )) as { skills: string[] }[];
      held.set(null, rows[0]?.skills ?? []);
    }
    return held;
  }
}
