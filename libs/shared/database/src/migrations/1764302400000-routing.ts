import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing state (docs/routing.md, docs/adr/0203-0206): each agent's routing profile, each brand's team policy, the
 * routing row of every unresolved conversation that needs or holds an agent, the assignment log, and the
 * last agent who answered each customer. Keyed by conversation_id / user_id; no column of conversation or
 * app_user changes.
 */
export class Routing1764302400000 implements MigrationInterface {
  name = 'Routing1764302400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE routing_agent (
        user_id uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'offline')),
        status_since timestamptz NOT NULL,
        capacity integer NOT NULL DEFAULT 5 CHECK (capacity >= 0 AND capacity <= 1000),
        open_count integer NOT NULL DEFAULT 0 CHECK (open_count >= 0),
        last_assigned_at timestamptz,
        last_active_at timestamptz NOT NULL,
        -- What the agent last chose themselves; a console connecting again restores it (null: online).
        chosen_status text CHECK (chosen_status IN ('online', 'away', 'offline'))
      )`);
    await queryRunner.query(`
      CREATE TABLE routing_brand (
        brand_id uuid PRIMARY KEY REFERENCES brand (id) ON DELETE CASCADE,
        policy text NOT NULL DEFAULT 'round_robin' CHECK (policy IN ('round_robin', 'least_loaded'))
      )`);
    await queryRunner.query(`
      CREATE TABLE routing_conversation (
        conversation_id uuid PRIMARY KEY REFERENCES conversation (id) ON DELETE CASCADE,
        brand_id uuid NOT NULL,
        contact_id uuid NOT NULL,
        team_id uuid REFERENCES team (id) ON DELETE SET NULL,
        language text,
        required_skills text[] NOT NULL DEFAULT '{}',
        priority text NOT NULL CHECK (priority IN ('urgent', 'high', 'medium', 'low')),
        priority_rank smallint NOT NULL,
        priority_score integer NOT NULL,
        priority_reasons text[] NOT NULL DEFAULT '{}',
        priority_signals jsonb NOT NULL,
        is_crm_checked boolean NOT NULL DEFAULT false,
        account_owner_id uuid,
        waiting_since timestamptz,
        due_at timestamptz,
        queued_at timestamptz,
        assignee_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        assigned_at timestamptz,
        CHECK ((queued_at IS NULL) OR (assignee_id IS NULL))
      )`);
    // The queue in its order (priority, due time, arrival, id): the drain reads it from the top.
    await queryRunner.query(`
      CREATE INDEX routing_conversation_queue_idx
        ON routing_conversation (priority_rank, due_at, queued_at, conversation_id) WHERE queued_at IS NOT NULL`);
    // Queued rows whose CRM facts must be read again (few at a time): the drain looks here before each pass.
    await queryRunner.query(`
      CREATE INDEX routing_conversation_crm_idx
        ON routing_conversation (conversation_id) WHERE queued_at IS NOT NULL AND NOT is_crm_checked`);
    await queryRunner.query(
      `CREATE INDEX routing_conversation_assignee_idx ON routing_conversation (assignee_id) WHERE assignee_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE routing_assignment_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Insertion order. Every line is written under the row locks of its conversation and agents, so per
        -- conversation and per agent this is the commit order (the concurrency test replays it).
        seq bigint GENERATED ALWAYS AS IDENTITY,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        action text NOT NULL CHECK (action IN ('assigned', 'claimed', 'transferred', 'reassigned', 'unassigned', 'returned')),
        agent_id uuid,
        previous_agent_id uuid,
        team_id uuid,
        reason text NOT NULL,
        explanation text NOT NULL,
        actor_user_id uuid,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX routing_assignment_log_conversation_idx ON routing_assignment_log (conversation_id, seq)`,
    );
    await queryRunner.query(
      `CREATE INDEX routing_assignment_log_seq_idx ON routing_assignment_log (seq DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE routing_contact_agent (
        contact_id uuid PRIMARY KEY,
        agent_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        answered_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE routing_contact_agent`);
    await queryRunner.query(`DROP TABLE routing_assignment_log`);
    await queryRunner.query(`DROP TABLE routing_conversation`);
    await queryRunner.query(`DROP TABLE routing_brand`);
    await queryRunner.query(`DROP TABLE routing_agent`);
  }
}
