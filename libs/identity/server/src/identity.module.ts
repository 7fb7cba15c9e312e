import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { PasswordHasher } from './auth/password-hasher';
import { SessionGuard } from './auth/session.guard';
import { SessionSocketAuthenticator } from './auth/session-socket.authenticator';
import { IdentityBootstrapService } from './bootstrap/identity-bootstrap.service';
import { SessionRepository } from './sessions/session.repository';
import { SessionJanitorService } from './sessions/session-janitor.service';
import { SessionService } from './sessions/session.service';
import { UserSession } from './sessions/user-session.entity';
import { Team } from './teams/team.entity';
import { TeamRepository } from './teams/team.repository';
import { AppUser } from './users/app-user.entity';
import { UserRepository } from './users/user.repository';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

export const identityEntities = [AppUser, Team, UserSession];

@Module({
  imports: [TypeOrmModule.forFeature(identityEntities)],
  controllers: [AuthController, UsersController],
  providers: [
    PasswordHasher,
    LoginThrottle,
    SessionRepository,
    SessionService,
    SessionJanitorService,
    UserRepository,
    TeamRepository,
    UsersService,
    AuthService,
    IdentityBootstrapService,
    SessionSocketAuthenticator,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [SessionService, SessionJanitorService, UsersService, SessionSocketAuthenticator],
})
export class IdentityModule {}
