import type { Role } from './roles';
import type { SessionUser } from './auth.contracts';

export type UserSummary = SessionUser & {
  isActive: boolean;
  createdAt: string;
};

export type CreateUserRequest = {
  email: string;
  displayName: string;
  password: string;
  role: Role;
  languages?: string[];
  skills?: string[];
  teamIds?: string[];
};

export type UpdateUserRequest = Partial<Omit<CreateUserRequest, 'email'>> & { isActive?: boolean };

export type TeamSummary = { id: string; name: string; memberCount: number; createdAt: string };

export type CreateTeamRequest = { name: string };
