import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ChannelAccountStatus, IngestionMode } from '@vigie/contracts';
import { ChannelAccount } from './channel-account.entity';

export type ChannelAccountWithSecret = ChannelAccount & { credentialsCiphertext: string };

@Injectable()
export class ChannelAccountRepository {
  constructor(@InjectRepository(ChannelAccount) private readonly accounts: Repository<ChannelAccount>) {}

  list(): Promise<ChannelAccount[]> {
    return this.accounts.find({ order: { createdAt: 'ASC' } });
  }

  findById(id: string): Promise<ChannelAccount | null> {
    return this.accounts.findOneBy({ id });
  }

  /** With the ciphertext, for the workers and the webhook receiver only. */
  findWithSecretById(id: string): Promise<ChannelAccountWithSecret | null> {
    return this.accounts
      .createQueryBuilder('account')
      .addSelect('account.credentialsCiphertext')
      .where('account.id = :id', { id })
      .getOne();
  }

  listIdsByStatus(status: ChannelAccountStatus[]): Promise<string[]> {
    return this.accounts
      .createQueryBuilder('account')
      .select('account.id', 'id')
      .where('account.status IN (:...status)', { status })
      .getRawMany<{ id: string }>()
      .then((rows) => rows.map((row) => row.id));
  }

  /** Connects (or reconnects with new credentials) the account with this channel user id. */
  async upsert(params: {
    brandId: string;
    channel: string;
    externalUserId: string;
    handle: string;
    displayName: string;
    mode: IngestionMode;
    credentialsCiphertext: string;
    apiBaseUrl: string | null;
  }): Promise<ChannelAccount> {
    const rows = (await this.accounts.query(
      `INSERT INTO channel_account (brand_id, channel, external_user_id, handle, display_name, status, mode, credentials_ciphertext, api_base_url)
       VALUES ($1, $2, $3, $4, $5, 'connected', $6, $7, $8)
       ON CONFLICT (channel, external_user_id) DO UPDATE SET
         brand_id = excluded.brand_id, handle = excluded.handle, display_name = excluded.display_name, status = 'connected',
         mode = excluded.mode, credentials_ciphertext = excluded.credentials_ciphertext, api_base_url = excluded.api_base_url,
         last_error = NULL, updated_at = now()
       RETURNING id`,
      [
        params.brandId,
        params.channel,
        params.externalUserId,
        params.handle,
        params.displayName,
        params.mode,
        params.credentialsCiphertext,
        params.apiBaseUrl,
      ],
    )) as { id: string }[];
    return (await this.findById(rows[0]?.id ?? '')) as ChannelAccount;
  }

  existsByExternalId(params: { channel: string; externalUserId: string }): Promise<boolean> {
    return this.accounts.existsBy({ channel: params.channel, externalUserId: params.externalUserId });
  }

  async setStatus(params: {
    id: string;
    status: ChannelAccountStatus;
    lastError: string | null;
  }): Promise<void> {
    await this.accounts.update({ id: params.id }, { status: params.status, lastError: params.lastError });
  }
}
