import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { jsonRows } from '@vigie/database';
import type { AssignmentAction, RoutingAgentStatus, RoutingPriority } from '@vigie/contracts';
import type {
  AgentHours,
  AgentSnapshot,
  ConversationToRoute,
  RoutingFacts,
  SkillFallback,
  TeamRoutingPolicy,
} from '@vigie/routing-core';
import type { CalendarSpec } from '@vigie/sla-core';
import type { DueSource } from '../sla/sla-due-times';

/** The triage and contact signals a priority was computed from, kept so the CRM facts can refine it later. */
export type PrioritySignals = {
  intent: string;
  sentiment: string;
  urgencyWords: string[];
  followers: number;
  isVerified: boolean;
  at: string;
};

export type RoutingRow = {
  conversationId: string;
  brandId: string;
  contactId: string;
  teamId: string | null;
  language: string | null;
  requiredSkills: string[];
  priority: RoutingPriority;
  priorityReasons: string[];
  prioritySignals: PrioritySignals;
  accountOwnerId: string | null;
  waitingSince: Date | null;
  dueAt: Date | null;
  dueSource: DueSource;
  /** What the skill rules matched on; null for rows routed before skill rules existed. */
  routingFacts: RoutingFacts | null;
  queuedAt: Date | null;
  assigneeId: string | null;
  assignedAt: Date | null;
};

export type LogInsert = {
  conversationId: string;
  action: AssignmentAction;
  agentId: string | null;
  previousAgentId: string | null;
  teamId: string | null;
  reason: string;
  explanation: string;
  actorUserId: string | null;
  at: Date;
};

/**
 * An agent's snapshot with their name and the calendars that decide their hours. `isWithinHours` is true as read:
 * the paths that decide on hours (the drain, the agents' view) compute it at their instant with `withWorkingHours`
 * (agents/agent-hours.ts); claims, transfers and bulk reassignments deliberately ignore hours (docs/adr/0201 §9).
 */
export type AgentRow = AgentSnapshot & { name: string; hours: AgentHours };

export const priorityRanks: Record<RoutingPriority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

type RawRouting = {
  conversation_id: string;
  brand_id: string;
  contact_id: string;
  team_id: string | null;
  language: string | null;
  required_skills: string[];
  priority: RoutingPriority;
  priority_reasons: string[];
  priority_signals: PrioritySignals;
  account_owner_id: string | null;
  waiting_since: Date | null;
  due_at: Date | null;
  due_source: DueSource;
  routing_facts: RoutingFacts | null;
  queued_at: Date | null;
  assignee_id: string | null;
  assigned_at: Date | null;
  last_agent_id?: string | null;
  policy?: TeamRoutingPolicy | null;
  skill_fallback?: SkillFallback | null;
};

type RawAgent = {
  user_id: string;
  display_name: string;
  status: RoutingAgentStatus;
  status_since: Date;
  capacity: number;
  open_count: number;
  last_assigned_at: Date | null;
  languages: string[];
  skills: string[];
  team_ids: string[];
  own_hours: CalendarSpec | null;
  team_hours: CalendarSpec[];
};

const routingColumns = `rc.conversation_id, rc.brand_id, rc.contact_id, rc.team_id, rc.language, rc.required_skills,
  rc.priority, rc.priority_reasons, rc.priority_signals, rc.account_owner_id, rc.waiting_since, rc.due_at,
  rc.due_source, rc.routing_facts, rc.queued_at, rc.assignee_id, rc.assigned_at`;

// Routing reads the agent's languages, skills and teams from identity's tables in the same statement that locks
// the routing profile, so the snapshot and the lock are one consistent read (docs/adr/0204). The calendars come
// with it: the agent's own, and those of their teams that have one (docs/adr/0207).
const agentColumns = `ra.user_id, u.display_name, ra.status, ra.status_since, ra.capacity, ra.open_count,
  ra.last_assigned_at, u.languages, u.skills,
  ARRAY(SELECT tm.team_id::text FROM team_member tm WHERE tm.user_id = ra.user_id ORDER BY tm.team_id) AS team_ids,
  ra.hours AS own_hours,
  (SELECT COALESCE(jsonb_agg(rt.hours ORDER BY rt.team_id), '[]'::jsonb) FROM team_member tm
    JOIN routing_team rt ON rt.team_id = tm.team_id WHERE tm.user_id = ra.user_id AND rt.hours IS NOT NULL) AS team_hours`;

// After the first page: strictly after the last key of the previous page, in the same order.
const afterKey = `AND (rc.priority_rank, COALESCE(rc.due_at, 'infinity'::timestamptz), rc.queued_at, rc.conversation_id)
  > ($2::smallint, COALESCE($3::timestamptz, 'infinity'::timestamptz), $4::timestamptz, $5::uuid)`;

function toRow(raw: RawRouting): RoutingRow {
  return {
    conversationId: raw.conversation_id,
    brandId: raw.brand_id,
    contactId: raw.contact_id,
    teamId: raw.team_id,
    language: raw.language,
    requiredSkills: raw.required_skills,
    priority: raw.priority,
    priorityReasons: raw.priority_reasons,
    prioritySignals: raw.priority_signals,
    accountOwnerId: raw.account_owner_id,
    waitingSince: raw.waiting_since,
    dueAt: raw.due_at,
    dueSource: raw.due_source,
    routingFacts: raw.routing_facts,
    queuedAt: raw.queued_at,
    assigneeId: raw.assignee_id,
    assignedAt: raw.assigned_at,
  };
}

function toAgent(raw: RawAgent): AgentRow {
  return {
    id: raw.user_id,
    name: raw.display_name,
    status: raw.status,
    statusSince: raw.status_since,
    languages: raw.languages,
    skills: raw.skills,
    capacity: raw.capacity,
    openCount: raw.open_count,
    teamIds: raw.team_ids,
    isWithinHours: true,
    lastAssignedAt: raw.last_assigned_at,
    hours: { own: raw.own_hours, teams: raw.team_hours },
  };
}

type RawQueued = RawRouting & { priority_rank: number };

// A queued conversation with what the policy needs besides its row: its customer's last agent, its brand's policy
// and the skill fallback of its queue (the team's, else the brand's).
const queuedColumns = `${routingColumns}, rc.priority_rank, ca.agent_id AS last_agent_id, rb.policy,
  COALESCE(rt.skill_fallback, rb.skill_fallback) AS skill_fallback`;
const queuedJoins = `FROM routing_conversation rc
  LEFT JOIN routing_contact_agent ca ON ca.contact_id = rc.contact_id
  LEFT JOIN routing_brand rb ON rb.brand_id = rc.brand_id
  LEFT JOIN routing_team rt ON rt.team_id = rc.team_id`;

function toQueued(raw: RawQueued): ConversationToRoute & { policy: TeamRoutingPolicy; key: QueueKey } {
  return {
    id: raw.conversation_id,
    brandId: raw.brand_id,
    teamId: raw.team_id,
    language: raw.language,
    requiredSkills: raw.required_skills,
    skillFallback: raw.skill_fallback ?? 'wait',
    priority: raw.priority,
    dueAt: raw.due_at,
    queuedAt: raw.queued_at ?? new Date(0),
    contact: { accountOwnerId: raw.account_owner_id, lastAnsweredByAgentId: raw.last_agent_id ?? null },
    policy: raw.policy ?? 'round_robin',
    key: {
      rank: raw.priority_rank,
      dueAt: raw.due_at,
      queuedAt: raw.queued_at ?? new Date(0),
      conversationId: raw.conversation_id,
    },
  };
}

/** SQL of the routing tables. No rules here: the services decide, `@vigie/routing-core` chooses. */
@Injectable()
export class RoutingRepository {
  async findRouting(manager: EntityManager, conversationId: string): Promise<RoutingRow | null> {
    const rows: RawRouting[] = await manager.query(
      `SELECT ${routingColumns} FROM routing_conversation rc WHERE rc.conversation_id = $1`,
      [conversationId],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Locks the routing rows of these conversations (waits for other holders), in id order. */
  async lockRoutings(manager: EntityManager, conversationIds: string[]): Promise<RoutingRow[]> {
    const rows: RawRouting[] = await manager.query(
      `SELECT ${routingColumns} FROM routing_conversation rc WHERE rc.conversation_id = ANY($1::uuid[])
       ORDER BY rc.conversation_id FOR UPDATE`,
      [conversationIds],
    );
    return rows.map(toRow);
  }

  /** The team and skill facts of conversations already routed (for the skill rules of a new post). */
  async routedFacts(
    manager: EntityManager,
    conversationIds: string[],
  ): Promise<Map<string, { teamId: string | null; routingFacts: RoutingFacts | null }>> {
    if (conversationIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT conversation_id, team_id, routing_facts FROM routing_conversation
       WHERE conversation_id = ANY($1::uuid[])`,
      [conversationIds],
    )) as { conversation_id: string; team_id: string | null; routing_facts: RoutingFacts | null }[];
    return new Map(
      rows.map((row) => [row.conversation_id, { teamId: row.team_id, routingFacts: row.routing_facts }]),
    );
  }

  /** Replaces routed conversations' skill facts and required skills (tags or rules changed). */
  async setSkills(
    manager: EntityManager,
    updates: { conversationId: string; routingFacts: RoutingFacts; requiredSkills: string[] }[],
  ): Promise<void> {
    if (updates.length === 0) return;
    // One JSON array: arrays of text arrays do not `unnest` row by row.
    await manager.query(
      `UPDATE routing_conversation rc SET routing_facts = u.routing_facts, required_skills = u.required_skills
       FROM jsonb_to_recordset($1::jsonb) AS u(conversation_id uuid, routing_facts jsonb, required_skills text[])
       WHERE rc.conversation_id = u.conversation_id`,
      [
        JSON.stringify(
          updates.map((update) => ({
            conversation_id: update.conversationId,
            routing_facts: update.routingFacts,
            required_skills: update.requiredSkills,
          })),
        ),
      ],
    );
  }

  /**
   * A page (by conversation id, after `afterId`) of the routed conversations a brand's or a team's skill rules
   * apply to, locked: those of the brand (any team: a team without rules inherits the brand's), or of the team.
   */
  async lockRoutedForRules(
    manager: EntityManager,
    params: { scope: { brandId: string } | { teamId: string }; afterId: string; limit: number },
  ): Promise<RoutingRow[]> {
    const isBrand = 'brandId' in params.scope;
    const rows: RawRouting[] = await manager.query(
      `SELECT ${routingColumns} FROM routing_conversation rc
       WHERE ${isBrand ? 'rc.brand_id' : 'rc.team_id'} = $1 AND rc.conversation_id > $2::uuid
       ORDER BY rc.conversation_id LIMIT $3 FOR UPDATE`,
      ['brandId' in params.scope ? params.scope.brandId : params.scope.teamId, params.afterId, params.limit],
    );
    return rows.map(toRow);
  }

  /** Contact influence, read inside the recording transaction (the CRM's identity rows of the authors). */
  async contactInfluences(
    manager: EntityManager,
    contactIds: string[],
  ): Promise<Map<string, { followers: number; isVerified: boolean }>> {
    if (contactIds.length === 0) return new Map();
    const rows: { contact_id: string; followers: number | null; is_verified: boolean | null }[] =
      await manager.query(
        `SELECT contact_id, max(followers_count) AS followers, bool_or(is_verified) AS is_verified
         FROM contact_identity WHERE contact_id = ANY($1::uuid[]) GROUP BY contact_id`,
        [contactIds],
      );
    return new Map(
      rows.map((row) => [
        row.contact_id,
        { followers: Number(row.followers ?? 0), isVerified: row.is_verified ?? false },
      ]),
    );
  }

  /**
   * Enqueues, or refreshes rows already there: a queued or held conversation keeps its place and agent; the
   * priority only ever rises while the conversation is unresolved. At most one row per conversation (one
   * statement cannot change a row twice). The rows travel as one JSON array (arrays of text arrays do not
   * `unnest` row by row).
   */
  async upsertWaiting(
    manager: EntityManager,
    rows: (Omit<
      RoutingRow,
      'queuedAt' | 'assigneeId' | 'assignedAt' | 'accountOwnerId' | 'teamId' | 'dueSource' | 'routingFacts'
    > & {
      score: number;
      queuedAt: Date;
      routingFacts: RoutingFacts;
    })[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO routing_conversation (conversation_id, brand_id, contact_id, language, required_skills, priority,
         priority_rank, priority_score, priority_reasons, priority_signals, routing_facts, waiting_since, due_at,
         queued_at)
       SELECT conversation_id, brand_id, contact_id, language, required_skills, priority, priority_rank,
         priority_score, priority_reasons, priority_signals, routing_facts, waiting_since, due_at, queued_at
       FROM jsonb_to_recordset($1::jsonb) AS r(conversation_id uuid, brand_id uuid, contact_id uuid, language text,
         required_skills text[], priority text, priority_rank smallint, priority_score integer,
         priority_reasons text[], priority_signals jsonb, routing_facts jsonb, waiting_since timestamptz,
         due_at timestamptz, queued_at timestamptz)
       ON CONFLICT (conversation_id) DO UPDATE SET
         language = COALESCE(EXCLUDED.language, routing_conversation.language),
         required_skills = EXCLUDED.required_skills,
         routing_facts = EXCLUDED.routing_facts,
         waiting_since = EXCLUDED.waiting_since,
         -- The SLA's due time stays until it is read again (is_due_checked); a provisional one moves with the wait.
         due_at = CASE WHEN routing_conversation.due_source = 'provisional' THEN EXCLUDED.due_at
           ELSE routing_conversation.due_at END,
         is_due_checked = false,
         is_crm_checked = false,
         priority = CASE WHEN EXCLUDED.priority_rank < routing_conversation.priority_rank
           THEN EXCLUDED.priority ELSE routing_conversation.priority END,
         priority_score = CASE WHEN EXCLUDED.priority_rank < routing_conversation.priority_rank
           THEN EXCLUDED.priority_score ELSE routing_conversation.priority_score END,
         priority_reasons = CASE WHEN EXCLUDED.priority_rank < routing_conversation.priority_rank
           THEN EXCLUDED.priority_reasons ELSE routing_conversation.priority_reasons END,
         priority_signals = CASE WHEN EXCLUDED.priority_rank < routing_conversation.priority_rank
           THEN EXCLUDED.priority_signals ELSE routing_conversation.priority_signals END,
         priority_rank = LEAST(EXCLUDED.priority_rank, routing_conversation.priority_rank)`,
      [
        JSON.stringify(
          rows.map((row) => ({
            conversation_id: row.conversationId,
            brand_id: row.brandId,
            contact_id: row.contactId,
            language: row.language,
            required_skills: row.requiredSkills,
            priority: row.priority,
            priority_rank: priorityRanks[row.priority],
            priority_score: row.score,
            priority_reasons: row.priorityReasons,
            priority_signals: row.prioritySignals,
            routing_facts: row.routingFacts,
            waiting_since: row.waitingSince,
            due_at: row.dueAt,
            queued_at: row.queuedAt,
          })),
        ),
      ],
    );
  }

  /**
   * Moves the wait start of conversations already routed (others are left alone) and asks for their due time to be
   * read again from the SLA; a provisional due time moves with the wait at once.
   */
  async setWaiting(
    manager: EntityManager,
    rows: { conversationId: string; waitingSince: Date | null; dueAt: Date | null }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE routing_conversation rc SET waiting_since = w.waiting_since, is_due_checked = false,
         due_at = CASE WHEN rc.due_source = 'provisional' THEN w.due_at ELSE rc.due_at END
       FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS w(conversation_id, waiting_since, due_at)
       WHERE rc.conversation_id = w.conversation_id`,
      [
        rows.map((row) => row.conversationId),
        rows.map((row) => row.waitingSince),
        rows.map((row) => row.dueAt),
      ],
    );
  }

  async deleteRouting(manager: EntityManager, conversationId: string): Promise<void> {
    await manager.query(`DELETE FROM routing_conversation WHERE conversation_id = $1`, [conversationId]);
  }

  async recordAnswer(
    manager: EntityManager,
    params: { contactId: string; agentId: string; at: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO routing_contact_agent (contact_id, agent_id, answered_at)
       SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM app_user WHERE id = $2)
       ON CONFLICT (contact_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, answered_at = EXCLUDED.answered_at
       WHERE routing_contact_agent.answered_at <= EXCLUDED.answered_at`,
      [params.contactId, params.agentId, params.at],
    );
  }

  /** Queued conversations whose CRM facts were not read since they last changed (no lock). */
  async listUncheckedForCrm(manager: EntityManager, limit: number): Promise<RoutingRow[]> {
    const rows: RawRouting[] = await manager.query(
      `SELECT ${routingColumns} FROM routing_conversation rc
       WHERE rc.queued_at IS NOT NULL AND NOT rc.is_crm_checked ORDER BY rc.conversation_id LIMIT $1`,
      [limit],
    );
    return rows.map(toRow);
  }

  /** Locks those of these conversations still unchecked, skipping rows another process holds. */
  async lockUncheckedForCrm(manager: EntityManager, conversationIds: string[]): Promise<RoutingRow[]> {
    const rows: RawRouting[] = await manager.query(
      `SELECT ${routingColumns} FROM routing_conversation rc
       WHERE rc.conversation_id = ANY($1::uuid[]) AND NOT rc.is_crm_checked
       ORDER BY rc.conversation_id FOR UPDATE SKIP LOCKED`,
      [conversationIds],
    );
    return rows.map(toRow);
  }

  async saveCrmFacts(
    manager: EntityManager,
    updates: {
      conversationId: string;
      accountOwnerId: string | null;
      priority: RoutingPriority;
      score: number;
      reasons: string[];
    }[],
  ): Promise<void> {
    if (updates.length === 0) return;
    await manager.query(
      `UPDATE routing_conversation rc SET account_owner_id = u.owner, priority = u.priority,
         priority_rank = u.rank, priority_score = u.score, priority_reasons = ARRAY(SELECT jsonb_array_elements_text(u.reasons)),
         is_crm_checked = true
       FROM jsonb_to_recordset($1::jsonb) AS u (id uuid, owner uuid, priority text, rank smallint, score int,
         reasons jsonb)
       WHERE rc.conversation_id = u.id`,
      [
        jsonRows(updates, (update) => ({
          id: update.conversationId,
          owner: update.accountOwnerId,
          priority: update.priority,
          rank: priorityRanks[update.priority],
          score: update.score,
          reasons: update.reasons,
        })),
      ],
    );
  }

  /**
   * One page of the queue in its order, after `after` (keyset), locked with SKIP LOCKED: another process draining
   * at the same time takes other rows, and no row is decided twice.
   */
  async lockQueuePage(
    manager: EntityManager,
    params: { limit: number; after: QueueKey | null },
  ): Promise<(ConversationToRoute & { policy: TeamRoutingPolicy; key: QueueKey })[]> {
    const after = params.after;
    const rows: RawQueued[] = await manager.query(
      `SELECT ${queuedColumns} ${queuedJoins}
       WHERE rc.queued_at IS NOT NULL ${after ? afterKey : ''}
       ORDER BY rc.priority_rank, rc.due_at, rc.queued_at, rc.conversation_id
       LIMIT $1 FOR UPDATE OF rc SKIP LOCKED`,
      after ? [params.limit, after.rank, after.dueAt, after.queuedAt, after.conversationId] : [params.limit],
    );
    // ORDER BY matches routing_conversation_queue_idx (ascending puts a null due time last, like 'infinity' in
    // the keyset condition); a first page reads the index's head instead of sorting the whole queue.
    return rows.map(toQueued);
  }

  /** One queued conversation as the drain would see it (no lock): to explain why it waits. */
  async findQueued(
    manager: EntityManager,
    conversationId: string,
  ): Promise<(ConversationToRoute & { policy: TeamRoutingPolicy; key: QueueKey }) | null> {
    const rows: RawQueued[] = await manager.query(
      `SELECT ${queuedColumns} ${queuedJoins} WHERE rc.queued_at IS NOT NULL AND rc.conversation_id = $1`,
      [conversationId],
    );
    return rows[0] ? toQueued(rows[0]) : null;
  }

  /** Open places among online agents right now (no lock: a hint for how much of the queue to lock). */
  async freeRoom(manager: EntityManager): Promise<number> {
    const rows: { room: string | null }[] = await manager.query(
      `SELECT sum(ra.capacity - ra.open_count) AS room FROM routing_agent ra JOIN app_user u ON u.id = ra.user_id
       WHERE ra.status = 'online' AND ra.open_count < ra.capacity AND u.is_active`,
    );
    return Number(rows[0]?.room ?? 0);
  }

  /** Locks every agent who could take a conversation now (online, with room), in id order. */
  async lockAvailableAgents(manager: EntityManager): Promise<AgentRow[]> {
    const rows: RawAgent[] = await manager.query(
      `SELECT ${agentColumns} FROM routing_agent ra JOIN app_user u ON u.id = ra.user_id
       WHERE ra.status = 'online' AND ra.open_count < ra.capacity AND u.is_active
       ORDER BY ra.user_id FOR UPDATE OF ra`,
    );
    return rows.map((raw) => toAgent(raw));
  }

  /** Online active agents with room, not locked (the hours watcher only reads who could take work). */
  async listAvailableAgents(manager: EntityManager): Promise<AgentRow[]> {
    const rows: RawAgent[] = await manager.query(
      `SELECT ${agentColumns} FROM routing_agent ra JOIN app_user u ON u.id = ra.user_id
       WHERE ra.status = 'online' AND ra.open_count < ra.capacity AND u.is_active ORDER BY ra.user_id`,
    );
    return rows.map((raw) => toAgent(raw));
  }

  /** Locks these agents' routing profiles, in id order (the order every path uses, so no deadlock). */
  async lockAgents(manager: EntityManager, userIds: string[]): Promise<AgentRow[]> {
    const rows: RawAgent[] = await manager.query(
      `SELECT ${agentColumns} FROM routing_agent ra JOIN app_user u ON u.id = ra.user_id
       WHERE ra.user_id = ANY($1::uuid[]) ORDER BY ra.user_id FOR UPDATE OF ra`,
      [userIds],
    );
    return rows.map((raw) => toAgent(raw));
  }

  async listAgents(manager: EntityManager): Promise<AgentRow[]> {
    const rows: RawAgent[] = await manager.query(
      `SELECT ${agentColumns} FROM routing_agent ra JOIN app_user u ON u.id = ra.user_id
       WHERE u.is_active ORDER BY u.display_name, ra.user_id`,
    );
    return rows.map((raw) => toAgent(raw));
  }

  /** Creates the routing profile of agents who have none yet (offline, default capacity). */
  async ensureAgents(manager: EntityManager, params: { userIds: string[]; now: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO routing_agent (user_id, status_since, last_active_at)
       SELECT id, $2, $2 FROM app_user WHERE id = ANY($1::uuid[]) AND role = 'agent'
       ON CONFLICT (user_id) DO NOTHING`,
      [params.userIds, params.now],
    );
  }

  async updateAgent(
    manager: EntityManager,
    params: {
      userId: string;
      status?: RoutingAgentStatus;
      capacity?: number;
      now: Date;
      isActivity: boolean;
    },
  ): Promise<void> {
    await manager.query(
      `UPDATE routing_agent SET
         status_since = CASE WHEN $2::text IS NOT NULL AND $2::text <> status THEN $4 ELSE status_since END,
         status = COALESCE($2::text, status),
         capacity = COALESCE($3::int, capacity),
         last_active_at = CASE WHEN $5 THEN $4 ELSE last_active_at END
       WHERE user_id = $1`,
      [params.userId, params.status ?? null, params.capacity ?? null, params.now, params.isActivity],
    );
  }

  async touchAgent(manager: EntityManager, params: { userId: string; at: Date }): Promise<void> {
    await manager.query(
      `UPDATE routing_agent SET last_active_at = GREATEST(last_active_at, $2) WHERE user_id = $1`,
      [params.userId, params.at],
    );
  }

  /** Online agents idle since before `idleBefore`: they become away. Returns their ids. */
  async markIdleAway(manager: EntityManager, params: { idleBefore: Date; now: Date }): Promise<string[]> {
    // An UPDATE … RETURNING answers [rows, affected count] through TypeORM's postgres driver.
    const [rows] = (await manager.query(
      `UPDATE routing_agent SET status = 'away', status_since = $2
       WHERE status = 'online' AND last_active_at < $1 RETURNING user_id`,
      [params.idleBefore, params.now],
    )) as [{ user_id: string }[], number];
    return rows.map((row) => row.user_id);
  }

  /** Held conversations whose agent went offline before `offlineBefore` (or is no longer an active agent). */
  async heldByAbsentAgents(
    manager: EntityManager,
    params: { offlineBefore: Date; limit: number },
  ): Promise<{ conversationId: string; assigneeId: string; waitingSince: Date | null }[]> {
    const rows: { conversation_id: string; assignee_id: string; waiting_since: Date | null }[] =
      await manager.query(
        `SELECT rc.conversation_id, rc.assignee_id, rc.waiting_since FROM routing_conversation rc
         LEFT JOIN routing_agent ra ON ra.user_id = rc.assignee_id
         LEFT JOIN app_user u ON u.id = rc.assignee_id
         WHERE rc.assignee_id IS NOT NULL AND rc.waiting_since IS NOT NULL
           AND ((ra.status = 'offline' AND ra.status_since <= $1) OR ra.user_id IS NULL OR NOT u.is_active)
         ORDER BY rc.waiting_since, rc.conversation_id LIMIT $2`,
        [params.offlineBefore, params.limit],
      );
    return rows.map((row) => ({
      conversationId: row.conversation_id,
      assigneeId: row.assignee_id,
      waitingSince: row.waiting_since,
    }));
  }

  /** Applies assignments: conversation rows leave the queue, agents' counts and rotation stamps move. */
  async applyAssignments(
    manager: EntityManager,
    params: { assignments: readonly { conversationId: string; agentId: string }[]; at: Date },
  ): Promise<void> {
    if (params.assignments.length === 0) return;
    await manager.query(
      `UPDATE routing_conversation rc SET assignee_id = u.agent, assigned_at = $3, queued_at = NULL
       FROM unnest($1::uuid[], $2::uuid[]) AS u(id, agent) WHERE rc.conversation_id = u.id`,
      [
        params.assignments.map((assignment) => assignment.conversationId),
        params.assignments.map((assignment) => assignment.agentId),
        params.at,
      ],
    );
    const counts = new Map<string, number>();
    for (const { agentId } of params.assignments) counts.set(agentId, (counts.get(agentId) ?? 0) + 1);
    await manager.query(
      `UPDATE routing_agent ra SET open_count = ra.open_count + c.added, last_assigned_at = $3
       FROM unnest($1::uuid[], $2::int[]) AS c(id, added) WHERE ra.user_id = c.id`,
      [[...counts.keys()], [...counts.values()], params.at],
    );
  }

  /**
   * Takes a conversation from its agent (or the queue) and puts it back in the queue or nowhere; a move to another
   * team's queue sets the team and the skills that team's rules require.
   */
  async release(
    manager: EntityManager,
    params: {
      conversationId: string;
      previousAgentId: string | null;
      requeueAt: Date | null;
      teamId?: string | null;
      requiredSkills?: string[];
    },
  ): Promise<void> {
    await manager.query(
      `UPDATE routing_conversation SET assignee_id = NULL, assigned_at = NULL, queued_at = $2,
         team_id = CASE WHEN $3::boolean THEN $4::uuid ELSE team_id END,
         required_skills = COALESCE($5::text[], required_skills)
       WHERE conversation_id = $1`,
      [
        params.conversationId,
        params.requeueAt,
        params.teamId !== undefined,
        params.teamId ?? null,
        params.requiredSkills ?? null,
      ],
    );
    if (params.previousAgentId) await this.addOpenCount(manager, params.previousAgentId, -1);
  }

  async addOpenCount(manager: EntityManager, userId: string, delta: number): Promise<void> {
    await manager.query(
      `UPDATE routing_agent SET open_count = GREATEST(open_count + $2, 0) WHERE user_id = $1`,
      [userId, delta],
    );
  }

  async insertLog(manager: EntityManager, entries: LogInsert[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO routing_assignment_log (conversation_id, action, agent_id, previous_agent_id, team_id, reason,
         explanation, actor_user_id, at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS row (conversation_id uuid, action text, agent_id uuid,
         previous_agent_id uuid, team_id uuid, reason text, explanation text, actor_user_id uuid, at timestamptz)`,
      [
        jsonRows(entries, (entry) => ({
          conversation_id: entry.conversationId,
          action: entry.action,
          agent_id: entry.agentId,
          previous_agent_id: entry.previousAgentId,
          team_id: entry.teamId,
          reason: entry.reason,
          explanation: entry.explanation,
          actor_user_id: entry.actorUserId,
          at: entry.at,
        })),
      ],
    );
  }

  async listLog(
    manager: EntityManager,
    params: { conversationId?: string; agentId?: string; limit: number },
  ): Promise<(LogInsert & { id: string })[]> {
    const rows: {
      id: string;
      conversation_id: string;
      action: AssignmentAction;
      agent_id: string | null;
      previous_agent_id: string | null;
      team_id: string | null;
      reason: string;
      explanation: string;
      actor_user_id: string | null;
      at: Date;
    }[] = await manager.query(
      `SELECT * FROM routing_assignment_log
       WHERE ($1::uuid IS NULL OR conversation_id = $1) AND ($2::uuid IS NULL OR agent_id = $2 OR previous_agent_id = $2)
       ORDER BY seq DESC LIMIT $3`,
      [params.conversationId ?? null, params.agentId ?? null, params.limit],
    );
    return rows.map((row) => ({
      id: row.id,
      conversationId: row.conversation_id,
      action: row.action,
      agentId: row.agent_id,
      previousAgentId: row.previous_agent_id,
      teamId: row.team_id,
      reason: row.reason,
      explanation: row.explanation,
      actorUserId: row.actor_user_id,
      at: row.at,
    }));
  }

  async listQueue(manager: EntityManager, limit: number): Promise<{ rows: RoutingRow[]; total: number }> {
    const rows: RawRouting[] = await manager.query(
      `SELECT ${routingColumns} FROM routing_conversation rc WHERE rc.queued_at IS NOT NULL
       ORDER BY rc.priority_rank, rc.due_at, rc.queued_at, rc.conversation_id LIMIT $1`,
      [limit],
    );
    return { rows: rows.map(toRow), total: await this.countQueued(manager) };
  }

  async countQueued(manager: EntityManager): Promise<number> {
    const rows: { count: string }[] = await manager.query(
      `SELECT count(*) AS count FROM routing_conversation WHERE queued_at IS NOT NULL`,
    );
    return Number(rows[0]?.count ?? 0);
  }

  async teamExists(manager: EntityManager, teamId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM team WHERE id = $1`, [teamId]);
    return rows.length > 0;
  }

  async setBrandPolicy(
    manager: EntityManager,
    params: { brandId: string; policy: TeamRoutingPolicy },
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO routing_brand (brand_id, policy) SELECT id, $2 FROM brand WHERE id = $1
       ON CONFLICT (brand_id) DO UPDATE SET policy = EXCLUDED.policy RETURNING brand_id`,
      [params.brandId, params.policy],
    );
    return rows.length > 0;
  }
}

/** Position in the queue order, for keyset paging. */
export type QueueKey = { rank: number; dueAt: Date | null; queuedAt: Date; conversationId: string };
