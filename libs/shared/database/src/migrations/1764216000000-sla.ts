import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA policies per brand, the two clocks of each conversation, their append-only event log, the durable
 * due-event schedule and the out-of-hours answers (docs/sla.md, docs/adr/0103-0106). State is keyed by
 * conversation id; the conversation table itself is not altered.
 */
export class Sla1764216000000 implements MigrationInterface {
  name = 'Sla1764216000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sla_policy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
        name text NOT NULL,
        position integer NOT NULL,
        spec jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sla_policy_name_key UNIQUE (brand_id, name)
      )`);
    await queryRunner.query(`CREATE INDEX sla_policy_brand_idx ON sla_policy (brand_id, position)`);
    await queryRunner.query(`
      CREATE TABLE sla_clock (
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        clock text NOT NULL CHECK (clock IN ('customer', 'contract')),
        metric text NOT NULL CHECK (metric IN ('first_response', 'next_response', 'resolution')),
        brand_id uuid NOT NULL,
        channel text NOT NULL,
        policy_id uuid REFERENCES sla_policy (id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('running', 'paused', 'fulfilled', 'stopped')),
        hours text NOT NULL CHECK (hours IN ('business', 'calendar')),
        target_ms bigint NOT NULL,
        started_at timestamptz NOT NULL,
        consumed_ms bigint NOT NULL DEFAULT 0,
        running_since timestamptz,
        due_at timestamptz,
        breached_at timestamptz,
        fulfilled_at timestamptz,
        elapsed_ms bigint,
        responder_user_id uuid,
        generation integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation_id, clock, metric)
      )`);
    await queryRunner.query(
      `CREATE INDEX sla_clock_live_policy_idx ON sla_clock (policy_id, conversation_id, clock, metric)
       WHERE status IN ('running', 'paused')`,
    );
    await queryRunner.query(
      `CREATE INDEX sla_clock_first_response_idx ON sla_clock (started_at) WHERE metric = 'first_response'`,
    );
    await queryRunner.query(`
      CREATE TABLE sla_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        clock text NOT NULL,
        metric text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('applied', 'warned', 'paused', 'resumed', 'fulfilled', 'breached',
          'stopped', 'escalated', 'recomputed', 'auto_answered')),
        at timestamptz NOT NULL,
        due_at timestamptz,
        detail text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX sla_event_conversation_idx ON sla_event (conversation_id, id)`);
    await queryRunner.query(`
      CREATE TABLE sla_due_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        clock text NOT NULL,
        metric text NOT NULL,
        generation integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('warning', 'breach')),
        fraction real NOT NULL,
        due_at timestamptz NOT NULL
      )`);
    // The scheduler's only query reads this index from the left: what is due, oldest first.
    await queryRunner.query(`CREATE INDEX sla_due_event_due_idx ON sla_due_event (due_at)`);
    await queryRunner.query(`CREATE INDEX sla_due_event_conversation_idx ON sla_due_event (conversation_id)`);
    await queryRunner.query(`
      CREATE TABLE sla_auto_answer (
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        period_key text NOT NULL,
        message_id uuid,
        language text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation_id, period_key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sla_auto_answer`);
    await queryRunner.query(`DROP TABLE sla_due_event`);
    await queryRunner.query(`DROP TABLE sla_event`);
    await queryRunner.query(`DROP TABLE sla_clock`);
    await queryRunner.query(`DROP TABLE sla_policy`);
  }
}
