import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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

  existsByName(name: string): Promise<boolean> {
    return this.teams
      .createQueryBuilder('team')
      .where('lower(team.name) = lower(:name)', { name })
      .getExists();
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
