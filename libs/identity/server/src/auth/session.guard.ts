import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '@vigie/contracts';
import { DomainError } from '@vigie/kernel';
import { allowedRolesKey, APP_CONFIG, type AppConfig, isPublicKey } from '@vigie/server';
import { SessionService, type ResolvedSession } from '../sessions/session.service';
import { sessionCookieName } from '../sessions/session-token';

export type AuthenticatedRequest = Request & { session?: ResolvedSession };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The global guard: a session is required everywhere except `@Public()` routes, and every other
 * route must declare its roles with `@Roles()` (a route that forgets is refused, never opened).
 * State-changing requests from a browser must come from the console's own origin (CSRF defence
 * in depth, on top of the SameSite=Strict cookie).
 */
@Injectable()
export class SessionGuard implements CanActivate {
  private readonly logger = new Logger('SessionGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    this.assertSameOrigin(request);
    if (this.reflector.getAllAndOverride<boolean>(isPublicKey, targets)) return true;

    const token: unknown = request.cookies?.[sessionCookieName];
    const session = await this.sessions.resolve(typeof token === 'string' ? token : undefined);
    if (!session) throw new DomainError({ code: 'unauthenticated', message: 'Sign in first.' });
    request.session = session;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(allowedRolesKey, targets);
    if (!roles) {
      this.logger.error({ path: request.path }, 'Route declares no @Roles(): refused');
      throw new DomainError({ code: 'forbidden', message: 'This endpoint is not open to any role.' });
    }
    if (!roles.includes(session.user.role)) {
      throw new DomainError({
        code: 'forbidden',
        message: `This needs one of the roles: ${roles.join(', ')}.`,
      });
    }
    return true;
  }

  private assertSameOrigin(request: Request): void {
    if (safeMethods.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin === undefined) return; // not a browser (curl, server-to-server): cookies are the only risk, and SameSite covers them
    const allowed = new Set([`${request.protocol}://${request.headers.host}`]);
    if (this.config.http.consoleOrigin) allowed.add(this.config.http.consoleOrigin);
    if (this.config.http.publicUrl) allowed.add(new URL(this.config.http.publicUrl).origin);
    if (!allowed.has(origin)) {
      throw new DomainError({ code: 'forbidden', message: `Requests from ${origin} are not allowed.` });
    }
  }
}
