import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SlaClockKind, SlaClockState, SlaMetric, SlaThreshold } from '@vigie/sla-core';
import type { SlaEventKind } from '@vigie/contracts';

/** A stored clock: the core state plus where it belongs. */
export type StoredClock = SlaClockState & {
  conversationId: string;
  brandId: string;
  channel: string;
  policyId: string | null;
  generation: number;
  responderUserId: string | null;
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
  started_at, consumed_ms, running_since, due_at, breached_at, fulfilled_at, elapsed_ms, responder_user_id, generation`;

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
    const column = <T>(pick: (clock: StoredClock) => T) => clocks.map(pick);
    await manager.query(
      `INSERT INTO sla_clock (${clockColumns}, updated_at)
       SELECT *, now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::uuid[], $7::text[],
         $8::text[], $9::bigint[], $10::timestamptz[], $11::bigint[], $12::timestamptz[], $13::timestamptz[],
         $14::timestamptz[], $15::timestamptz[], $16::bigint[], $17::uuid[], $18::integer[])
       ON CONFLICT (conversation_id, clock, metric) DO UPDATE SET
         policy_id = EXCLUDED.policy_id, status = EXCLUDED.status, hours = EXCLUDED.hours,
         target_ms = EXCLUDED.target_ms, started_at = EXCLUDED.started_at, consumed_ms = EXCLUDED.consumed_ms,
         running_since = EXCLUDED.running_since, due_at = EXCLUDED.due_at, breached_at = EXCLUDED.breached_at,
         fulfilled_at = EXCLUDED.fulfilled_at, elapsed_ms = EXCLUDED.elapsed_ms,
         responder_user_id = EXCLUDED.responder_user_id, generation = EXCLUDED.generation, updated_at = now()`,
      [
        column((clock) => clock.conversationId),
        column((clock) => clock.clock),
        column((clock) => clock.metric),
        column((clock) => clock.brandId),
        column((clock) => clock.channel),
        column((clock) => clock.policyId),
        column((clock) => clock.status),
        column((clock) => clock.hours),
        column((clock) => clock.targetMs),
        column((clock) => clock.startedAt),
        column((clock) => clock.consumedMs),
        column((clock) => clock.runningSince),
        column((clock) => clock.dueAt),
        column((clock) => clock.breachedAt),
        column((clock) => clock.fulfilledAt),
        column((clock) => clock.elapsedMs),
        column((clock) => clock.responderUserId),
        column((clock) => clock.generation),
      ],
    );
  }

  async appendEvents(manager: EntityManager, events: NewSlaEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO sla_event (conversation_id, clock, metric, kind, at, due_at, detail)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[])`,
      [
        events.map((event) => event.conversationId),
        events.map((event) => event.clock),
        events.map((event) => event.metric),
        events.map((event) => event.kind),
        events.map((event) => event.at),
        events.map((event) => event.dueAt),
        events.map((event) => event.detail),
      ],
    );
  }

  async findEvents(manager: EntityManager, conversationId: string): Promise<SlaEventRow[]> {
    return (await manager.query(
      `SELECT id::text AS id, clock, metric, kind, at, due_at, detail FROM sla_event WHERE conversation_id = $1 ORDER BY id`,
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
      `DELETE FROM sla_due_event d USING unnest($1::uuid[], $2::text[], $3::text[]) AS c(conversation_id, clock, metric)
       WHERE d.conversation_id = c.conversation_id AND d.clock = c.clock AND d.metric = c.metric`,
      [
        entries.map((entry) => entry.clock.conversationId),
        entries.map((entry) => entry.clock.clock),
        entries.map((entry) => entry.clock.metric),
      ],
    );
    const rows = entries.flatMap((entry) =>
      entry.thresholds.map((threshold) => ({ clock: entry.clock, threshold })),
    );
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO sla_due_event (conversation_id, clock, metric, generation, kind, fraction, due_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::real[], $7::timestamptz[])`,
      [
        rows.map((row) => row.clock.conversationId),
        rows.map((row) => row.clock.clock),
        rows.map((row) => row.clock.metric),
        rows.map((row) => row.clock.generation),
        rows.map((row) => row.threshold.kind),
        rows.map((row) => row.threshold.fraction),
        rows.map((row) => row.threshold.at),
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
