import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChannelAccountStatus, IngestionMode } from '@vigie/contracts';

/** A brand's account on a channel. Credentials are AES-256-GCM ciphertext (docs/adr/0011), never plain. */
@Entity({ name: 'channel_account' })
export class ChannelAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  brandId!: string;

  @Column('text')
  channel!: string;

  @Column('text')
  externalUserId!: string;

  @Column('text')
  handle!: string;

  @Column('text')
  displayName!: string;

  @Column('text')
  status!: ChannelAccountStatus;

  @Column('text')
  mode!: IngestionMode;

  @Column('text', { select: false })
  credentialsCiphertext!: string;

  @Column('text', { nullable: true })
  apiBaseUrl!: string | null;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
