import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSecrets } from '../migration-secrets';

type ConnectorSecrets = { id: string; inbound: string; outbound: string };

/** The row a sealed secret belongs to: a ciphertext copied onto another connector (or slot) does not open. */
export const crmConnectorSecretData = (connectorId: string, slot: 'inbound' | 'outbound') =>
  `crm_connector:${connectorId}:${slot}`;

/**
 * Issue 5, the end of routing and the CRM connector's secrets (docs/routing.md, docs/crm.md, ADRs 0207-0209, 0306):
 *
 * - agents' and teams' working-hours calendars (`routing_agent.hours`, `routing_team.hours`);
 * - skill rules and their fallback per brand (`routing_brand`) and per team (`routing_team`, null: the brand's), and
 *   the facts each routed conversation was matched on (`routing_conversation.routing_facts`);
 * - where a queued conversation's due time comes from (`due_source`) and whether it was read from the SLA clocks
 *   since it last changed (`is_due_checked`);
 * - CRM connector secrets sealed with AES-256-GCM like channel tokens (ADR 0011): the columns are renamed
 *   (`*_secret_sealed`, so nothing reads them as clear text by mistake) and every existing row is sealed with the
 *   cipher the application lends to the run (`runMigrations({ secrets })`).
 */
export class RoutingHoursSkillsAndSealedSecrets1764734400000 implements MigrationInterface {
  name = 'RoutingHoursSkillsAndSealedSecrets1764734400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE routing_agent ADD COLUMN hours jsonb`);
    await queryRunner.query(`
      CREATE TABLE routing_team (
        team_id uuid PRIMARY KEY REFERENCES team (id) ON DELETE CASCADE,
        -- The team's working-hours calendar (a CalendarSpec); null: its members are not restricted by the team.
        hours jsonb,
        -- Skill rules for conversations in this team's queue; null: the brand's.
        skill_rules jsonb,
        skill_fallback text CHECK (skill_fallback IN ('wait', 'any_agent'))
      )`);
    await queryRunner.query(`
      ALTER TABLE routing_brand
        ADD COLUMN skill_rules jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN skill_fallback text NOT NULL DEFAULT 'wait' CHECK (skill_fallback IN ('wait', 'any_agent'))`);
    await queryRunner.query(`
      ALTER TABLE routing_conversation
        ADD COLUMN routing_facts jsonb,
        ADD COLUMN due_source text NOT NULL DEFAULT 'provisional'
          CHECK (due_source IN ('contract', 'customer', 'provisional')),
        ADD COLUMN is_due_checked boolean NOT NULL DEFAULT false`);
    // Queued rows whose due time must be read again from the SLA clocks: the drain looks here before each pass.
    await queryRunner.query(`
      CREATE INDEX routing_conversation_due_check_idx
        ON routing_conversation (conversation_id) WHERE queued_at IS NOT NULL AND NOT is_due_checked`);

    await queryRunner.query(
      `ALTER TABLE crm_connector RENAME COLUMN inbound_secret TO inbound_secret_sealed`,
    );
    await queryRunner.query(
      `ALTER TABLE crm_connector RENAME COLUMN outbound_secret TO outbound_secret_sealed`,
    );
    await this.rewriteSecrets(queryRunner, 'seal');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.rewriteSecrets(queryRunner, 'open');
    await queryRunner.query(
      `ALTER TABLE crm_connector RENAME COLUMN outbound_secret_sealed TO outbound_secret`,
    );
    await queryRunner.query(
      `ALTER TABLE crm_connector RENAME COLUMN inbound_secret_sealed TO inbound_secret`,
    );

    await queryRunner.query(`DROP INDEX routing_conversation_due_check_idx`);
    await queryRunner.query(`
      ALTER TABLE routing_conversation DROP COLUMN is_due_checked, DROP COLUMN due_source, DROP COLUMN routing_facts`);
    await queryRunner.query(`ALTER TABLE routing_brand DROP COLUMN skill_fallback, DROP COLUMN skill_rules`);
    await queryRunner.query(`DROP TABLE routing_team`);
    await queryRunner.query(`ALTER TABLE routing_agent DROP COLUMN hours`);
  }

  /**
   * Seals every connector's secrets (up) or opens them back (down), row by row, with the application's cipher.
   * Without connectors there is nothing to do (a template database); with some and no cipher lent, the migration
   * fails with a message saying what is missing rather than leaving secrets in clear.
   */
  private async rewriteSecrets(queryRunner: QueryRunner, direction: 'seal' | 'open'): Promise<void> {
    const rows = (await queryRunner.query(
      `SELECT id, inbound_secret_sealed AS inbound, outbound_secret_sealed AS outbound FROM crm_connector
       ORDER BY id FOR UPDATE`,
    )) as ConnectorSecrets[];
    if (rows.length === 0) return;
    const cipher = migrationSecrets();
    if (!cipher) {
      throw new Error(
        `${rows.length} CRM connector(s) hold secrets to ${direction === 'seal' ? 'seal' : 'open'}: run the migrations ` +
          'through the API (which lends its VIGIE_SECRET_KEY cipher), not without it.',
      );
    }
    const rewrite = (stored: string, associatedData: string) =>
      direction === 'seal'
        ? cipher.encrypt({ plaintext: stored, associatedData })
        : cipher.decrypt({ stored, associatedData });
    for (const row of rows) {
      await queryRunner.query(
        `UPDATE crm_connector SET inbound_secret_sealed = $2, outbound_secret_sealed = $3 WHERE id = $1`,
        [
          row.id,
          rewrite(row.inbound, crmConnectorSecretData(row.id, 'inbound')),
          rewrite(row.outbound, crmConnectorSecretData(row.id, 'outbound')),
        ],
      );
    }
  }
}
