import type { Role } from './roles';

export type LoginRequest = {
  email: string;
  password: string;
};

/** The signed-in user as the console sees it (`GET /api/auth/me`, `POST /api/auth/login`). */
export type SessionUser = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  languages: string[];
  skills: string[];
  teams: TeamRef[];
};

export type TeamRef = { id: string; name: string };

export type LoginResponse = { user: SessionUser };
