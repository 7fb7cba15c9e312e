import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type {
  MessageAuthorKind,
  MessageDeliveryStatus,
  MessageDirection,
  MessageIntent,
  MessageKind,
  MessageSentiment,
} from '@vigie/contracts';

/**
 * Every message in and out, stored once: unique on (channel, external_id). Outbound messages have a null
 * external id until the channel accepted them (the outbox fills it in).
 */
@Entity({ name: 'message' })
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  channel!: string;

  @Column('text', { nullable: true })
  externalId!: string | null;

  @Column('uuid')
  channelAccountId!: string;

  @Column('uuid', { nullable: true })
  conversationId!: string | null;

  @Column('text')
  direction!: MessageDirection;

  @Column('text')
  authorKind!: MessageAuthorKind;

  @Column('text')
  kind!: MessageKind;

  @Column('uuid', { nullable: true })
  authorContactId!: string | null;

  @Column('uuid', { nullable: true })
  authorUserId!: string | null;

  @Column('text')
  text!: string;

  @Column('text', { nullable: true })
  language!: string | null;

  @Column('text', { nullable: true })
  inReplyToExternalId!: string | null;

  @Column('text')
  deliveryStatus!: MessageDeliveryStatus;

  @Column('timestamptz')
  sentAt!: Date;

  @Column('timestamptz')
  receivedAt!: Date;

  @Column('jsonb', { nullable: true, select: false })
  raw!: unknown;

  /** Triage on ingestion (docs/adr/0013); null for the brand's and agents' messages. */
  @Column('text', { nullable: true })
  intent!: MessageIntent | null;

  @Column('text', { nullable: true })
  sentiment!: MessageSentiment | null;

  @Column('boolean', { nullable: true })
  needsReply!: boolean | null;

  @Column('jsonb')
  triageReasons!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
