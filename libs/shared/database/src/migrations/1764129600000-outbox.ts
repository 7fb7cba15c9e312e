import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agent actions on a conversation (docs/replies.md, docs/adr/0015-0017): the outbox of replies waiting for the
 * channel (one row per outbound message, idempotent on the caller's key), internal notes, tags, and the time
 * a snoozed conversation wakes up.
 */
export class Outbox1764129600000 implements MigrationInterface {
  name = 'Outbox1764129600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id uuid NOT NULL REFERENCES message (id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversation (id),
        channel_account_id uuid NOT NULL REFERENCES channel_account (id),
        channel text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('public_reply', 'direct_message')),
        text text NOT NULL,
        in_reply_to_external_id text,
        idempotency_key text NOT NULL,
        author_user_id uuid REFERENCES app_user (id),
        automation_name text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempt_count integer NOT NULL DEFAULT 0,
        is_outcome_unknown boolean NOT NULL DEFAULT false,
        next_attempt_at timestamptz NOT NULL,
        lease_until timestamptz,
        last_attempt_at timestamptz,
        external_id text,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outbox_message_idempotency_key UNIQUE (idempotency_key),
        CONSTRAINT outbox_message_message_key UNIQUE (message_id),
        CHECK ((mode = 'public_reply') = (in_reply_to_external_id IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_message_due_idx ON outbox_message (next_attempt_at) WHERE status IN ('pending', 'sending')`,
    );
    await queryRunner.query(
      `CREATE INDEX outbox_message_conversation_idx ON outbox_message (conversation_id, created_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE conversation_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        author_user_id uuid NOT NULL REFERENCES app_user (id),
        text text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX conversation_note_conversation_idx ON conversation_note (conversation_id, created_at)`,
    );
    await queryRunner.query(`ALTER TABLE conversation ADD COLUMN tags text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE conversation ADD COLUMN snoozed_until timestamptz`);
    await queryRunner.query(
      `CREATE INDEX conversation_snoozed_until_idx ON conversation (snoozed_until) WHERE status = 'snoozed'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX conversation_snoozed_until_idx`);
    await queryRunner.query(`ALTER TABLE conversation DROP COLUMN snoozed_until`);
    await queryRunner.query(`ALTER TABLE conversation DROP COLUMN tags`);
    await queryRunner.query(`DROP TABLE conversation_note`);
    await queryRunner.query(`DROP TABLE outbox_message`);
  }
}
