import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operating incidents (issue 7 §2, docs/spikes.md, ADRs 0403-0405):
 * - unlinking keeps the link row (`unlinked_at`) so the topic linker does not link the conversation again;
 * - merge (`closure = 'merged'`, `merged_into_id`) and split (`split_from_id`: incidents opened by hand, outside
 *   the detector's one-open-incident-per-series rule);
 * - the incident's own SLA: a first public update due some minutes after opening (`spike_brand_setting`);
 * - outbound incident webhooks per brand (secret encrypted at rest) and their durable deliveries;
 * - the outbox's per-account sending budget: bulk replies are marked, 429 waits are counted apart from attempts.
 */
export class IncidentOperations1764907200000 implements MigrationInterface {
  name = 'IncidentOperations1764907200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE spike_incident DROP CONSTRAINT spike_incident_closure_check`);
    await queryRunner.query(`
      ALTER TABLE spike_incident
        ADD CONSTRAINT spike_incident_closure_check
          CHECK (closure IN ('calm', 'resolved', 'false_alarm', 'merged')),
        ADD COLUMN merged_into_id uuid REFERENCES spike_incident (id) ON DELETE SET NULL,
        ADD COLUMN split_from_id uuid REFERENCES spike_incident (id) ON DELETE SET NULL,
        ADD COLUMN opened_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        ADD COLUMN first_update_minutes integer NOT NULL DEFAULT 30 CHECK (first_update_minutes BETWEEN 1 AND 1440),
        ADD COLUMN first_update_due_at timestamptz,
        ADD COLUMN first_update_at timestamptz,
        ADD COLUMN sla_warned_at timestamptz,
        ADD COLUMN sla_breached_at timestamptz`);
    await queryRunner.query(`
      UPDATE spike_incident i SET first_update_due_at = i.created_at + interval '30 minutes',
        first_update_at = (SELECT min(a.created_at) FROM incident_bulk_answer a WHERE a.incident_id = i.id)`);
    await queryRunner.query(
      `ALTER TABLE spike_incident ALTER COLUMN first_update_due_at SET NOT NULL,
         ALTER COLUMN first_update_minutes DROP DEFAULT`,
    );
    // One open incident per series is the detector's rule; incidents split off by hand share the series.
    await queryRunner.query(`DROP INDEX spike_incident_open_key`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX spike_incident_open_key ON spike_incident (brand_id, topic)
       WHERE status = 'open' AND split_from_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX spike_incident_first_update_idx ON spike_incident (first_update_due_at)
       WHERE status = 'open' AND first_update_at IS NULL`,
    );
    await queryRunner.query(`
      ALTER TABLE incident_conversation
        ADD COLUMN unlinked_at timestamptz,
        ADD COLUMN unlinked_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL`);
    await queryRunner.query(`
      CREATE TABLE spike_brand_setting (
        brand_id uuid PRIMARY KEY REFERENCES brand (id) ON DELETE CASCADE,
        first_update_minutes integer NOT NULL CHECK (first_update_minutes BETWEEN 1 AND 1440),
        updated_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE incident_webhook (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
        name text NOT NULL,
        url text NOT NULL,
        secret_ciphertext text NOT NULL,
        events text[] NOT NULL,
        is_active boolean NOT NULL DEFAULT true,
        created_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT incident_webhook_name_key UNIQUE (brand_id, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE incident_webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL REFERENCES incident_webhook (id) ON DELETE CASCADE,
        incident_id uuid REFERENCES spike_incident (id) ON DELETE SET NULL,
        event_key text NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_status_code integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL,
        CONSTRAINT incident_webhook_delivery_event_key UNIQUE (webhook_id, event_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX incident_webhook_delivery_due_idx ON incident_webhook_delivery (next_attempt_at)
       WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX incident_webhook_delivery_list_idx ON incident_webhook_delivery (webhook_id, created_at DESC)`,
    );
    await queryRunner.query(`
      ALTER TABLE outbox_message
        ADD COLUMN is_bulk boolean NOT NULL DEFAULT false,
        ADD COLUMN rate_limited_count integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      CREATE TABLE channel_send_budget (
        channel_account_id uuid NOT NULL REFERENCES channel_account (id) ON DELETE CASCADE,
        mode text NOT NULL CHECK (mode IN ('public_reply', 'direct_message')),
        recent_sends timestamptz[] NOT NULL DEFAULT '{}',
        recent_bulk_sends timestamptz[] NOT NULL DEFAULT '{}',
        blocked_until timestamptz,
        PRIMARY KEY (channel_account_id, mode)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE channel_send_budget`);
    await queryRunner.query(`ALTER TABLE outbox_message DROP COLUMN rate_limited_count, DROP COLUMN is_bulk`);
    await queryRunner.query(`DROP TABLE incident_webhook_delivery`);
    await queryRunner.query(`DROP TABLE incident_webhook`);
    await queryRunner.query(`DROP TABLE spike_brand_setting`);
    await queryRunner.query(
      `ALTER TABLE incident_conversation DROP COLUMN unlinked_by_user_id, DROP COLUMN unlinked_at`,
    );
    await queryRunner.query(`DROP INDEX spike_incident_first_update_idx`);
    await queryRunner.query(`DROP INDEX spike_incident_open_key`);
    // Incidents split off by hand would break the detector's unique index: they go with the columns.
    await queryRunner.query(`DELETE FROM spike_incident WHERE split_from_id IS NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX spike_incident_open_key ON spike_incident (brand_id, topic) WHERE status = 'open'`,
    );
    await queryRunner.query(`UPDATE spike_incident SET closure = 'resolved' WHERE closure = 'merged'`);
    await queryRunner.query(`
      ALTER TABLE spike_incident
        DROP COLUMN sla_breached_at, DROP COLUMN sla_warned_at, DROP COLUMN first_update_at,
        DROP COLUMN first_update_due_at, DROP COLUMN first_update_minutes, DROP COLUMN opened_by_user_id, DROP COLUMN split_from_id,
        DROP COLUMN merged_into_id, DROP CONSTRAINT spike_incident_closure_check`);
    await queryRunner.query(`
      ALTER TABLE spike_incident ADD CONSTRAINT spike_incident_closure_check
        CHECK (closure IN ('calm', 'resolved', 'false_alarm'))`);
  }
}
