import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ChannelName, ContactSummary } from '@vigie/contracts';
import {
  type ContactIdentityInput,
  ContactIdentityRepository,
  type ContactIdentityRow,
} from './contact-identity.repository';

export function toContactSummary(row: ContactIdentityRow): ContactSummary {
  return {
    id: row.contactId,
    channel: row.channel as ChannelName,
    externalUserId: row.externalUserId,
    handle: row.handle,
    displayName: row.displayName,
    followersCount: row.followersCount,
    isVerified: row.isVerified,
    language: row.language,
  };
}

/** Contacts (minimal for now: the CRM issue builds on it). Each message author becomes or updates one. */
@Injectable()
export class ContactsService {
  constructor(private readonly identities: ContactIdentityRepository) {}

  /** Inside the caller's transaction: the author's identity is current when its message commits. */
  async recordAuthor(params: {
    manager: EntityManager;
    identity: ContactIdentityInput;
  }): Promise<ContactSummary> {
    return toContactSummary(await this.identities.upsert(params.manager, params.identity));
  }

  /**
   * {@link recordAuthor} for a batch, in a fixed number of statements; the summaries by identity key
   * (`identityKey` of contact-identity.repository).
   */
  async recordAuthors(params: {
    manager: EntityManager;
    identities: ContactIdentityInput[];
  }): Promise<Map<string, ContactSummary>> {
    const rows = await this.identities.upsertMany(params.manager, params.identities);
    return new Map([...rows].map(([key, row]) => [key, toContactSummary(row)]));
  }

  async summariesByIds(contactIds: string[]): Promise<Map<string, ContactSummary>> {
    const rows = await this.identities.findByContactIds([...new Set(contactIds)]);
    return new Map(rows.map((row) => [row.contactId, toContactSummary(row)]));
  }

  async findByExternalId(params: {
    channel: ChannelName;
    externalUserId: string;
  }): Promise<ContactSummary | null> {
    const row = await this.identities.findByExternalId(params);
    return row ? toContactSummary(row) : null;
  }
}
