import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

type RequestWithSession = { session?: { user?: { id?: unknown } } };

/**
 * The signed-in user's id, as the global session guard left it on the request. Read structurally: the CRM
 * does not depend on the identity domain (docs/ARCHITECTURE.md), only on the guard having run.
 */
export const ActorUserId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const id = context.switchToHttp().getRequest<RequestWithSession>().session?.user?.id;
  if (typeof id !== 'string') throw new Error('ActorUserId used on a route without a session');
  return id;
});
