import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ConversationKind, ConversationStatus } from '@vigie/contracts';

/** One customer thread on one channel account (docs/adr/0010-threads-and-reopening.md). */
@Entity({ name: 'conversation' })
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  brandId!: string;

  @Column('uuid')
  channelAccountId!: string;

  @Column('text')
  channel!: string;

  @Column('text')
  kind!: ConversationKind;

  @Column('text')
  threadKey!: string;

  @Column('uuid')
  contactId!: string;

  @Column('text')
  status!: ConversationStatus;

  @Column('timestamptz', { nullable: true })
  waitingSince!: Date | null;

  @Column('timestamptz', { nullable: true })
  resolvedAt!: Date | null;

  /** False while none of its messages needed a reply (docs/adr/0013): such a conversation never waits. */
  @Column('boolean')
  needsReply!: boolean;

  @Column('timestamptz')
  lastActivityAt!: Date;

  @Column('text')
  lastMessagePreview!: string;

  @Column('integer')
  messageCount!: number;

  @Column('uuid', { nullable: true })
  previousConversationId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
