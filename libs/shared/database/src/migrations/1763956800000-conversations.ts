import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Brands and their channel accounts, ingestion cursors and dead letters, contacts, conversations and
 * messages (docs/adr/0009-exactly-once-ingestion.md, 0010-threads-and-reopening.md, 0011-channel-accounts).
 */
export class Conversations1763956800000 implements MigrationInterface {
  name = 'Conversations1763956800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE brand (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        default_language text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX brand_name_key ON brand (lower(name))`);
    await queryRunner.query(`
      CREATE TABLE channel_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid NOT NULL REFERENCES brand (id),
        channel text NOT NULL CHECK (channel IN ('x')),
        external_user_id text NOT NULL,
        handle text NOT NULL,
        display_name text NOT NULL,
        status text NOT NULL CHECK (status IN ('connected', 'disconnected', 'error')),
        mode text NOT NULL CHECK (mode IN ('stream', 'poll', 'webhook')),
        credentials_ciphertext text NOT NULL,
        api_base_url text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT channel_account_external_key UNIQUE (channel, external_user_id)
      )`);
    await queryRunner.query(`CREATE INDEX channel_account_brand_id_idx ON channel_account (brand_id)`);
    await queryRunner.query(`
      CREATE TABLE ingestion_cursor (
        channel_account_id uuid NOT NULL REFERENCES channel_account (id) ON DELETE CASCADE,
        source text NOT NULL,
        last_external_id text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel_account_id, source)
      )`);
    await queryRunner.query(`
      CREATE TABLE dead_letter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL,
        channel_account_id uuid REFERENCES channel_account (id) ON DELETE SET NULL,
        source text NOT NULL,
        reason text NOT NULL,
        raw text NOT NULL,
        received_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX dead_letter_received_at_idx ON dead_letter (received_at)`);
    await queryRunner.query(`
      CREATE TABLE contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        display_name text,
        language text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE contact_identity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        channel text NOT NULL,
        external_user_id text NOT NULL,
        handle text,
        display_name text,
        followers_count integer,
        is_verified boolean NOT NULL DEFAULT false,
        language text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contact_identity_external_key UNIQUE (channel, external_user_id)
      )`);
    await queryRunner.query(`CREATE INDEX contact_identity_contact_id_idx ON contact_identity (contact_id)`);
    await queryRunner.query(`
      CREATE TABLE conversation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid NOT NULL REFERENCES brand (id),
        channel_account_id uuid NOT NULL REFERENCES channel_account (id),
        channel text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('public_thread', 'direct_message')),
        thread_key text NOT NULL,
        contact_id uuid NOT NULL REFERENCES contact (id),
        status text NOT NULL CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
        waiting_since timestamptz,
        resolved_at timestamptz,
        last_activity_at timestamptz NOT NULL,
        last_message_preview text NOT NULL DEFAULT '',
        message_count integer NOT NULL DEFAULT 0,
        previous_conversation_id uuid REFERENCES conversation (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One unresolved conversation per thread: concurrent ingestion paths meet on this index.
    await queryRunner.query(
      `CREATE UNIQUE INDEX conversation_active_thread_key ON conversation (channel_account_id, thread_key) WHERE status <> 'resolved'`,
    );
    await queryRunner.query(
      `CREATE INDEX conversation_thread_idx ON conversation (channel_account_id, thread_key, created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX conversation_activity_idx ON conversation (last_activity_at DESC, id DESC)`,
    );
    await queryRunner.query(`CREATE INDEX conversation_contact_id_idx ON conversation (contact_id)`);
    await queryRunner.query(`
      CREATE TABLE message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL,
        external_id text,
        channel_account_id uuid NOT NULL REFERENCES channel_account (id),
        conversation_id uuid REFERENCES conversation (id),
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        author_kind text NOT NULL CHECK (author_kind IN ('customer', 'agent', 'brand')),
        kind text NOT NULL,
        author_contact_id uuid REFERENCES contact (id),
        author_user_id uuid REFERENCES app_user (id),
        text text NOT NULL,
        language text,
        in_reply_to_external_id text,
        delivery_status text NOT NULL CHECK (delivery_status IN ('received', 'pending', 'sent', 'failed')),
        sent_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        raw jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT message_external_key UNIQUE (channel, external_id)
      )`);
    await queryRunner.query(`CREATE INDEX message_conversation_idx ON message (conversation_id, sent_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE message`);
    await queryRunner.query(`DROP TABLE conversation`);
    await queryRunner.query(`DROP TABLE contact_identity`);
    await queryRunner.query(`DROP TABLE contact`);
    await queryRunner.query(`DROP TABLE dead_letter`);
    await queryRunner.query(`DROP TABLE ingestion_cursor`);
    await queryRunner.query(`DROP TABLE channel_account`);
    await queryRunner.query(`DROP TABLE brand`);
  }
}
