import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/**
 * argon2id with OWASP's recommended cost (19 MiB, 2 passes): slow enough to make stolen hashes
 * expensive, fast enough (~30 ms here) for logins. See docs/adr/0004-sessions.md.
 */
@Injectable()
export class PasswordHasher {
  private readonly options = {
    type: argon2.argon2id,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  } as const;
  /** Verified against when the email is unknown, so timing does not reveal which emails exist. */
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(params: { hash: string | undefined; password: string }): Promise<boolean> {
    if (params.hash === undefined) {
      this.dummyHash ??= argon2.hash('vigie-timing-equaliser', this.options);
      await argon2.verify(await this.dummyHash, params.password);
      return false;
    }
    try {
      return await argon2.verify(params.hash, params.password);
    } catch {
      return false;
    }
  }
}
