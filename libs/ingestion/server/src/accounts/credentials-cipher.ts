import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const version = 'v1';

/**
 * AES-256-GCM for channel credentials at rest (docs/adr/0011). The stored text is
 * `v1.<iv>.<tag>.<ciphertext>` (base64url), and the additional data binds it to its row: a ciphertext copied
 * onto another account does not decrypt.
 */
export class CredentialsCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The credentials key must be 32 bytes.');
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
      throw new Error('Unknown credentials format.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(params.associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}

export const CREDENTIALS_CIPHER = Symbol('CREDENTIALS_CIPHER');
