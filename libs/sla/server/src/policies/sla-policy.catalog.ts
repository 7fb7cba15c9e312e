import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  BusinessCalendar,
  defaultSlaPolicySpec,
  matchesSlaConditions,
  type SlaPolicySpec,
  type SlaSubject,
} from '@vigie/sla-core';
import { SlaPolicyRepository, type StoredPolicy } from './sla-policy.repository';

/** A policy ready to compute with: its spec and its (cached) calendar. `id` null is the built-in default. */
export type ResolvedPolicy = {
  id: string | null;
  name: string;
  version: number;
  spec: SlaPolicySpec;
  calendar: BusinessCalendar;
};

export const defaultPolicyName = 'Default (Mon-Fri 09:00-19:00 Paris)';
const maxCachedCalendars = 1000;
/** How long a policy read by id is reused (wall-clock: a cache lifetime, not domain time). */
export const policyCacheMs = 5000;

/**
 * Chooses the policy of a conversation (the brand's first policy whose conditions match, by position; the
 * built-in default when none does) and keeps one {@link BusinessCalendar} per policy version, since a calendar
 * caches its compiled years (docs/adr/0101). Policies are read from the database every time: several Vigie
 * processes share them, and the query is an indexed lookup of a handful of rows.
 */
@Injectable()
export class SlaPolicyCatalog {
  private readonly calendars = new Map<string, BusinessCalendar>();
  private readonly byIdCache = new Map<string, { policy: ResolvedPolicy; expiresAt: number }>();
  private readonly defaultPolicy: ResolvedPolicy = {
    id: null,
    name: defaultPolicyName,
    version: 1,
    spec: defaultSlaPolicySpec,
    calendar: new BusinessCalendar(defaultSlaPolicySpec.calendar),
  };

  constructor(private readonly policies: SlaPolicyRepository) {}

  get default(): ResolvedPolicy {
    return this.defaultPolicy;
  }

  async forConversation(
    manager: EntityManager,
    params: { brandId: string; subject: SlaSubject },
  ): Promise<ResolvedPolicy> {
    return this.choose(await this.policies.listByBrand(manager, params.brandId), params.subject);
  }

  /** The first of a brand's policies (in position order) whose conditions match; the default when none does. */
  choose(brandPolicies: readonly StoredPolicy[], subject: SlaSubject): ResolvedPolicy {
    const match = brandPolicies.find((policy) => matchesSlaConditions(policy.spec.conditions, subject));
    return match ? this.resolve(match) : this.defaultPolicy;
  }

  /**
   * The current version of a clock's policy; the default when it was deleted meanwhile. Kept for
   * {@link policyCacheMs}: the scheduler and the participant ask for it on every clock, and a policy carries
   * its whole calendar. An edit made by another process is seen within that delay (this process's own edits
   * at once, see {@link forget}).
   */
  async byId(manager: EntityManager | null, policyId: string | null): Promise<ResolvedPolicy> {
    if (!policyId) return this.defaultPolicy;
    const cached = this.byIdCache.get(policyId);
    const now = Date.now();
    if (cached && cached.expiresAt > now) return cached.policy;
    const policy = await this.policies.findById(manager, policyId);
    const resolved = policy ? this.resolve(policy) : this.defaultPolicy;
    if (this.byIdCache.size >= maxCachedCalendars) this.byIdCache.clear();
    this.byIdCache.set(policyId, { policy: resolved, expiresAt: now + policyCacheMs });
    return resolved;
  }

  /** Drops a policy from the cache (it was just edited or removed here). */
  forget(policyId: string): void {
    this.byIdCache.delete(policyId);
  }

  resolve(policy: StoredPolicy): ResolvedPolicy {
    const key = `${policy.id}:${policy.version}`;
    let calendar = this.calendars.get(key);
    if (!calendar) {
      if (this.calendars.size >= maxCachedCalendars) this.calendars.clear();
      calendar = new BusinessCalendar(policy.spec.calendar);
      this.calendars.set(key, calendar);
    }
    return { id: policy.id, name: policy.name, version: policy.version, spec: policy.spec, calendar };
  }
}
