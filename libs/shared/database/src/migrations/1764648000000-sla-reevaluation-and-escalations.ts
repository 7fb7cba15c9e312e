import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA policies chosen again when a conversation's priority or tags change (docs/adr/0107), and escalations that
 * survive a crash (docs/adr/0109):
 * - each clock remembers what its policy was chosen with: the triage intent of the message that started the
 *   conversation's clocks, and the routing priority band at the time (a change of band re-chooses the policy);
 * - `sla_escalation` is the breach's escalation queue, written in the scheduler's transaction with the breach,
 *   taken by one process at a time (`FOR UPDATE SKIP LOCKED`) and marked applied in the transaction that applies
 *   it.
 */
export class SlaReevaluationAndEscalations1764648000000 implements MigrationInterface {
  name = 'SlaReevaluationAndEscalations1764648000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE sla_clock
        ADD COLUMN intent text,
        ADD COLUMN priority text CHECK (priority IN ('urgent', 'high', 'medium', 'low'))`);
    // Clocks started before this migration: the intent of the conversation's first message that needed a reply.
    await queryRunner.query(`
      UPDATE sla_clock c SET intent = first.intent
      FROM (
        SELECT DISTINCT ON (conversation_id) conversation_id, intent FROM message
        WHERE direction = 'inbound' AND needs_reply AND conversation_id IS NOT NULL
        ORDER BY conversation_id, sent_at, id
      ) first
      WHERE first.conversation_id = c.conversation_id`);
    await queryRunner.query(`
      CREATE TABLE sla_escalation (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        clock text NOT NULL,
        metric text NOT NULL,
        action text NOT NULL CHECK (action IN ('raise_priority', 'reassign_to_team_queue')),
        policy_name text NOT NULL,
        -- The breach it answers (the clock's due instant): one escalation per breach and action.
        breached_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        outcome text,
        applied_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sla_escalation_breach_key UNIQUE (conversation_id, clock, metric, action, breached_at)
      )`);
    // The dispatcher's only query: pending rows whose attempt is due, oldest first.
    await queryRunner.query(
      `CREATE INDEX sla_escalation_pending_idx ON sla_escalation (next_attempt_at, id) WHERE status = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sla_escalation`);
    await queryRunner.query(`ALTER TABLE sla_clock DROP COLUMN priority, DROP COLUMN intent`);
  }
}
