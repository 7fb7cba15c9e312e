import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  BrandSummary,
  ChannelAccountSummary,
  ConnectXAccountRequest,
  CreateBrandRequest,
  IngestionMode,
} from '@vigie/contracts';
import { DomainError } from '@vigie/kernel';
import { APP_CONFIG, type AppConfig, SECRET_CIPHER, type SecretCipher } from '@vigie/server';
import { CHANNEL_ADAPTERS, type ChannelAdapter, type ConnectedAccount } from '../channels/channel-adapter';
import type { Brand } from './brand.entity';
import { BrandRepository } from './brand.repository';
import type { ChannelAccount } from './channel-account.entity';
import { ChannelAccountRepository } from './channel-account.repository';

export function toBrandSummary(brand: Brand): BrandSummary {
  return {
    id: brand.id,
    name: brand.name,
    defaultLanguage: brand.defaultLanguage,
    createdAt: brand.createdAt.toISOString(),
  };
}

export function toChannelAccountSummary(account: ChannelAccount): ChannelAccountSummary {
  return {
    id: account.id,
    brandId: account.brandId,
    channel: account.channel as ChannelAccountSummary['channel'],
    externalUserId: account.externalUserId,
    handle: account.handle,
    displayName: account.displayName,
    status: account.status,
    mode: account.mode,
    lastError: account.lastError,
    webhookPath: `/api/webhooks/${account.channel}/${account.id}`,
    createdAt: account.createdAt.toISOString(),
  };
}

const associatedData = (channel: string, externalUserId: string) =>
  `channel_account:${channel}:${externalUserId}`;

/** What each mode needs besides the user token. */
const requiredByMode: Record<IngestionMode, (keyof ConnectXAccountRequest)[]> = {
  stream: ['appBearerToken'],
  poll: [],
  webhook: ['consumerSecret'],
};

/** Brands and their channel accounts: connecting, listing, reconnecting, disconnecting (admins). */
@Injectable()
export class ChannelAccountsService {
  private readonly logger = new Logger('ChannelAccounts');
  private readonly adapters: Map<string, ChannelAdapter>;

  constructor(
    private readonly brands: BrandRepository,
    private readonly accounts: ChannelAccountRepository,
    @Inject(SECRET_CIPHER) private readonly cipher: SecretCipher,
    @Inject(CHANNEL_ADAPTERS) adapters: ChannelAdapter[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.adapters = new Map(adapters.map((adapter) => [adapter.channel, adapter]));
  }

  async listBrands(): Promise<BrandSummary[]> {
    return (await this.brands.list()).map(toBrandSummary);
  }

  async createBrand(request: CreateBrandRequest): Promise<BrandSummary> {
    const brand = await this.brands.insert({
      name: request.name.trim(),
      defaultLanguage: request.defaultLanguage,
    });
    if (!brand)
      throw new DomainError({
        code: 'conflict',
        message: `A brand named ${request.name.trim()} already exists.`,
      });
    return toBrandSummary(brand);
  }

  /** Finds or creates a brand by name (start-up bootstraps). */
  async ensureBrand(request: CreateBrandRequest): Promise<BrandSummary> {
    const existing = await this.brands.findByName(request.name);
    if (existing) return toBrandSummary(existing);
    return toBrandSummary(
      (await this.brands.insert(request)) ?? ((await this.brands.findByName(request.name)) as Brand),
    );
  }

  async listAccounts(): Promise<ChannelAccountSummary[]> {
    return (await this.accounts.list()).map(toChannelAccountSummary);
  }

  /**
   * Checks the credentials with X (who do they belong to?), then stores them encrypted. Connecting an account
   * that exists again replaces its credentials and mode.
   */
  async connectX(request: ConnectXAccountRequest): Promise<ChannelAccount> {
    if (!(await this.brands.findById(request.brandId)))
      throw new DomainError({ code: 'not_found', message: `No brand ${request.brandId}.` });
    const missing = requiredByMode[request.mode].filter((field) => !request[field]);
    if (missing.length > 0)
      throw new DomainError({
        code: 'invalid',
        message: `The ${request.mode} mode needs ${missing.join(', ')}.`,
      });
    const apiBaseUrl = this.allowedBaseUrl(request.apiBaseUrl);
    const credentials = Object.fromEntries(
      (['accessToken', 'accessSecret', 'consumerKey', 'consumerSecret', 'appBearerToken'] as const)
        .filter((field) => request[field] !== undefined)
        .map((field) => [field, request[field] as string]),
    );
    const adapter = this.adapterFor('x');
    let profile;
    try {
      profile = await adapter.verifyCredentials({ credentials, apiBaseUrl });
    } catch (error) {
      this.logger.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'X refused the credentials',
      );
      throw new DomainError({
        code: 'invalid',
        message: 'X did not accept these credentials.',
        details: { reason: 'credentials_refused' },
      });
    }
    const account = await this.accounts.upsert({
      brandId: request.brandId,
      channel: 'x',
      externalUserId: profile.externalUserId,
      handle: profile.handle,
      displayName: profile.displayName,
      mode: request.mode,
      credentialsCiphertext: this.cipher.encrypt({
        plaintext: JSON.stringify(credentials),
        associatedData: associatedData('x', profile.externalUserId),
      }),
      apiBaseUrl: apiBaseUrl ?? null,
    });
    this.logger.log(
      { accountId: account.id, handle: account.handle, mode: account.mode },
      'Channel account connected',
    );
    return account;
  }

  async setConnected(params: { id: string; isConnected: boolean }): Promise<ChannelAccount> {
    const account = await this.accounts.findById(params.id);
    if (!account) throw new DomainError({ code: 'not_found', message: `No channel account ${params.id}.` });
    await this.accounts.setStatus({
      id: params.id,
      status: params.isConnected ? 'connected' : 'disconnected',
      lastError: null,
    });
    return (await this.accounts.findById(params.id)) as ChannelAccount;
  }

  /** The account with decrypted credentials, for its worker and webhook receiver. Never log the result. */
  async loadConnected(id: string): Promise<ConnectedAccount | null> {
    const account = await this.accounts.findWithSecretById(id);
    if (!account) return null;
    const credentials = JSON.parse(
      this.cipher.decrypt({
        stored: account.credentialsCiphertext,
        associatedData: associatedData(account.channel, account.externalUserId),
      }),
    ) as Record<string, string>;
    return {
      id: account.id,
      brandId: account.brandId,
      channel: account.channel,
      externalUserId: account.externalUserId,
      handle: account.handle,
      mode: account.mode,
      credentials,
      apiBaseUrl: account.apiBaseUrl ?? undefined,
    };
  }

  adapterFor(channel: string): ChannelAdapter {
    const adapter = this.adapters.get(channel);
    if (!adapter)
      throw new DomainError({ code: 'invalid', message: `No adapter for the channel ${channel}.` });
    return adapter;
  }

  /** A fake X base URL is allowed outside production, or when X_ALLOW_BASE_URL_OVERRIDE says so. */
  private allowedBaseUrl(requested: string | undefined): string | undefined {
    if (requested === undefined) return this.config.x.apiBaseUrl;
    if (this.config.environment === 'production' && !this.config.x.isBaseUrlOverrideAllowed) {
      throw new DomainError({
        code: 'forbidden',
        message: 'Another X base URL is not allowed here (X_ALLOW_BASE_URL_OVERRIDE).',
      });
    }
    return requested;
  }
}
