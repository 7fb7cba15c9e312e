import {
  Column,
  CreateDateColumn,
  Entity,
  JoinTable,
  ManyToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from '@vigie/contracts';
import { Team } from '../teams/team.entity';

@Entity({ name: 'app_user' })
export class AppUser {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  displayName!: string;

  @Column('text', { select: false })
  passwordHash!: string;

  @Column('text')
  role!: Role;

  @Column('text', { array: true })
  languages!: string[];

  @Column('text', { array: true })
  skills!: string[];

  @Column('boolean')
  isActive!: boolean;

  @ManyToMany(() => Team, { eager: false })
  @JoinTable({ name: 'team_member', joinColumn: { name: 'user_id' }, inverseJoinColumn: { name: 'team_id' } })
  teams!: Team[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
