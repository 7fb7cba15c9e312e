import { randomBytes } from 'node:crypto';
import { SecretCipher } from './secret-cipher';

describe('SecretCipher', () => {
  const cipher = new SecretCipher(randomBytes(32));
  const secret = JSON.stringify({ accessToken: '1111111111-vigietelecom-access-token' });

  it('round-trips, and the stored text shows nothing of the token', () => {
    const stored = cipher.encrypt({ plaintext: secret, associatedData: 'x:1111111111' });
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain('vigietelecom');
    expect(cipher.decrypt({ stored, associatedData: 'x:1111111111' })).toBe(secret);
  });

  it('uses a fresh nonce each time', () => {
    expect(cipher.encrypt({ plaintext: secret, associatedData: 'a' })).not.toBe(
      cipher.encrypt({ plaintext: secret, associatedData: 'a' }),
    );
  });

  it.each([
    ['another row', (stored: string) => ({ stored, associatedData: 'x:2222222222' })],
    [
      'a tampered ciphertext',
      (stored: string) => ({ stored: `${stored.slice(0, -2)}AA`, associatedData: 'x:1111111111' }),
    ],
  ])('refuses a ciphertext moved to %s', (_label, change) => {
    const stored = cipher.encrypt({ plaintext: secret, associatedData: 'x:1111111111' });
    expect(() => cipher.decrypt(change(stored))).toThrow();
  });

  it('refuses another key', () => {
    const stored = cipher.encrypt({ plaintext: secret, associatedData: 'a' });
    expect(() => new SecretCipher(randomBytes(32)).decrypt({ stored, associatedData: 'a' })).toThrow();
    expect(() => new SecretCipher(randomBytes(16))).toThrow('32 bytes');
  });

  it('refuses text that was never sealed, such as a secret stored in clear', () => {
    expect(() =>
      cipher.decrypt({ stored: 'whsec_clear-secret', associatedData: 'crm_connector:1:inbound' }),
    ).toThrow('Unknown sealed secret format');
  });
});
