/**
 * The application's secret cipher as migrations see it (the AES-256-GCM `SecretCipher` of `@vigie/server`, ADR 0011):
 * a migration that moves secrets at rest (e.g. sealing CRM connector secrets stored in clear) needs the key, which
 * only the running application knows. `runMigrations({ secrets })` lends it for the duration of the run.
 */
export type MigrationSecrets = {
  encrypt(params: { plaintext: string; associatedData: string }): string;
  decrypt(params: { stored: string; associatedData: string }): string;
};

let lent: MigrationSecrets | null = null;

/** The cipher lent to the running migrations, or null (template databases, benches: no secrets to move). */
export function migrationSecrets(): MigrationSecrets | null {
  return lent;
}

/** Lends `secrets` to the migrations `work` runs, and takes it back afterwards. */
export async function withMigrationSecrets<T>(
  secrets: MigrationSecrets | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const previous = lent;
  lent = secrets ?? null;
  try {
    return await work();
  } finally {
    lent = previous;
  }
}
