import type { Role } from '@vigie/contracts';

/** The demo crew: one of each role, French-speaking teams first, as most Vigie customers are. */
export const demoTeams = ['Care FR', 'Care EN'] as const;

export const demoUsers: {
  email: string;
  displayName: string;
  role: Role;
  languages: string[];
  skills: string[];
  teams: (typeof demoTeams)[number][];
}[] = [
  {
    email: 'camille@vigie.demo',
    displayName: 'Camille Martin',
    role: 'agent',
    languages: ['fr'],
    skills: ['billing'],
    teams: ['Care FR'],
  },
  {
    email: 'lea@vigie.demo',
    displayName: 'Léa Bernard',
    role: 'agent',
    languages: ['fr', 'en'],
    skills: ['network'],
    teams: ['Care FR', 'Care EN'],
  },
  {
    email: 'sam@vigie.demo',
    displayName: 'Sam Taylor',
    role: 'agent',
    languages: ['en'],
    skills: ['billing'],
    teams: ['Care EN'],
  },
  {
    email: 'hugo@vigie.demo',
    displayName: 'Hugo Petit',
    role: 'supervisor',
    languages: ['fr', 'en'],
    skills: [],
    teams: ['Care FR', 'Care EN'],
  },
  {
    email: 'ines@vigie.demo',
    displayName: 'Inès Moreau',
    role: 'ops',
    languages: ['fr'],
    skills: ['network'],
    teams: [],
  },
  {
    email: 'admin@vigie.demo',
    displayName: 'Admin Vigie',
    role: 'admin',
    languages: ['fr', 'en'],
    skills: [],
    teams: [],
  },
];
