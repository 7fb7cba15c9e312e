import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Logger, type Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@vigie/server';
import { CREDENTIALS_CIPHER, CredentialsCipher } from './credentials-cipher';

/**
 * The credentials key: VIGIE_SECRET_KEY, or (development and demo only; the config refuses production without
 * it) a random per-install key kept in `<VIGIE_DATA_DIR>/secret.key`. The key itself is never logged.
 */
export function resolveSecretKey(config: AppConfig, logger: Logger): Buffer {
  if (config.secretKey) return config.secretKey;
  const folder = resolve(config.database.embeddedDataDir);
  const path = join(folder, 'secret.key');
  if (!existsSync(path)) {
    mkdirSync(folder, { recursive: true });
    try {
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch {
      // Another process created it first: use theirs.
    }
  }
  logger.warn(
    { keyFile: path },
    'VIGIE_SECRET_KEY is not set: channel tokens are encrypted with a per-install key file (development and demo only)',
  );
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
}

export const credentialsCipherProvider: Provider = {
  provide: CREDENTIALS_CIPHER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new CredentialsCipher(resolveSecretKey(config, new Logger('Secrets'))),
};
