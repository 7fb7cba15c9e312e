import { Injectable } from '@nestjs/common';
import { DomainError } from '@vigie/kernel';
import type { CreateUserRequest, TeamSummary, UpdateUserRequest, UserSummary } from '@vigie/contracts';
import { DomainEventBus } from '@vigie/server';
import { PasswordHasher } from '../auth/password-hasher';
import { SessionService } from '../sessions/session.service';
import { TeamRepository } from '../teams/team.repository';
import { toUserSummary } from './user.mapper';
import { UserRepository } from './user.repository';

/** Use cases of users and teams, for admins and the start-up bootstrap. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly teams: TeamRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly events: DomainEventBus,
  ) {}

  async list(): Promise<UserSummary[]> {
    return (await this.users.list()).map(toUserSummary);
  }

  async create(request: CreateUserRequest): Promise<UserSummary> {
    const email = request.email.trim().toLowerCase();
    if (await this.users.existsByEmail(email)) {
      throw new DomainError({ code: 'conflict', message: `A user with the email ${email} already exists.` });
    }
    await this.assertTeamsExist(request.teamIds ?? []);
    const user = await this.users.insert({
      email,
      displayName: request.displayName.trim(),
      passwordHash: await this.hasher.hash(request.password),
      role: request.role,
      languages: request.languages ?? [],
      skills: request.skills ?? [],
      teamIds: request.teamIds ?? [],
    });
    const summary = toUserSummary(user);
    this.events.publish('user.created', { user: summary });
    return summary;
  }

  async update(id: string, request: UpdateUserRequest): Promise<UserSummary> {
    if (request.teamIds) await this.assertTeamsExist(request.teamIds);
    const { password, ...changes } = request;
    const user = await this.users.update(id, {
      ...changes,
      ...(password !== undefined ? { passwordHash: await this.hasher.hash(password) } : {}),
    });
    if (!user) throw new DomainError({ code: 'not_found', message: `No user ${id}.` });
    if (request.isActive === false || password !== undefined) {
      // A deactivated user, or one whose password changed, is signed out everywhere.
      await this.sessions.closeAllForUser({
        userId: id,
        reason: request.isActive === false ? 'deactivated' : 'logout',
      });
    }
    const summary = toUserSummary(user);
    this.events.publish('user.updated', { user: summary });
    return summary;
  }

  async listTeams(): Promise<TeamSummary[]> {
    return (await this.teams.listWithMemberCounts()).map((team) => ({
      id: team.id,
      name: team.name,
      memberCount: team.memberCount,
      createdAt: team.createdAt.toISOString(),
    }));
  }

  async createTeam(name: string): Promise<TeamSummary> {
    const trimmed = name.trim();
    if (await this.teams.existsByName(trimmed)) {
      throw new DomainError({ code: 'conflict', message: `A team named ${trimmed} already exists.` });
    }
    const team = await this.teams.insert(trimmed);
    return { id: team.id, name: team.name, memberCount: 0, createdAt: team.createdAt.toISOString() };
  }

  private async assertTeamsExist(teamIds: string[]): Promise<void> {
    const unique = [...new Set(teamIds)];
    if ((await this.users.countTeamsFound(unique)) !== unique.length) {
      throw new DomainError({ code: 'invalid', message: 'One or more teams do not exist.' });
    }
  }
}
