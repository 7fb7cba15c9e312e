import { Injectable, Logger } from '@nestjs/common';
import { normaliseAccountActivity } from '@vigie/ingestion-core';
import { DomainError } from '@vigie/kernel';
import { ChannelAccountsService } from '../../accounts/channel-accounts.service';
import { accountRefOf, type ConnectedAccount } from '../channel-adapter';
import { IngestionSinkService } from '../../ingestion/ingestion-sink.service';
import { isValidXWebhookSignature, xWebhookSignature } from './x-webhook-signature';

/** Account Activity deliveries: the CRC challenge and signed events (docs/adr/0009). */
@Injectable()
export class XWebhookService {
  private readonly logger = new Logger('XWebhook');

  constructor(
    private readonly accounts: ChannelAccountsService,
    private readonly sink: IngestionSinkService,
  ) {}

  async answerCrc(params: { accountId: string; crcToken: string }): Promise<{ response_token: string }> {
    const account = await this.webhookAccount(params.accountId);
    return {
      response_token: xWebhookSignature(account.credentials['consumerSecret'] as string, params.crcToken),
    };
  }

  /** Verifies the signature over the raw bytes before reading anything; a forgery is refused and logged. */
  async receive(params: {
    accountId: string;
    rawBody: Buffer;
    signature: string | undefined;
    ip: string | undefined;
  }): Promise<void> {
    const account = await this.webhookAccount(params.accountId);
    const consumerSecret = account.credentials['consumerSecret'] as string;
    if (!isValidXWebhookSignature({ consumerSecret, rawBody: params.rawBody, signature: params.signature })) {
      this.logger.warn(
        { accountId: account.id, ip: params.ip, hasSignature: Boolean(params.signature) },
        'X webhook refused: bad signature',
      );
      throw new DomainError({ code: 'unauthenticated', message: 'Bad webhook signature.' });
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(params.rawBody.toString('utf8'));
    } catch {
      await this.sink.record({
        channel: 'x',
        channelAccountId: account.id,
        source: 'webhook',
        outcomes: [{ outcome: 'dead_letter', reason: 'invalid_json', raw: params.rawBody.toString('utf8') }],
      });
      return;
    }
    await this.sink.record({
      channel: 'x',
      channelAccountId: account.id,
      source: 'webhook',
      outcomes: normaliseAccountActivity(envelope, accountRefOf(account)),
    });
  }

  private async webhookAccount(accountId: string): Promise<ConnectedAccount> {
    const account = await this.accounts.loadConnected(accountId);
    if (!account || account.channel !== 'x' || !account.credentials['consumerSecret']) {
      throw new DomainError({ code: 'not_found', message: 'No webhook here.' });
    }
    return account;
  }
}
