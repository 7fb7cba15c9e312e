import { type Role } from '@vigie/contracts';

/** The console's top-level sections, each at its own path. */
export const consoleSections = ['inbox', 'slaBoard', 'ops', 'administration'] as const;
export type ConsoleSection = (typeof consoleSections)[number];

export const sectionPaths: Record<ConsoleSection, string> = {
  inbox: '/inbox',
  slaBoard: '/supervisor',
  ops: '/ops',
  administration: '/admin',
};

/**
 * Who may open a section (the API checks the same roles on every call behind it): everyone works
 * conversations; supervisors, ops and admins watch the SLA board and incidents; only admins administer.
 */
const sectionRoles: Record<ConsoleSection, readonly Role[]> = {
  inbox: ['agent', 'supervisor', 'ops', 'admin'],
  slaBoard: ['supervisor', 'ops', 'admin'],
  ops: ['supervisor', 'ops', 'admin'],
  administration: ['admin'],
};

export function canOpenSection(section: ConsoleSection, role: Role): boolean {
  return sectionRoles[section].includes(role);
}

/** The sections a role sees in the top bar, in order. */
export function sectionsFor(role: Role): ConsoleSection[] {
  return consoleSections.filter((section) => canOpenSection(section, role));
}
