import {
  type CreateUserRequest,
  type TeamSummary,
  type UpdateUserRequest,
  type UserSummary,
} from '@vigie/contracts';
import { type ApiResult, requestJson } from '../../shared/http';

export function fetchUsers(): Promise<ApiResult<UserSummary[]>> {
  return requestJson<UserSummary[]>('/api/users');
}

export function createUser(request: CreateUserRequest): Promise<ApiResult<UserSummary>> {
  return requestJson<UserSummary>('/api/users', { method: 'POST', body: JSON.stringify(request) });
}

export function updateUser(userId: string, request: UpdateUserRequest): Promise<ApiResult<UserSummary>> {
  return requestJson<UserSummary>(`/api/users/${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    body: JSON.stringify(request),
  });
}

export function fetchTeams(): Promise<ApiResult<TeamSummary[]>> {
  return requestJson<TeamSummary[]>('/api/teams');
}

export function createTeam(name: string): Promise<ApiResult<TeamSummary>> {
  return requestJson<TeamSummary>('/api/teams', { method: 'POST', body: JSON.stringify({ name }) });
}

export function renameTeam(teamId: string, name: string): Promise<ApiResult<TeamSummary>> {
  return requestJson<TeamSummary>(`/api/teams/${encodeURIComponent(teamId)}`, {
    method: 'PATCH',
    body: JSON.stringify({ name }),
  });
}
