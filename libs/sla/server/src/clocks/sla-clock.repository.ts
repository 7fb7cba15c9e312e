import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { jsonRows } from '@vigie/database';
import type { SlaClockKind, SlaClockState, SlaMetric, SlaPriority, SlaThreshold } from '@vigie/sla-core';
import type { SlaEventKind } from '@vigie/contracts';

/** A stored clock: the core state plus where it belongs. */
export type StoredClock = SlaClockState & {
  conversationId: string;
  brandId: string;
  channel: string;
  policyId: string | null;
  generation: number;
  responderUserId: string | null;
  /** What the policy was chosen with: the starting message's intent and the priority band then (ADR 0107). */
  intent: string | null;
  priority: SlaPriority | null;
};

type RawClock = {
  conversation_id: string;
  clock: SlaClockKind;
  metric: SlaMetric;
  brand_id: string;
  channel: string;
  policy_id: string | null;
  status: SlaClockState['status'];
  hours: SlaClockState['hours'];
  target_ms: string;
  started_at: Date;
  consumed_ms: string;
  running_since: Date | null;
  due_at: Date | null;
  breached_at: Date | null;
  fulfilled_at: Date | null;
  elapsed_ms: string | null;
  responder_user_id: string | null;
  generation: number;
  intent: string | null;
  priority: SlaPriority | null;
};

export type SlaEventRow = {
  id: string;
  clock: SlaClockKind;
  metric: SlaMetric;
  kind: SlaEventKind;
  at: Date;
  due_at: Date | null;
  detail: string;
};

export type NewSlaEvent = {
  conversationId: string;
  clock: SlaClockKind;
  metric: SlaMetric;
  kind: SlaEventKind;
  at: Date;
  dueAt: Date | null;
  detail: string;
};

/** A due event the scheduler took (and deleted) in its transaction. */
export type TakenDueEvent = {
  conversationId: string;
  clock: SlaClockKind;
  metric: SlaMetric;
  generation: number;
  kind: 'warning' | 'breach';
  fraction: number;
  dueAt: Date;
};

const clockColumns = `conversation_id, clock, metric, brand_id, channel, policy_id, status, hours, target_ms,
  started_at, consumed_ms, running_since, due_at, breached_at, fulfilled_at, elapsed_ms, responder_user_id, generation,
  intent, priority`;

function toStoredClock(row: RawClock): StoredClock {
  return {
    conversationId: row.conversation_id,
    clock: row.clock,
    metric: row.metric,
    brandId: row.brand_id,
    channel: row.channel,
    policyId: row.policy_id,
    status: row.status,
    hours: row.hours,
    targetMs: Number(row.target_ms),
    startedAt: row.started_at,
    consumedMs: Number(row.consumed_ms),
    runningSince: row.running_since,
    dueAt: row.due_at,
    breachedAt: row.breached_at,
    fulfilledAt: row.fulfilled_at,
    elapsedMs: row.elapsed_ms === null ? null : Number(row.elapsed_ms),
    responderUserId: row.responder_user_id,
    generation: row.generation,
    intent: row.intent,
    priority: row.priority,
  };
}

/** SQL for clocks, their event log and their due events. Every write takes the caller's transaction. */
@Injectable()
export class SlaClockRepository {
  /** The conversation's clocks, locked until the transaction ends (they are about to change). */
  async findForUpdate(manager: EntityManager, conversationId: string): Promise<StoredClock[]> {
    const rows = (await manager.query(
      `SELECT ${clockColumns} FROM sla_clock WHERE conversation_id = $1 ORDER BY clock, metric FOR UPDATE`,
      [conversationId],
    )) as RawClock[];
    return rows.map(toStoredClock);
  }

  /**
   * The clocks of a batch's conversations, locked until the transaction ends, in conversation id order (the
   * order every batch locks in, so two batches never wait for each other in a cycle).
   */
  async findManyForUpdate(manager: EntityManager, conversationIds: string[]): Promise<StoredClock[]> {
    if (conversationIds.length === 0) return [];
    const rows = (await manager.query(
      `SELECT ${clockColumns} FROM sla_clock WHERE conversation_id = ANY($1::uuid[])
       ORDER BY conversation_id, clock, metric FOR UPDATE`,
      [conversationIds],
    )) as RawClock[];
    return rows.map(toStoredClock);
  }

  async findByConversation(manager: EntityManager, conversationId: string): Promise<StoredClock[]> {
    const rows = (await manager.query(
      `SELECT ${clockColumns} FROM sla_clock WHERE conversation_id = $1 ORDER BY metric, clock`,
      [conversationId],
    )) as RawClock[];
    return rows.map(toStoredClock);
  }

  async findByConversations(manager: EntityManager, conversationIds: string[]): Promise<StoredClock[]> {
    if (conversationIds.length === 0) return [];
    const rows = (await manager.query(
      `SELECT ${clockColumns} FROM sla_clock WHERE conversation_id = ANY($1::uuid[])
       ORDER BY conversation_id, clock, metric`,
      [conversationIds],
    )) as RawClock[];
    return rows.map(toStoredClock);
  }

  /** Live (running or paused) clocks of a policy, a page at a time in key order, locked (recomputation). */
  async findLiveOfPolicy(
    manager: EntityManager,
    params: {
      policyId: string;
      after: { conversationId: string; clock: string; metric: string } | null;
      limit: number;
    },
  ): Promise<StoredClock[]> {
    const after = params.after ?? {
      conversationId: '00000000-0000-0000-0000-000000000000',
      clock: '',
      metric: '',
    };
    const rows = (await manager.query(
      `SELECT ${clockColumns} FROM sla_clock
       WHERE policy_id = $1 AND status IN ('running', 'paused') AND (conversation_id, clock, metric) > ($2::uuid, $3, $4)
       ORDER BY conversation_id, clock, metric LIMIT $5 FOR UPDATE`,
      [params.policyId, after.conversationId, after.clock, after.metric, params.limit],
    )) as RawClock[];
    return rows.map(toStoredClock);
  }

  /** Inserts or replaces a clock (a new response cycle reuses the metric's row). */
  async save(manager: EntityManager, clocks: StoredClock[]): Promise<void> {
    if (clocks.length === 0) return;
    await manager.query(
      `INSERT INTO sla_clock (${clockColumns}, updated_at)
       SELECT *, now() FROM jsonb_to_recordset($1::jsonb) AS row (conversation_id uuid, clock text, metric text,
         brand_id uuid, channel text, policy_id uuid, status text, hours text, target_ms bigint,
         started_at timestamptz, consumed_ms bigint, running_since timestamptz, due_at timestamptz,
         breached_at timestamptz, fulfilled_at timestamptz, elapsed_ms bigint, responder_user_id uuid,
         generation integer, intent text, priority text)
       ON CONFLICT (conversation_id, clock, metric) DO UPDATE SET
         policy_id = EXCLUDED.policy_id, status = EXCLUDED.status, hours = EXCLUDED.hours,
         target_ms = EXCLUDED.target_ms, started_at = EXCLUDED.started_at, consumed_ms = EXCLUDED.consumed_ms,
         running_since = EXCLUDED.running_since, due_at = EXCLUDED.due_at, breached_at = EXCLUDED.breached_at,
         fulfilled_at = EXCLUDED.fulfilled_at, elapsed_ms = EXCLUDED.elapsed_ms,
         responder_user_id = EXCLUDED.responder_user_id, generation = EXCLUDED.generation,
         intent = EXCLUDED.intent, priority = EXCLUDED.priority, updated_at = now()`,
      [
        jsonRows(clocks, (clock) => ({
          conversation_id: clock.conversationId,
          clock: clock.clock,
          metric: clock.metric,
          brand_id: clock.brandId,
          channel: clock.channel,
          policy_id: clock.policyId,
          status: clock.status,
          hours: clock.hours,
          target_ms: clock.targetMs,
          started_at: clock.startedAt,
          consumed_ms: clock.consumedMs,
          running_since: clock.runningSince,
          due_at: clock.dueAt,
          breached_at: clock.breachedAt,
          fulfilled_at: clock.fulfilledAt,
          elapsed_ms: clock.elapsedMs,
          responder_user_id: clock.responderUserId,
          generation: clock.generation,
          intent: clock.intent,
          priority: clock.priority,
        })),
      ],
    );
  }

  /** The `paused` and `resumed` events of a conversation since `since`, in log order (re-application, ADR 0107). */
  async findPauseEvents(
    manager: EntityManager,
    params: { conversationId: string; since: Date },
  ): Promise<{ clock: SlaClockKind; metric: SlaMetric; kind: 'paused' | 'resumed'; at: Date }[]> {
    return (await manager.query(
      `SELECT clock, metric, kind, at FROM sla_event
       WHERE conversation_id = $1 AND kind IN ('paused', 'resumed') AND at >= $2 ORDER BY id`,
      [params.conversationId, params.since],
    )) as { clock: SlaClockKind; metric: SlaMetric; kind: 'paused' | 'resumed'; at: Date }[];
  }

  async appendEvents(manager: EntityManager, events: NewSlaEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO sla_event (conversation_id, clock, metric, kind, at, due_at, detail)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS row (conversation_id uuid, clock text, metric text, kind text,
         at timestamptz, due_at timestamptz, detail text)`,
      [
        jsonRows(events, (event) => ({
          conversation_id: event.conversationId,
          clock: event.clock,
          metric: event.metric,
          kind: event.kind,
          at: event.at,
          due_at: event.dueAt,
          detail: event.detail,
        })),
      ],
    );
  }

  async findEvents(manager: EntityManager, conversationId: string): Promise<SlaEventRow[]> {
    return (await manager.query(
      // By the bigint column: `ORDER BY id` would sort the text alias ("10" before "9").
      `SELECT id::text AS id, clock, metric, kind, at, due_at, detail FROM sla_event e WHERE conversation_id = $1
       ORDER BY e.id`,
      [conversationId],
    )) as SlaEventRow[];
  }

  /**
   * Replaces the pending due events of the given clocks: the old generation's rows go, the new thresholds
   * come. A clock without thresholds (paused, ended) simply loses its rows.
   */
  async reschedule(
    manager: EntityManager,
    entries: { clock: StoredClock; thresholds: SlaThreshold[] }[],
  ): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `DELETE FROM sla_due_event d
       USING jsonb_to_recordset($1::jsonb) AS c (conversation_id uuid, clock text, metric text)
       WHERE d.conversation_id = c.conversation_id AND d.clock = c.clock AND d.metric = c.metric`,
      [
        jsonRows(entries, ({ clock }) => ({
          conversation_id: clock.conversationId,
          clock: clock.clock,
          metric: clock.metric,
        })),
      ],
    );
    const rows = entries.flatMap((entry) =>
      entry.thresholds.map((threshold) => ({ clock: entry.clock, threshold })),
    );
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO sla_due_event (conversation_id, clock, metric, generation, kind, fraction, due_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS row (conversation_id uuid, clock text, metric text,
         generation integer, kind text, fraction real, due_at timestamptz)`,
      [
        jsonRows(rows, ({ clock, threshold }) => ({
          conversation_id: clock.conversationId,
          clock: clock.clock,
          metric: clock.metric,
          generation: clock.generation,
          kind: threshold.kind,
          fraction: threshold.fraction,
          due_at: threshold.at,
        })),
      ],
    );
  }

  /**
   * Takes what became due, oldest first, and locks the clocks concerned. `SKIP LOCKED` lets several processes
   * poll the same table: each row is taken by exactly one transaction, and deleted by it, so an alert fires
   * once even with many schedulers.
   */
  async takeDue(manager: EntityManager, params: { now: Date; limit: number }): Promise<TakenDueEvent[]> {
    const rows = (await manager.query(
      // The clock rows are locked with their due rows, skipping both when busy: a clock being changed by an
      // inbox transaction right now is left for the next tick, so the scheduler never waits on (or deadlocks
      // with) ingestion. A CTE, so the driver answers the rows (a bare DELETE … RETURNING comes back as
      // [rows, count]); ARRAY(…) makes the ids one value, so the delete is primary-key lookups.
      `WITH taken AS (
         DELETE FROM sla_due_event WHERE id = ANY(ARRAY(
           SELECT d.id FROM sla_due_event d
           JOIN sla_clock c ON c.conversation_id = d.conversation_id AND c.clock = d.clock AND c.metric = d.metric
           WHERE d.due_at <= $1 ORDER BY d.due_at LIMIT $2 FOR UPDATE OF d, c SKIP LOCKED))
         RETURNING conversation_id, clock, metric, generation, kind, fraction, due_at)
       SELECT * FROM taken`,
      [params.now, params.limit],
    )) as {
      conversation_id: string;
      clock: SlaClockKind;
      metric: SlaMetric;
      generation: number;
      kind: 'warning' | 'breach';
      fraction: number;
      due_at: Date;
    }[];
    return rows
      .map((row) => ({
        conversationId: row.conversation_id,
        clock: row.clock,
        metric: row.metric,
        generation: row.generation,
        kind: row.kind,
        fraction: Math.round(row.fraction * 1000) / 1000,
        dueAt: row.due_at,
      }))
      .sort((left, right) => left.dueAt.getTime() - right.dueAt.getTime());
  }

  async markBreached(manager: EntityManager, params: { clocks: StoredClock[]; at: Date }): Promise<void> {
    if (params.clocks.length === 0) return;
    await manager.query(
      `UPDATE sla_clock c SET breached_at = $4, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(conversation_id, clock, metric)
       WHERE c.conversation_id = k.conversation_id AND c.clock = k.clock AND c.metric = k.metric AND c.breached_at IS NULL`,
      [
        params.clocks.map((clock) => clock.conversationId),
        params.clocks.map((clock) => clock.clock),
        params.clocks.map((clock) => clock.metric),
        params.at,
      ],
    );
  }
}
