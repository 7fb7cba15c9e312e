import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { CreateUserRequest } from '@vigie/contracts';
import { isDomainError } from '@vigie/kernel';
import { APP_CONFIG, type AppConfig } from '@vigie/server';
import { TeamRepository } from '../teams/team.repository';
import { UserRepository } from '../users/user.repository';
import { UsersService } from '../users/users.service';
import { demoTeams, demoUsers } from './demo-users';

/**
 * At start: the first admin from VIGIE_ADMIN_EMAIL/VIGIE_ADMIN_PASSWORD, and in demo mode the demo
 * crew. Both only create what is missing: a restart never resets a password someone changed.
 */
@Injectable()
export class IdentityBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('IdentityBootstrap');

  constructor(
    private readonly users: UsersService,
    private readonly userRows: UserRepository,
    private readonly teams: TeamRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (admin && !(await this.userRows.existsByEmail(admin.email))) {
      const created = await this.createUnlessTaken({
        email: admin.email,
        displayName: 'Administrator',
        password: admin.password,
        role: 'admin',
      });
      if (created) this.logger.log({ email: admin.email }, 'Created the first admin');
    }
    if (this.config.demo.isEnabled) await this.seedDemo();
  }

  /**
   * Several processes may start at once on one database: the one that loses the race for an
   * email gets a conflict, which here just means "already done".
   */
  private async createUnlessTaken(request: CreateUserRequest): Promise<boolean> {
    try {
      await this.users.create(request);
      return true;
    } catch (error) {
      if (isDomainError(error) && error.code === 'conflict') return false;
      throw error;
    }
  }

  private async seedDemo(): Promise<void> {
    const teamIds = new Map<string, string>();
    for (const name of demoTeams) {
      const team = await this.teams.findOrInsert(name);
      teamIds.set(name, team.id);
    }
    for (const demo of demoUsers) {
      if (await this.userRows.existsByEmail(demo.email)) continue;
      await this.createUnlessTaken({
        email: demo.email,
        displayName: demo.displayName,
        password: this.config.demo.password,
        role: demo.role,
        languages: demo.languages,
        skills: demo.skills,
        teamIds: demo.teams.map((name) => teamIds.get(name) as string),
      });
    }
    // The launcher (tools/start.mjs) prints these from this log line; the password is the demo one
    // the launcher itself chose, never a real secret.
    this.logger.log(
      { demoLogins: demoUsers.map((demo) => ({ email: demo.email, role: demo.role })) },
      'Demo logins ready',
    );
  }
}
