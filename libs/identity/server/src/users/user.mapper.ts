import type { SessionUser, UserSummary } from '@vigie/contracts';
import type { AppUser } from './app-user.entity';

export function toSessionUser(user: AppUser): SessionUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    languages: user.languages,
    skills: user.skills,
    teams: (user.teams ?? [])
      .map((team) => ({ id: team.id, name: team.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export function toUserSummary(user: AppUser): UserSummary {
  return { ...toSessionUser(user), isActive: user.isActive, createdAt: user.createdAt.toISOString() };
}
