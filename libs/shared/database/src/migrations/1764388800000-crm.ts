import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CRM (issue 5 section 3): accounts with an owner, tier and value; contacts linked to an account,
 * merged by alias (docs/adr/0301-reversible-merge-by-alias.md), erased on request; notes; link proposals;
 * one audit log; the external CRM connector (signed inbound upserts, outbound webhook deliveries).
 */
export class Crm1764388800000 implements MigrationInterface {
  name = 'Crm1764388800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE crm_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        external_id text,
        name text NOT NULL,
        owner_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        tier text CHECK (tier IN ('vip', 'premium', 'standard')),
        value numeric(14, 2),
        attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
        tags text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT crm_account_external_key UNIQUE (external_id)
      )`);
    await queryRunner.query(`CREATE INDEX crm_account_owner_idx ON crm_account (owner_user_id)`);
    await queryRunner.query(`
      ALTER TABLE contact
        ADD COLUMN account_id uuid REFERENCES crm_account (id) ON DELETE SET NULL,
        ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
        ADD COLUMN merged_into_id uuid REFERENCES contact (id),
        ADD COLUMN erased_at timestamptz`);
    await queryRunner.query(`CREATE INDEX contact_account_idx ON contact (account_id)`);
    await queryRunner.query(`CREATE INDEX contact_merged_into_idx ON contact (merged_into_id)`);
    // Who linked an identity by hand (null: the channel itself, e.g. the author of a post).
    await queryRunner.query(`
      ALTER TABLE contact_identity
        ADD COLUMN linked_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL`);
    await queryRunner.query(`
      CREATE TABLE contact_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        author_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX contact_note_contact_idx ON contact_note (contact_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE contact_merge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        survivor_id uuid NOT NULL REFERENCES contact (id),
        merged_id uuid NOT NULL REFERENCES contact (id),
        merged_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        survivor_changes jsonb NOT NULL,
        merged_at timestamptz NOT NULL,
        undone_at timestamptz,
        undone_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL
      )`);
    // A contact is merged into at most one survivor at a time (concurrent merges meet here).
    await queryRunner.query(
      `CREATE UNIQUE INDEX contact_merge_active_key ON contact_merge (merged_id) WHERE undone_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE contact_link_proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'phone')),
        value text NOT NULL,
        source_message_id uuid,
        status text NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected')),
        decided_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        CONSTRAINT contact_link_proposal_key UNIQUE (contact_id, channel, value)
      )`);
    await queryRunner.query(`
      CREATE TABLE crm_audit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action text NOT NULL,
        actor_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'connector', 'system')),
        contact_id uuid,
        account_id uuid,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX crm_audit_contact_idx ON crm_audit (contact_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE crm_connector (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL,
        inbound_secret text NOT NULL,
        outbound_url text,
        outbound_secret text NOT NULL,
        events text[] NOT NULL DEFAULT '{}',
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT crm_connector_name_key UNIQUE (name)
      )`);
    // Replay protection: a signed inbound request is applied once per delivery id.
    await queryRunner.query(`
      CREATE TABLE crm_inbound_receipt (
        connector_id uuid NOT NULL REFERENCES crm_connector (id) ON DELETE CASCADE,
        delivery_id text NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (connector_id, delivery_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE crm_webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        connector_id uuid NOT NULL REFERENCES crm_connector (id) ON DELETE CASCADE,
        event_key text NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_status_code integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL,
        CONSTRAINT crm_webhook_delivery_event_key UNIQUE (connector_id, event_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX crm_webhook_delivery_due_idx ON crm_webhook_delivery (next_attempt_at) WHERE status = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE crm_webhook_delivery`);
    await queryRunner.query(`DROP TABLE crm_inbound_receipt`);
    await queryRunner.query(`DROP TABLE crm_connector`);
    await queryRunner.query(`DROP TABLE crm_audit`);
    await queryRunner.query(`DROP TABLE contact_link_proposal`);
    await queryRunner.query(`DROP TABLE contact_merge`);
    await queryRunner.query(`DROP TABLE contact_note`);
    await queryRunner.query(`ALTER TABLE contact_identity DROP COLUMN linked_by_user_id`);
    await queryRunner.query(`DROP INDEX contact_merged_into_idx`);
    await queryRunner.query(`DROP INDEX contact_account_idx`);
    await queryRunner.query(`
      ALTER TABLE contact
        DROP COLUMN erased_at,
        DROP COLUMN merged_into_id,
        DROP COLUMN tags,
        DROP COLUMN attributes,
        DROP COLUMN account_id`);
    await queryRunner.query(`DROP TABLE crm_account`);
  }
}
