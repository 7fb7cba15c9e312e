import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@vigie/kernel';
import type { SessionUser } from '@vigie/contracts';
import { SessionService } from '../sessions/session.service';
import { toSessionUser } from '../users/user.mapper';
import { UserRepository } from '../users/user.repository';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';

export type LoginResult = { user: SessionUser; token: string; expiresAt: Date };

@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Checks the password and opens a session. The same answer for an unknown email, a wrong
   * password and a deactivated user, so the form does not reveal who has an account.
   */
  async login(params: {
    email: string;
    password: string;
    ip: string;
    userAgent?: string;
  }): Promise<LoginResult> {
    const email = params.email.trim().toLowerCase();
    const waitSeconds = await this.throttle.secondsBeforeRetry({ email, ip: params.ip });
    if (waitSeconds > 0) throw this.tooManyAttempts(waitSeconds);

    const user = await this.users.findByEmailWithPassword(email);
    const isValid = await this.hasher.verify({ hash: user?.passwordHash, password: params.password });
    if (!user || !isValid || !user.isActive) {
      const blockSeconds = await this.throttle.recordFailure({ email, ip: params.ip });
      this.logger.warn({ email, ip: params.ip, blocked: blockSeconds > 0 }, 'Failed login');
      if (blockSeconds > 0) throw this.tooManyAttempts(blockSeconds);
      throw new DomainError({
        code: 'unauthenticated',
        message: 'Wrong email or password.',
        details: { reason: 'invalid_credentials' },
      });
    }
    await this.throttle.recordSuccess({ email, ip: params.ip });
    const { token, expiresAt } = await this.sessions.open({
      userId: user.id,
      ip: params.ip,
      userAgent: params.userAgent,
    });
    this.logger.log({ userId: user.id }, 'Signed in');
    return { user: toSessionUser(user), token, expiresAt };
  }

  private tooManyAttempts(retryAfterSeconds: number): DomainError {
    return new DomainError({
      code: 'rate_limited',
      message: `Too many failed attempts. Try again in ${retryAfterSeconds} s.`,
      details: { retryAfterSeconds },
    });
  }
}
