import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents that ops act on (issue 7 §2, docs/spikes.md): who acknowledged them, how they closed (calm, resolved
 * by hand, false alarm), the conversations linked to them, and bulk answers with one outbox reply per linked
 * conversation (the outbox row holds the delivery status; this table only says which reply answered whom).
 */
export class IncidentActions1764561600000 implements MigrationInterface {
  name = 'IncidentActions1764561600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE spike_incident
        ADD COLUMN closure text CHECK (closure IN ('calm', 'resolved', 'false_alarm')),
        ADD COLUMN closed_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        ADD COLUMN acknowledged_at timestamptz,
        ADD COLUMN acknowledged_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL`);
    await queryRunner.query(`UPDATE spike_incident SET closure = 'calm' WHERE status = 'closed'`);
    await queryRunner.query(`
      CREATE TABLE incident_conversation (
        incident_id uuid NOT NULL REFERENCES spike_incident (id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        linked_at timestamptz NOT NULL,
        PRIMARY KEY (incident_id, conversation_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX incident_conversation_linked_idx ON incident_conversation (incident_id, linked_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX incident_conversation_conversation_idx ON incident_conversation (conversation_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE incident_bulk_answer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES spike_incident (id) ON DELETE CASCADE,
        request_key text NOT NULL,
        texts jsonb NOT NULL,
        is_for_newcomers boolean NOT NULL,
        created_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT incident_bulk_answer_request_key UNIQUE (incident_id, request_key)
      )`);
    await queryRunner.query(`
      CREATE TABLE incident_bulk_answer_reply (
        bulk_answer_id uuid NOT NULL REFERENCES incident_bulk_answer (id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        message_id uuid REFERENCES message (id) ON DELETE SET NULL,
        language text NOT NULL,
        failure_reason text,
        PRIMARY KEY (bulk_answer_id, conversation_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX incident_bulk_answer_reply_message_idx ON incident_bulk_answer_reply (message_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE incident_bulk_answer_reply`);
    await queryRunner.query(`DROP TABLE incident_bulk_answer`);
    await queryRunner.query(`DROP TABLE incident_conversation`);
    await queryRunner.query(`
      ALTER TABLE spike_incident DROP COLUMN acknowledged_by_user_id, DROP COLUMN acknowledged_at,
        DROP COLUMN closed_by_user_id, DROP COLUMN closure`);
  }
}
