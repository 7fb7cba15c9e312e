import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * The id of the signed-in user acting on a route, as the global session guard left it on the request (read
 * structurally: spikes does not depend on the identity domain).
 */
export const ActingUserId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<{ session?: { user?: { id?: unknown } } }>();
  const id = request.session?.user?.id;
  if (typeof id !== 'string') throw new Error('ActingUserId used on a route without a session');
  return id;
});
