import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A contact's account on one channel (X user id, handle, name, followers, verified, language). */
@Entity({ name: 'contact_identity' })
export class ContactIdentity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  contactId!: string;

  @Column('text')
  channel!: string;

  @Column('text')
  externalUserId!: string;

  @Column('text', { nullable: true })
  handle!: string | null;

  @Column('text', { nullable: true })
  displayName!: string | null;

  @Column('integer', { nullable: true })
  followersCount!: number | null;

  @Column('boolean')
  isVerified!: boolean;

  @Column('text', { nullable: true })
  language!: string | null;

  @Column('uuid', { nullable: true })
  linkedByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
