import type { EntityManager } from 'typeorm';
import type { ConversationToRoute } from '@vigie/routing-core';
import type { RoutingSettingsRepository } from '../settings/routing-settings.repository';

/**
 * The conversations with, for those that require skills, the skills their queue holds at all (any agent of the
 * team, or of the brand queue, whatever their status), so the policy can tell a skill nobody has from a skilled
 * agent who is busy or away (docs/adr/0209).
 */
export async function withSkillsHeld<T extends ConversationToRoute>(
  manager: EntityManager,
  settings: RoutingSettingsRepository,
  queue: T[],
): Promise<T[]> {
  const needing = queue.filter((conversation) => conversation.requiredSkills.length > 0);
  if (needing.length === 0) return queue;
  const held = await settings.skillsHeld(manager, {
    teamIds: [
      ...new Set(needing.flatMap((conversation) => (conversation.teamId ? [conversation.teamId] : []))),
    ],
    isBrandQueueIncluded: needing.some((conversation) => conversation.teamId === null),
  });
  return queue.map((conversation) =>
    conversation.requiredSkills.length === 0
      ? conversation
      : { ...conversation, skillsHeldInQueue: held.get(conversation.teamId) ?? [] },
  );
}
