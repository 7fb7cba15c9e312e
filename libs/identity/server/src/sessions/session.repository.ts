import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { UserSession } from './user-session.entity';

@Injectable()
export class SessionRepository {
  constructor(@InjectRepository(UserSession) private readonly sessions: Repository<UserSession>) {}

  insert(row: Omit<UserSession, 'id' | 'user'>): Promise<UserSession> {
    return this.sessions.save(this.sessions.create(row));
  }

  /** The session with its user and the user's teams, in one query: this runs on every request. */
  findWithUserByTokenHash(tokenHash: string): Promise<UserSession | null> {
    return this.sessions.findOne({ where: { tokenHash }, relations: { user: { teams: true } } });
  }

  async touch(params: { id: string; lastSeenAt: Date }): Promise<void> {
    await this.sessions.update({ id: params.id }, { lastSeenAt: params.lastSeenAt });
  }

  async deleteById(id: string): Promise<void> {
    await this.sessions.delete({ id });
  }

  async deleteByUserId(userId: string): Promise<string[]> {
    const rows = await this.sessions.find({ select: { id: true }, where: { userId } });
    await this.sessions.delete({ userId });
    return rows.map((row) => row.id);
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.sessions.delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}
