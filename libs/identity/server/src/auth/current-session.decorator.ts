import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './session.guard';
import type { ResolvedSession } from '../sessions/session.service';

/** The session the guard resolved; only on non-public routes. */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ResolvedSession => {
    const session = context.switchToHttp().getRequest<AuthenticatedRequest>().session;
    if (!session) throw new Error('CurrentSession used on a route without a session');
    return session;
  },
);
