import { type AgentSnapshot, type ConversationToRoute } from '../lib/routing.types';

/** The fixed instant every routing spec decides at. */
export const now = new Date('2026-03-02T10:00:00Z');

export const minutesBefore = (minutes: number): Date => new Date(now.getTime() - minutes * 60_000);

/** An online agent within hours, speaking fr and en, in team t-1, with room (0/5), never assigned. */
export function agent(overrides: Partial<AgentSnapshot> & Pick<AgentSnapshot, 'id'>): AgentSnapshot {
  return {
    status: 'online',
    statusSince: minutesBefore(120),
    languages: ['fr', 'en'],
    skills: [],
    capacity: 5,
    openCount: 0,
    teamIds: ['t-1'],
    isWithinHours: true,
    lastAssignedAt: null,
    ...overrides,
  };
}

/** A medium-priority French conversation of team t-1, no skills, no owner, no last agent. */
export function conversation(
  overrides: Partial<Omit<ConversationToRoute, 'contact'>> & {
    contact?: Partial<ConversationToRoute['contact']>;
  } = {},
): ConversationToRoute {
  const { contact, ...rest } = overrides;
  return {
    id: 'c-1',
    brandId: 'b-1',
    teamId: 't-1',
    language: 'fr',
    requiredSkills: [],
    priority: 'medium',
    dueAt: null,
    queuedAt: minutesBefore(10),
    ...rest,
    contact: { accountOwnerId: null, lastAnsweredByAgentId: null, ...contact },
  };
}
