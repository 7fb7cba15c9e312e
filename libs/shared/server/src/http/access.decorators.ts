import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@vigie/contracts';

export const isPublicKey = 'vigie:isPublic';
export const allowedRolesKey = 'vigie:allowedRoles';

/** Open without a session: only health, readiness and login. */
export const Public = () => SetMetadata(isPublicKey, true);

/**
 * The roles allowed on an endpoint. Every non-public endpoint must say it: the session guard
 * refuses a route that declares neither `@Public()` nor `@Roles()` (fail closed).
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(allowedRolesKey, roles),
    ApiCookieAuth('vigie_session'),
    ApiUnauthorizedResponse({ description: 'No valid session' }),
    ApiForbiddenResponse({ description: `Allowed roles: ${roles.join(', ')}` }),
  );

export const allRoles: Role[] = ['agent', 'supervisor', 'ops', 'admin'];
