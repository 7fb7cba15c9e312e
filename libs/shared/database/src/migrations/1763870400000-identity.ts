import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users of the console, their teams, and server-side sessions (see docs/adr/0004-sessions.md). */
export class Identity1763870400000 implements MigrationInterface {
  name = 'Identity1763870400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'ops', 'admin')),
        languages text[] NOT NULL DEFAULT '{}',
        skills text[] NOT NULL DEFAULT '{}',
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);
    await queryRunner.query(`
      CREATE TABLE team (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX team_name_key ON team (lower(name))`);
    await queryRunner.query(`
      CREATE TABLE team_member (
        team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        PRIMARY KEY (team_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX team_member_user_id_idx ON team_member (user_id)`);
    await queryRunner.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ip text,
        user_agent text
      )`);
    await queryRunner.query(`CREATE INDEX user_session_user_id_idx ON user_session (user_id)`);
    await queryRunner.query(`CREATE INDEX user_session_expires_at_idx ON user_session (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE user_session`);
    await queryRunner.query(`DROP TABLE team_member`);
    await queryRunner.query(`DROP TABLE team`);
    await queryRunner.query(`DROP TABLE app_user`);
  }
}
