import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@vigie/server';
import { ChannelAccountRepository } from './channel-account.repository';
import { ChannelAccountsService } from './channel-accounts.service';

/**
 * The fake X's demo brand (apps/fake-x: @VigieTelecom, id 1111111111). Its tokens are the fake's published
 * demo tokens, not secrets.
 */
export const demoXAccount = {
  brandName: 'Vigie Telecom',
  defaultLanguage: 'fr',
  accessToken: '1111111111-vigietelecom-access-token',
  appBearerToken: 'vigie-demo-app-bearer-token',
  consumerSecret: 'vigie-demo-consumer-secret',
};

/**
 * In demo mode with X_API_BASE_URL (npm start points it at the fake X): creates the demo brand and connects
 * its X account in stream mode, so the demo ingests from the first start. Only creates what is missing.
 */
@Injectable()
export class DemoChannelBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoChannels');

  constructor(
    private readonly accounts: ChannelAccountsService,
    private readonly accountRows: ChannelAccountRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const apiBaseUrl = this.config.x.apiBaseUrl;
    if (!this.config.demo.isEnabled || !apiBaseUrl) return;
    try {
      const brand = await this.accounts.ensureBrand({
        name: demoXAccount.brandName,
        defaultLanguage: demoXAccount.defaultLanguage,
      });
      if (await this.accountRows.existsByExternalId({ channel: 'x', externalUserId: '1111111111' })) return;
      const account = await this.accounts.connectX({
        brandId: brand.id,
        mode: 'stream',
        accessToken: demoXAccount.accessToken,
        appBearerToken: demoXAccount.appBearerToken,
        consumerSecret: demoXAccount.consumerSecret,
        apiBaseUrl,
      });
      this.logger.log({ handle: account.handle, apiBaseUrl }, 'Demo X account connected to the fake X');
    } catch (error) {
      this.logger.error(
        { error: error instanceof Error ? error.message : String(error), apiBaseUrl },
        'Could not connect the demo X account',
      );
    }
  }
}
