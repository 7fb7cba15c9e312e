import type { AppUser } from './app-user.entity';
import { toSessionUser, toUserSummary } from './user.mapper';

const user = {
  id: 'u1',
  email: 'camille@vigie.demo',
  displayName: 'Camille',
  passwordHash: 'secret-hash',
  role: 'agent',
  languages: ['fr'],
  skills: [],
  isActive: true,
  teams: [
    { id: 't2', name: 'Care FR', createdAt: new Date() },
    { id: 't1', name: 'Care EN', createdAt: new Date() },
  ],
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
} as AppUser;

describe('user mapping', () => {
  it('never exposes the password hash and sorts teams by name', () => {
    const mapped = toSessionUser(user);
    expect(JSON.stringify(mapped)).not.toContain('secret-hash');
    expect(mapped.teams.map((team) => team.name)).toEqual(['Care EN', 'Care FR']);
  });

  it('adds activity and creation date for admins', () => {
    expect(toUserSummary(user)).toMatchObject({ isActive: true, createdAt: '2026-01-01T00:00:00.000Z' });
  });
});
