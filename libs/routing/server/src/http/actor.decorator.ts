import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@vigie/contracts';
import type { Actor } from '../assignments/assignments.service';

type RequestWithSession = { session?: { user?: { id?: unknown; role?: unknown } } };

/**
 * The signed-in user as the global session guard left it on the request, read structurally: routing does not
 * depend on the identity domain (docs/ARCHITECTURE.md), only on the guard having run.
 */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const user = context.switchToHttp().getRequest<RequestWithSession>().session?.user;
  if (typeof user?.id !== 'string' || typeof user.role !== 'string') {
    throw new Error('CurrentActor used on a route without a session');
  }
  return { userId: user.id, role: user.role as Role };
});
