export { IdentityModule, identityEntities } from './identity.module';
export { SessionSocketAuthenticator } from './auth/session-socket.authenticator';
export { demoUsers, demoTeams } from './bootstrap/demo-users';
export { sessionCookieName } from './sessions/session-token';
export { SessionService } from './sessions/session.service';
export { UsersService } from './users/users.service';
export { SessionJanitorService } from './sessions/session-janitor.service';
