import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
    private readonly dataSource: DataSource,
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
    const passwordHash = password !== undefined ? await this.hasher.hash(password) : undefined;
    const isLeavingAdmins =
      (request.role !== undefined && request.role !== 'admin') || request.isActive === false;
    const user = await this.dataSource.transaction(async (manager) => {
      if (isLeavingAdmins) {
        // Vigie always keeps one active admin: nobody else could give the role back (ADR 0511).
        const activeAdminIds = await this.users.lockActiveAdminIds(manager);
        if (activeAdminIds.length === 1 && activeAdminIds[0] === id)
          throw new DomainError({
            code: 'conflict',
            message: 'This is the last active admin: make another user admin first.',
            details: { reason: 'last_admin' },
          });
      }
      return this.users.update(id, { ...changes, ...(passwordHash ? { passwordHash } : {}) }, manager);
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

  /** Renames a team; another team's name (ignoring case) is a conflict. */
  async renameTeam(params: { id: string; name: string }): Promise<TeamSummary> {
    const name = params.name.trim();
    if (name === '') throw new DomainError({ code: 'invalid', message: 'name must not be blank.' });
    const conflict = () =>
      new DomainError({ code: 'conflict', message: `A team named ${name} already exists.` });
    if (await this.teams.existsByName(name, params.id)) throw conflict();
    const outcome = await this.teams.rename({ id: params.id, name });
    if (outcome === 'taken') throw conflict();
    if (outcome === 'missing') throw new DomainError({ code: 'not_found', message: `No team ${params.id}.` });
    const team = (await this.listTeams()).find((summary) => summary.id === params.id);
    if (!team) throw new DomainError({ code: 'not_found', message: `No team ${params.id}.` });
    return team;
  }

  private async assertTeamsExist(teamIds: string[]): Promise<void> {
    const unique = [...new Set(teamIds)];
    if ((await this.users.countTeamsFound(unique)) !== unique.length) {
      throw new DomainError({ code: 'invalid', message: 'One or more teams do not exist.' });
    }
  }
}
