import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const version = 'v1';

/**
 * AES-256-GCM for secrets at rest: channel credentials (docs/adr/0011) and CRM connector secrets (docs/adr/0306).
 * The stored text is `v1.<iv>.<tag>.<ciphertext>` (base64url), with a random 96-bit nonce per write, and the
 * additional data binds it to its row: a ciphertext copied onto another row does not decrypt. The key is
 * `VIGIE_SECRET_KEY` (32 bytes); neither it nor any plaintext is ever logged.
 */
export class SecretCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The secret key must be 32 bytes.');
  }

  encrypt(params: { plaintext: string; associatedData: string }): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(params.associatedData));
    const ciphertext = Buffer.concat([cipher.update(params.plaintext, 'utf8'), cipher.final()]);
    return [
      version,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  decrypt(params: { stored: string; associatedData: string }): string {
    const [storedVersion, iv, tag, ciphertext] = params.stored.split('.');
    if (storedVersion !== version || !iv || !tag || ciphertext === undefined)
      throw new Error('Unknown sealed secret format.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(params.associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}

/** The injection token of the application's one `SecretCipher` (provided by `ServerCoreModule`). */
export const SECRET_CIPHER = Symbol('SECRET_CIPHER');
