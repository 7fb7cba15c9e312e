import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Logger, type Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SECRET_CIPHER, SecretCipher } from './secret-cipher';

/**
 * The secrets key: VIGIE_SECRET_KEY, or (development and demo only; the config refuses production without it) a
 * random per-install key kept in `<VIGIE_DATA_DIR>/secret.key`. The key itself is never logged.
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
    'VIGIE_SECRET_KEY is not set: secrets at rest (channel tokens, CRM connector secrets) are encrypted with a per-install key file (development and demo only)',
  );
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
}

/** The application's cipher, from the config's key (or the development key file). */
export function secretCipherFromConfig(config: AppConfig): SecretCipher {
  return new SecretCipher(resolveSecretKey(config, new Logger('Secrets')));
}

export const secretCipherProvider: Provider = {
  provide: SECRET_CIPHER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => secretCipherFromConfig(config),
};
