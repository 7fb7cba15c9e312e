import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, QueryFailedError, Repository } from 'typeorm';
import { DomainError } from '@vigie/kernel';
import type { Role } from '@vigie/contracts';
import { Team } from '../teams/team.entity';
import { AppUser } from './app-user.entity';

/** PostgreSQL's SQLSTATE for a unique constraint violation. */
const uniqueViolation = '23505';

export type NewUserRow = {
  email: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  languages: string[];
  skills: string[];
  teamIds: string[];
};

/** SQL for users only; no rules here (STYLE rule 3). */
@Injectable()
export class UserRepository {
  constructor(
    @InjectRepository(AppUser) private readonly users: Repository<AppUser>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
  ) {}

  findById(id: string): Promise<AppUser | null> {
    return this.users.findOne({ where: { id }, relations: { teams: true } });
  }

  /** With the password hash (for login only) and the teams. */
  findByEmailWithPassword(email: string): Promise<AppUser | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .leftJoinAndSelect('user.teams', 'team')
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
  }

  existsByEmail(email: string): Promise<boolean> {
    return this.users
      .createQueryBuilder('user')
      .where('lower(user.email) = lower(:email)', { email })
      .getExists();
  }

  list(): Promise<AppUser[]> {
    return this.users.find({ relations: { teams: true }, order: { displayName: 'ASC' } });
  }

  /** Inserts a user; a concurrent insert of the same email surfaces as a DomainError 'conflict'. */
  async insert(row: NewUserRow): Promise<AppUser> {
    const teams = row.teamIds.length ? await this.teams.findBy({ id: In(row.teamIds) }) : [];
    const saved = await this.saveUnique(
      this.users.create({
        email: row.email,
        displayName: row.displayName,
        passwordHash: row.passwordHash,
        role: row.role,
        languages: row.languages,
        skills: row.skills,
        isActive: true,
        teams,
      }),
    );
    return (await this.findById(saved.id)) as AppUser;
  }

  private async saveUnique(user: AppUser): Promise<AppUser> {
    try {
      return await this.users.save(user);
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === uniqueViolation
      ) {
        throw new DomainError({
          code: 'conflict',
          message: `A user with the email ${user.email} already exists.`,
        });
      }
      throw error;
    }
  }

  /**
   * The ids of the active admins, their rows locked until the transaction ends: two admins demoting each other at
   * once are then decided one after the other (the second sees the first's change).
   */
  async lockActiveAdminIds(manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM app_user WHERE role = 'admin' AND is_active ORDER BY id FOR UPDATE`,
    );
    return rows.map((row) => row.id);
  }

  /** Updates a user (in `manager`'s transaction when given); null when there is none with this id. */
  async update(
    id: string,
    changes: Partial<
      Pick<AppUser, 'displayName' | 'passwordHash' | 'role' | 'languages' | 'skills' | 'isActive'>
    > & {
      teamIds?: string[];
    },
    manager?: EntityManager,
  ): Promise<AppUser | null> {
    const users = manager ? manager.getRepository(AppUser) : this.users;
    const teams = manager ? manager.getRepository(Team) : this.teams;
    const user = await users.findOne({ where: { id }, relations: { teams: true } });
    if (!user) return null;
    const { teamIds, ...columns } = changes;
    Object.assign(user, columns);
    if (teamIds) user.teams = teamIds.length ? await teams.findBy({ id: In(teamIds) }) : [];
    await users.save(user);
    return users.findOne({ where: { id }, relations: { teams: true } });
  }

  countTeamsFound(teamIds: string[]): Promise<number> {
    return teamIds.length ? this.teams.countBy({ id: In(teamIds) }) : Promise.resolve(0);
  }
}
