import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mention-volume spikes (issue 7, docs/spikes.md): per-minute counts per brand and topic written with each
 * stored post, the detector state of every series (so it survives restarts), and the incidents it opens.
 * The index on `message.sent_at` bounds the incident's term and sample look-ups to a time range.
 */
export class Spikes1764475200000 implements MigrationInterface {
  name = 'Spikes1764475200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE spike_series (
        brand_id uuid NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
        topic text NOT NULL,
        detector_state jsonb,
        next_bucket_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (brand_id, topic)
      )`);
    await queryRunner.query(`CREATE INDEX spike_series_next_bucket_idx ON spike_series (next_bucket_at)`);
    await queryRunner.query(`
      CREATE TABLE spike_bucket (
        brand_id uuid NOT NULL,
        topic text NOT NULL,
        bucket_at timestamptz NOT NULL,
        mention_count integer NOT NULL CHECK (mention_count >= 0),
        PRIMARY KEY (brand_id, topic, bucket_at),
        FOREIGN KEY (brand_id, topic) REFERENCES spike_series (brand_id, topic) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE spike_incident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
        topic text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        severity text NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        mention_count integer NOT NULL DEFAULT 0,
        baseline_count double precision NOT NULL DEFAULT 0,
        top_terms jsonb NOT NULL DEFAULT '[]',
        samples jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX spike_incident_open_key ON spike_incident (brand_id, topic) WHERE status = 'open'`,
    );
    await queryRunner.query(`CREATE INDEX spike_incident_started_idx ON spike_incident (started_at DESC)`);
    await queryRunner.query(`CREATE INDEX message_sent_at_idx ON message (sent_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX message_sent_at_idx`);
    await queryRunner.query(`DROP TABLE spike_incident`);
    await queryRunner.query(`DROP TABLE spike_bucket`);
    await queryRunner.query(`DROP TABLE spike_series`);
  }
}
