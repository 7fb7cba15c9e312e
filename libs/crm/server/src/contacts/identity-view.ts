import type { ContactIdentityView, IdentityChannel } from '@vigie/contracts';
import type { IdentityRecord } from './contact-identity.repository';

export function toIdentityView(record: IdentityRecord): ContactIdentityView {
  return {
    id: record.id,
    contactId: record.contactId,
    channel: record.channel as IdentityChannel,
    externalUserId: record.externalUserId,
    handle: record.handle,
    displayName: record.displayName,
    followersCount: record.followersCount,
    isVerified: record.isVerified,
    language: record.language,
    linkedByUserId: record.linkedByUserId,
  };
}
