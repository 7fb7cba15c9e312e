import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accented Latin letters and the plain letter each folds to. Both cases are listed: `lower()` only lowers
 * ASCII on a database created with the C locale, and the text-search parser only counts ASCII as letters
 * there, so folding first keeps "Réseau" one word whatever the server's locale (docs/adr/0501).
 */
const foldedLetters: [accented: string, plain: string][] = [
  ['àáâãäåāăąÀÁÂÃÄÅĀĂĄ', 'a'],
  ['çćĉċčÇĆĈĊČ', 'c'],
  ['ďđĎĐ', 'd'],
  ['èéêëēĕėęěÈÉÊËĒĔĖĘĚ', 'e'],
  ['ĝğġģĜĞĠĢ', 'g'],
  ['ĥħĤĦ', 'h'],
  ['ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ', 'i'],
  ['ĵĴ', 'j'],
  ['ķĶ', 'k'],
  ['ĺļľŀłĹĻĽĿŁ', 'l'],
  ['ñńņňÑŃŅŇ', 'n'],
  ['òóôõöøōŏőÒÓÔÕÖØŌŎŐ', 'o'],
  ['ŕŗřŔŖŘ', 'r'],
  ['śŝşšŚŜŞŠ', 's'],
  ['ţťŧŢŤŦ', 't'],
  ['ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ', 'u'],
  ['ŵŴ', 'w'],
  ['ýÿŷÝŸŶ', 'y'],
  ['źżžŹŻŽ', 'z'],
];
const accented = foldedLetters.map(([letters]) => letters).join('');
const plain = foldedLetters.map(([letters, letter]) => letter.repeat([...letters].length)).join('');

/** SQL folding `value`: lower case, accents removed, ligatures spelled out. */
function foldSql(value: string): string {
  return `replace(replace(replace(replace(replace(translate(lower(${value}), '${accented}', '${plain}'),
    'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'), 'ß', 'ss')`;
}

/**
 * The console's inbox views and search (docs/adr/0501) and canned answers (docs/adr/0502).
 *
 * - `vigie_search_fold(text)`: lower case, accents and ligatures folded (`Réseau` → `reseau`, `Œuvre` → `oeuvre`);
 *   `vigie_search_vector(text)`: its `simple` tsvector. Plain SQL built-ins (`translate`, `to_tsvector`), so
 *   PGlite runs them without extensions; IMMUTABLE, so GIN indexes can hold them.
 * - GIN indexes for full-text search on message text, on contact names and on X handles and names; a GIN index
 *   on conversation tags; (status, last activity) for the status views; live SLA clocks by due time for the
 *   at-risk and breached views.
 * - `canned_answer`: per brand and language, title + body (+ shortcut), soft-deleted.
 */
export class InboxViewsAndCannedAnswers1764820800000 implements MigrationInterface {
  name = 'InboxViewsAndCannedAnswers1764820800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION vigie_search_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT ${foldSql('value')} $$`);
    // The fold is spelled out rather than called: PostgreSQL 17+ (PGlite) builds indexes with a search_path of
    // pg_catalog only, where vigie_search_fold is not found; built-ins always are.
    await queryRunner.query(`
      CREATE FUNCTION vigie_search_vector(value text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT to_tsvector('simple'::regconfig, ${foldSql("coalesce(value, '')")}) $$`);
    await queryRunner.query(
      `CREATE INDEX message_text_search_idx ON message USING gin (vigie_search_vector(text))`,
    );
    await queryRunner.query(
      `CREATE INDEX contact_name_search_idx ON contact USING gin (vigie_search_vector(display_name))`,
    );
    await queryRunner.query(
      `CREATE INDEX contact_identity_search_idx ON contact_identity
         USING gin (vigie_search_vector(coalesce(handle, '') || ' ' || coalesce(display_name, '')))`,
    );
    await queryRunner.query(`CREATE INDEX conversation_tags_idx ON conversation USING gin (tags)`);
    await queryRunner.query(
      `CREATE INDEX conversation_status_activity_idx ON conversation (status, last_activity_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX sla_clock_live_due_idx ON sla_clock (due_at) WHERE status IN ('running', 'paused')`,
    );
    await queryRunner.query(`
      CREATE TABLE canned_answer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
        language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
        shortcut text CHECK (shortcut ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
        created_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        updated_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz,
        deleted_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL
      )`);
    // Among live answers of a brand and language: one title, one shortcut (a deleted one frees them).
    await queryRunner.query(
      `CREATE UNIQUE INDEX canned_answer_title_key ON canned_answer (brand_id, language, lower(title))
         WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX canned_answer_shortcut_key ON canned_answer (brand_id, language, shortcut)
         WHERE deleted_at IS NULL AND shortcut IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE canned_answer`);
    await queryRunner.query(`DROP INDEX sla_clock_live_due_idx`);
    await queryRunner.query(`DROP INDEX conversation_status_activity_idx`);
    await queryRunner.query(`DROP INDEX conversation_tags_idx`);
    await queryRunner.query(`DROP INDEX contact_identity_search_idx`);
    await queryRunner.query(`DROP INDEX contact_name_search_idx`);
    await queryRunner.query(`DROP INDEX message_text_search_idx`);
    await queryRunner.query(`DROP FUNCTION vigie_search_vector(text)`);
    await queryRunner.query(`DROP FUNCTION vigie_search_fold(text)`);
  }
}
