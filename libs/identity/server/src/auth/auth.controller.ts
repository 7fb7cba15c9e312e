import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { LoginResponse, SessionUser } from '@vigie/contracts';
import { allRoles, APP_CONFIG, type AppConfig, Public, Roles } from '@vigie/server';
import type { ResolvedSession } from '../sessions/session.service';
import { SessionService } from '../sessions/session.service';
import { sessionCookieName } from '../sessions/session-token';
import { toSessionUser } from '../users/user.mapper';
import { AuthService } from './auth.service';
import { CurrentSession } from './current-session.decorator';
import { LoginDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Signed in; the session cookie is set' })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password' })
  @ApiTooManyRequestsResponse({ description: 'Too many failures; see Retry-After' })
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    const result = await this.auth.login({
      email: body.email,
      password: body.password,
      ip: request.ip ?? 'unknown',
      userAgent: request.headers['user-agent'],
    });
    response.cookie(sessionCookieName, result.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.session.isCookieSecure,
      path: '/',
      expires: result.expiresAt,
    });
    return { user: result.user };
  }

  @Roles(...allRoles)
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out; the session is ended everywhere it was used' })
  async logout(
    @CurrentSession() session: ResolvedSession,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.sessions.close({ sessionId: session.sessionId, userId: session.user.id });
    response.clearCookie(sessionCookieName, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.session.isCookieSecure,
    });
  }

  @Roles(...allRoles)
  @Get('me')
  @ApiOkResponse({ description: 'The signed-in user' })
  me(@CurrentSession() session: ResolvedSession): SessionUser {
    return toSessionUser(session.user);
  }
}
