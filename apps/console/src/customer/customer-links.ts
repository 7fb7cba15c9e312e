import { type ContactIdentityView, type Role } from '@vigie/contracts';

/** What an agent links by hand (the API's `LinkIdentityDto`): X accounts are only ever linked by X itself. */
export const linkableChannels = ['email', 'phone', 'crm'] as const;
export type LinkableChannel = (typeof linkableChannels)[number];

/** The API's bounds on a linked value (`LinkIdentityDto`), checked here too so the agent is told before sending. */
export const minLinkValueLength = 3;
export const maxLinkValueLength = 254;

export type LinkDraftProblem = 'empty' | 'tooShort' | 'tooLong' | 'notEmail' | 'notPhone';

// The same patterns as the controller: a value the API would refuse is refused here, before sending.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+?[\d\s().-]{6,20}$/;

/** Why a value cannot be linked on that channel as typed, or null when it can. */
export function linkDraftProblem(channel: LinkableChannel, value: string): LinkDraftProblem | null {
  const trimmed = value.trim();
  if (trimmed === '') return 'empty';
  if (trimmed.length < minLinkValueLength) return 'tooShort';
  if (trimmed.length > maxLinkValueLength) return 'tooLong';
  if (channel === 'email' && !emailPattern.test(trimmed)) return 'notEmail';
  if (channel === 'phone' && !phonePattern.test(trimmed)) return 'notPhone';
  return null;
}

/** Agents, supervisors and admins link, unlink and decide on proposals (the API's roles); ops only reads. */
export function canChangeLinks(role: Role): boolean {
  return role === 'agent' || role === 'supervisor' || role === 'admin';
}

/**
 * What unlinking does to this identity, as the confirmation says it: a hand-linked e-mail, phone or CRM id is
 * deleted; an X account is split off into a customer of its own (its past conversations stay here).
 */
export function unlinkOutcome(identity: ContactIdentityView): 'deleted' | 'splitOff' {
  return identity.channel === 'x' ? 'splitOff' : 'deleted';
}
