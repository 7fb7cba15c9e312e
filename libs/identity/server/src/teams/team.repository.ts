import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { Team } from './team.entity';

export type TeamWithCount = { id: string; name: string; createdAt: Date; memberCount: number };

@Injectable()
export class TeamRepository {
  constructor(@InjectRepository(Team) private readonly teams: Repository<Team>) {}

  async listWithMemberCounts(): Promise<TeamWithCount[]> {
    const rows: { id: string; name: string; created_at: Date; member_count: string }[] = await this.teams
      .query(`
      SELECT team.id, team.name, team.created_at, count(team_member.user_id) AS member_count
      FROM team LEFT JOIN team_member ON team_member.team_id = team.id
      GROUP BY team.id ORDER BY team.name`);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      memberCount: Number(row.member_count),
    }));
  }

  /** Whether another team (not `exceptId`) has this name, ignoring case. */
  existsByName(name: string, exceptId?: string): Promise<boolean> {
    const query = this.teams.createQueryBuilder('team').where('lower(team.name) = lower(:name)', { name });
    if (exceptId) query.andWhere('team.id <> :exceptId', { exceptId });
    return query.getExists();
  }

  /**
   * Renames a team: 'renamed', 'missing' (no such team), or 'taken' when another team got the name meanwhile
   * (the unique index on `lower(name)`).
   */
  async rename(params: { id: string; name: string }): Promise<'renamed' | 'missing' | 'taken'> {
    try {
      const result = await this.teams.update({ id: params.id }, { name: params.name });
      return result.affected ? 'renamed' : 'missing';
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505')
        return 'taken';
      throw error;
    }
  }

  findByName(name: string): Promise<Team | null> {
    return this.teams.createQueryBuilder('team').where('lower(team.name) = lower(:name)', { name }).getOne();
  }

  insert(name: string): Promise<Team> {
    return this.teams.save(this.teams.create({ name }));
  }

  /** Creates the team unless one of that name exists (also when another process races us). */
  async findOrInsert(name: string): Promise<Team> {
    await this.teams.query('INSERT INTO team (name) VALUES ($1) ON CONFLICT DO NOTHING', [name]);
    return (await this.findByName(name)) as Team;
  }
}
