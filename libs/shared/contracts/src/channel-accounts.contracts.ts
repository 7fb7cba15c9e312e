import type { ChannelName } from './inbox.contracts';

export type BrandSummary = { id: string; name: string; defaultLanguage: string; createdAt: string };

export type CreateBrandRequest = { name: string; defaultLanguage: string };

/** stream: filtered stream + backfill (primary); poll: mentions polling; webhook: Account Activity deliveries. */
export const ingestionModes = ['stream', 'poll', 'webhook'] as const;
export type IngestionMode = (typeof ingestionModes)[number];

export type ChannelAccountStatus = 'connected' | 'disconnected' | 'error';

export type ChannelAccountSummary = {
  id: string;
  brandId: string;
  channel: ChannelName;
  externalUserId: string;
  handle: string;
  displayName: string;
  status: ChannelAccountStatus;
  mode: IngestionMode;
  lastError: string | null;
  /** The webhook URL path to register with X (webhook mode). */
  webhookPath: string;
  createdAt: string;
};

/**
 * Connect an X account. User context (mentions, DMs, replies): `accessToken` as an OAuth 2.0 user token, or
 * with `accessSecret` + `consumerKey` + `consumerSecret` as OAuth 1.0a. Stream and search need the app's
 * `appBearerToken`; webhook signatures need `consumerSecret`. `apiBaseUrl` (a fake X) only where allowed.
 */
export type ConnectXAccountRequest = {
  brandId: string;
  mode: IngestionMode;
  accessToken: string;
  accessSecret?: string;
  consumerKey?: string;
  consumerSecret?: string;
  appBearerToken?: string;
  apiBaseUrl?: string;
};
