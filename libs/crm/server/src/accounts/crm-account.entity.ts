import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CrmTier } from '@vigie/contracts';

/** A company or household the brand serves: an owner agent, a tier and a value (what routing reads). */
@Entity({ name: 'crm_account' })
export class CrmAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { nullable: true })
  externalId!: string | null;

  @Column('text')
  name!: string;

  @Column('uuid', { nullable: true })
  ownerUserId!: string | null;

  @Column('text', { nullable: true })
  tier!: CrmTier | null;

  @Column('numeric', { precision: 14, scale: 2, nullable: true })
  value!: string | null;

  @Column('jsonb')
  attributes!: Record<string, string>;

  @Column('text', { array: true })
  tags!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
