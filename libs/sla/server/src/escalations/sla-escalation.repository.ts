import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SlaClockKind, SlaMetric } from '@vigie/sla-core';

/** What a breach asks of another domain, beyond the alert. */
export type SlaEscalationAction = 'raise_priority' | 'reassign_to_team_queue';

export type NewSlaEscalation = {
  conversationId: string;
  clock: SlaClockKind;
  metric: SlaMetric;
  action: SlaEscalationAction;
  policyName: string;
  breachedAt: Date;
};

/** An escalation taken by the dispatcher: locked by its transaction until it commits. */
export type PendingSlaEscalation = NewSlaEscalation & { id: string; attempts: number };

type RawEscalation = {
  id: string;
  conversation_id: string;
  clock: SlaClockKind;
  metric: SlaMetric;
  action: SlaEscalationAction;
  policy_name: string;
  breached_at: Date;
  attempts: number;
};

export type SlaEscalationRow = PendingSlaEscalation & {
  status: 'pending' | 'applied' | 'failed';
  outcome: string | null;
  lastError: string | null;
  appliedAt: Date | null;
};

// `id` is read as text (a bigint); queries order by the column (`e.id`), never by that alias.
const columns = 'id::text AS id, conversation_id, clock, metric, action, policy_name, breached_at, attempts';

function toPending(row: RawEscalation): PendingSlaEscalation {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    clock: row.clock,
    metric: row.metric,
    action: row.action,
    policyName: row.policy_name,
    breachedAt: row.breached_at,
    attempts: row.attempts,
  };
}

/**
 * SQL for the escalation queue (docs/adr/0109-durable-sla-escalations.md): rows written in the scheduler's
 * transaction with the breach, taken one at a time with `FOR UPDATE SKIP LOCKED`, closed in the transaction that
 * carries them out.
 */
@Injectable()
export class SlaEscalationRepository {
  /** Queues escalations (idempotent: one per breach and action). */
  async enqueue(
    manager: EntityManager,
    params: { escalations: NewSlaEscalation[]; at: Date },
  ): Promise<void> {
    if (params.escalations.length === 0) return;
    const { escalations } = params;
    await manager.query(
      `INSERT INTO sla_escalation (conversation_id, clock, metric, action, policy_name, breached_at, next_attempt_at)
       SELECT *, $7::timestamptz FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
       ON CONFLICT ON CONSTRAINT sla_escalation_breach_key DO NOTHING`,
      [
        escalations.map((escalation) => escalation.conversationId),
        escalations.map((escalation) => escalation.clock),
        escalations.map((escalation) => escalation.metric),
        escalations.map((escalation) => escalation.action),
        escalations.map((escalation) => escalation.policyName),
        escalations.map((escalation) => escalation.breachedAt),
        params.at,
      ],
    );
  }

  /**
   * The oldest pending escalation whose attempt is due, locked until the transaction ends; another process's
   * transaction skips it (each is carried out by one transaction at a time).
   */
  async takeNext(manager: EntityManager, now: Date): Promise<PendingSlaEscalation | null> {
    const rows = (await manager.query(
      `SELECT ${columns} FROM sla_escalation e WHERE status = 'pending' AND next_attempt_at <= $1
       ORDER BY next_attempt_at, e.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    )) as RawEscalation[];
    return rows[0] ? toPending(rows[0]) : null;
  }

  async markApplied(
    manager: EntityManager,
    params: { id: string; outcome: string; at: Date },
  ): Promise<void> {
    await manager.query(
      `UPDATE sla_escalation SET status = 'applied', outcome = $2, applied_at = $3, attempts = attempts + 1,
         last_error = NULL WHERE id = $1`,
      [params.id, params.outcome, params.at],
    );
  }

  /** An attempt failed: tried again at `retryAt`, or given up (`failed`) when `retryAt` is null. */
  async markAttemptFailed(
    manager: EntityManager,
    params: { id: string; error: string; retryAt: Date | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE sla_escalation SET attempts = attempts + 1, last_error = $2,
         status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE status END,
         next_attempt_at = COALESCE($3::timestamptz, next_attempt_at) WHERE id = $1`,
      [params.id, params.error, params.retryAt],
    );
  }

  async findByConversation(manager: EntityManager, conversationId: string): Promise<SlaEscalationRow[]> {
    const rows = (await manager.query(
      `SELECT ${columns}, status, outcome, last_error, applied_at FROM sla_escalation e
       WHERE conversation_id = $1 ORDER BY e.id`,
      [conversationId],
    )) as (RawEscalation & {
      status: SlaEscalationRow['status'];
      outcome: string | null;
      last_error: string | null;
      applied_at: Date | null;
    })[];
    return rows.map((row) => ({
      ...toPending(row),
      status: row.status,
      outcome: row.outcome,
      lastError: row.last_error,
      appliedAt: row.applied_at,
    }));
  }
}
