import {
  type BrandSkillRulesBody,
  type RoutingAgentView,
  type RoutingBrandSettingsView,
  type RoutingSettingsView,
  type RoutingTeamSettingsView,
  type TeamSkillRulesBody,
  type WorkingHoursCalendar,
} from '@vigie/contracts';
import { type ApiResult, requestJson } from '../../shared/http';

const put = <T>(path: string, body: unknown): Promise<ApiResult<T>> =>
  requestJson<T>(path, { method: 'PUT', body: JSON.stringify(body) });

export function fetchRoutingSettings(): Promise<ApiResult<RoutingSettingsView>> {
  return requestJson<RoutingSettingsView>('/api/routing/settings');
}

export function putBrandPolicy(params: {
  brandId: string;
  policy: RoutingBrandSettingsView['policy'];
}): Promise<ApiResult<void>> {
  return put<void>(`/api/routing/brands/${encodeURIComponent(params.brandId)}/policy`, {
    policy: params.policy,
  });
}

export function putBrandSkillRules(params: {
  brandId: string;
  body: BrandSkillRulesBody;
}): Promise<ApiResult<RoutingBrandSettingsView>> {
  return put(`/api/routing/brands/${encodeURIComponent(params.brandId)}/skill-rules`, params.body);
}

export function putTeamSkillRules(params: {
  teamId: string;
  body: TeamSkillRulesBody;
}): Promise<ApiResult<RoutingTeamSettingsView>> {
  return put(`/api/routing/teams/${encodeURIComponent(params.teamId)}/skill-rules`, params.body);
}

export function putTeamHours(params: {
  teamId: string;
  calendar: WorkingHoursCalendar | null;
}): Promise<ApiResult<RoutingTeamSettingsView>> {
  return put(`/api/routing/teams/${encodeURIComponent(params.teamId)}/hours`, { calendar: params.calendar });
}

export function putAgentHours(params: {
  userId: string;
  calendar: WorkingHoursCalendar | null;
}): Promise<ApiResult<RoutingAgentView>> {
  return put(`/api/routing/agents/${encodeURIComponent(params.userId)}/hours`, { calendar: params.calendar });
}

export function putAgentCapacity(params: {
  userId: string;
  capacity: number;
}): Promise<ApiResult<RoutingAgentView>> {
  return put(`/api/routing/agents/${encodeURIComponent(params.userId)}/capacity`, {
    capacity: params.capacity,
  });
}
