import {
  type BrandSummary,
  type ChannelAccountSummary,
  type ConnectXAccountRequest,
  type CreateBrandRequest,
} from '@vigie/contracts';
import { type ApiResult, requestJson } from '../../shared/http';

export function fetchBrands(): Promise<ApiResult<BrandSummary[]>> {
  return requestJson<BrandSummary[]>('/api/brands');
}

export function createBrand(request: CreateBrandRequest): Promise<ApiResult<BrandSummary>> {
  return requestJson<BrandSummary>('/api/brands', { method: 'POST', body: JSON.stringify(request) });
}

export function fetchChannelAccounts(): Promise<ApiResult<ChannelAccountSummary[]>> {
  return requestJson<ChannelAccountSummary[]>('/api/channel-accounts');
}

export function connectXAccount(request: ConnectXAccountRequest): Promise<ApiResult<ChannelAccountSummary>> {
  return requestJson<ChannelAccountSummary>('/api/channel-accounts/x', {
    method: 'POST',
    body: JSON.stringify(request),
  });
}

export function setAccountConnected(params: {
  accountId: string;
  isConnected: boolean;
}): Promise<ApiResult<ChannelAccountSummary>> {
  const action = params.isConnected ? 'reconnect' : 'disconnect';
  return requestJson<ChannelAccountSummary>(
    `/api/channel-accounts/${encodeURIComponent(params.accountId)}/${action}`,
    { method: 'POST' },
  );
}
