import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person the brand talks to, across channels (one identity per channel account of theirs). */
@Entity({ name: 'contact' })
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { nullable: true })
  displayName!: string | null;

  @Column('text', { nullable: true })
  language!: string | null;

  @Column('uuid', { nullable: true })
  accountId!: string | null;

  @Column('jsonb')
  attributes!: Record<string, string>;

  @Column('text', { array: true })
  tags!: string[];

  /** Set while this contact is merged into another (an alias; undo clears it). */
  @Column('uuid', { nullable: true })
  mergedIntoId!: string | null;

  @Column('timestamptz', { nullable: true })
  erasedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
