import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Triage on ingestion (docs/adr/0013-triage-on-ingestion.md): every customer message keeps its intent,
 * sentiment, whether it needs a reply and why; a conversation remembers whether any of its messages needed
 * one (those opened by spam, retweets or passing mentions never wait).
 */
export class TriageOnIngestion1764043200000 implements MigrationInterface {
  name = 'TriageOnIngestion1764043200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE message
        ADD COLUMN intent text CHECK (intent IN ('complaint', 'question', 'outage_report', 'request', 'praise', 'spam', 'other')),
        ADD COLUMN sentiment text CHECK (sentiment IN ('negative', 'neutral', 'positive')),
        ADD COLUMN needs_reply boolean,
        ADD COLUMN triage_reasons jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`ALTER TABLE conversation ADD COLUMN needs_reply boolean NOT NULL DEFAULT true`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE conversation DROP COLUMN needs_reply`);
    await queryRunner.query(`
      ALTER TABLE message DROP COLUMN triage_reasons, DROP COLUMN needs_reply, DROP COLUMN sentiment,
        DROP COLUMN intent`);
  }
}
