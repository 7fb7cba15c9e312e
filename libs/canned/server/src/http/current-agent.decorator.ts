import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@vigie/contracts';

export type CurrentUser = { userId: string; role: Role; displayName: string };

type RequestWithSession = { session?: { user?: { id?: unknown; role?: unknown; displayName?: unknown } } };

/**
 * The signed-in user as the global session guard left it on the request, read structurally (the canned answers
 * do not depend on the identity domain, only on the guard having run): id, role and the name answers sign with.
 */
export const SignedInUser = createParamDecorator((_data: unknown, context: ExecutionContext): CurrentUser => {
  const user = context.switchToHttp().getRequest<RequestWithSession>().session?.user;
  if (typeof user?.id !== 'string' || typeof user.role !== 'string')
    throw new Error('SignedInUser used on a route without a session');
  return {
    userId: user.id,
    role: user.role as Role,
    displayName: typeof user.displayName === 'string' ? user.displayName : '',
  };
});
