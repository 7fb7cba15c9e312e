import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SlaPolicyView } from '@vigie/contracts';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { parseIcalHolidays, parseSlaPolicySpec, type SlaPolicySpec } from '@vigie/sla-core';
import { ClockWork } from '../clocks/clock-work';
import { SlaClockRepository, type StoredClock } from '../clocks/sla-clock.repository';
import { SlaUpdatePublisher } from '../clocks/sla-update.publisher';
import { type ResolvedPolicy, SlaPolicyCatalog } from './sla-policy.catalog';
import { IcalUrlFetcher } from './ical-url.fetcher';
import { SlaPolicyRepository, type StoredPolicy } from './sla-policy.repository';

const recomputePageSize = 2000;
const namePattern = /^[\p{L}\p{N} ._-]{1,80}$/u;

function toView(params: {
  id: string | null;
  brandId: string;
  name: string;
  position: number;
  version: number;
  spec: SlaPolicySpec;
  updatedAt: Date | null;
}): SlaPolicyView {
  const { spec } = params;
  return {
    id: params.id,
    brandId: params.brandId,
    name: params.name,
    position: params.position,
    version: params.version,
    spec: {
      conditions: spec.conditions,
      calendar: {
        ...spec.calendar,
        holidays: spec.calendar.holidays ?? [],
        breaks: spec.calendar.breaks ?? [],
        dateOverrides: spec.calendar.dateOverrides ?? [],
      },
      targets: spec.targets,
      customerPromiseMinutes: spec.customerPromiseMinutes,
      warningFractions: spec.warningFractions,
      escalation: spec.escalation,
      outOfHours: spec.outOfHours,
    },
    updatedAt: params.updatedAt?.toISOString() ?? null,
  };
}

/** Admin use cases of SLA policies; a change re-applies the policy to its live clocks. */
@Injectable()
export class SlaPoliciesService {
  private readonly logger = new Logger('SlaPolicies');

  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: SlaPolicyRepository,
    private readonly clocks: SlaClockRepository,
    private readonly catalog: SlaPolicyCatalog,
    private readonly updates: SlaUpdatePublisher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(IcalUrlFetcher) private readonly icalFetcher: IcalUrlFetcher | null = null,
  ) {}

  /** The brand's policies in matching order; the built-in default when it has none. */
  async list(brandId: string): Promise<SlaPolicyView[]> {
    await this.requireBrand(brandId);
    const policies = await this.policies.listByBrand(null, brandId);
    if (policies.length > 0) return policies.map(toView);
    const fallback = this.catalog.default;
    return [toView({ ...fallback, brandId, position: 0, updatedAt: null })];
  }

  /** Creates or replaces a policy, then recomputes the due times of the clocks it governs. */
  async put(params: { brandId: string; name: string; body: unknown }): Promise<SlaPolicyView> {
    await this.requireBrand(params.brandId);
    if (!namePattern.test(params.name))
      throw new DomainError({
        code: 'invalid',
        message:
          'Invalid SLA policy: the name must be 1 to 80 letters, digits, spaces, dots, dashes or underscores',
      });
    const spec = parseSlaPolicySpec(params.body);
    const rawPosition = (params.body as { position?: unknown }).position ?? 0;
    if (
      typeof rawPosition !== 'number' ||
      !Number.isInteger(rawPosition) ||
      rawPosition < 0 ||
      rawPosition > 1000
    )
      throw new DomainError({
        code: 'invalid',
        message: 'Invalid SLA policy: position must be a whole number from 0 to 1000',
      });
    const policy = await this.dataSource.transaction((manager) =>
      this.policies.upsert(manager, {
        brandId: params.brandId,
        name: params.name,
        position: rawPosition,
        spec,
      }),
    );
    this.catalog.forget(policy.id);
    const recomputed = await this.recompute(policy);
    this.logger.log({ policyId: policy.id, version: policy.version, recomputed }, 'SLA policy saved');
    return toView(policy);
  }

  /** Adds the all-day events of an iCalendar file to the policy's holidays (a new version, recomputed). */
  async importHolidays(params: { brandId: string; name: string; ics: string }): Promise<SlaPolicyView> {
    await this.requireBrand(params.brandId);
    const policy = await this.findByName(params);
    return this.addHolidays(policy, parseIcalHolidays(params.ics));
  }

  /**
   * The same from a feed's URL (docs/adr/0108): fetched once, now (https, deadline, size cap, content type), then
   * parsed by the same parser. The policy is looked up first, so a wrong name costs no fetch. Only the host is
   * logged: private feeds carry their secret in the URL.
   */
  async importHolidaysFromUrl(params: {
    brandId: string;
    name: string;
    url: string;
  }): Promise<SlaPolicyView> {
    await this.requireBrand(params.brandId);
    const policy = await this.findByName(params);
    if (!this.icalFetcher)
      throw new DomainError({
        code: 'unavailable',
        message: 'Holiday import from a URL is not set up here.',
      });
    const text = await this.icalFetcher.fetch(params.url);
    let imported: string[];
    try {
      imported = parseIcalHolidays(text);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new DomainError({
        code: 'invalid',
        message: `The calendar URL did not return a usable iCalendar file: ${error.message}`,
        details: { reason: 'not_a_calendar' },
      });
    }
    this.logger.log(
      { policyId: policy.id, host: hostOf(params.url), dates: imported.length },
      'Holidays imported from an iCalendar URL',
    );
    return this.addHolidays(policy, imported);
  }

  private addHolidays(policy: StoredPolicy, imported: string[]): Promise<SlaPolicyView> {
    const holidays = [...new Set([...(policy.spec.calendar.holidays ?? []), ...imported])].sort();
    return this.put({
      brandId: policy.brandId,
      name: policy.name,
      body: { ...policy.spec, position: policy.position, calendar: { ...policy.spec.calendar, holidays } },
    });
  }

  /** Removes a policy; its live clocks move to the built-in default first (due times recomputed). */
  async remove(params: { brandId: string; name: string }): Promise<void> {
    const policy = await this.findByName(params);
    await this.recompute(policy, this.catalog.default);
    await this.dataSource.transaction((manager) => this.policies.remove(manager, params));
    this.catalog.forget(policy.id);
  }

  /**
   * Re-applies a policy's targets and calendar to its running and paused clocks, a page per transaction (a
   * holiday added to a calendar moves every due time after it). Returns how many clocks moved.
   */
  async recompute(
    policy: StoredPolicy,
    resolved: ResolvedPolicy = this.catalog.resolve(policy),
  ): Promise<number> {
    let after: StoredClock | null = null;
    let moved = 0;
    for (;;) {
      const cursor: StoredClock | null = after;
      const page = await this.dataSource.transaction(async (manager) => {
        const live = await this.clocks.findLiveOfPolicy(manager, {
          policyId: policy.id,
          after: cursor,
          limit: recomputePageSize,
        });
        const now = this.clock.now();
        const changed: StoredClock[] = [];
        const events: ClockWork['events'] = [];
        for (const [conversationId, clocks] of groupByConversation(live)) {
          const work = new ClockWork(conversationId, resolved, clocks);
          for (const clock of clocks) work.recompute(clock, now);
          changed.push(...work.changed());
          events.push(...work.events);
        }
        await this.clocks.save(manager, changed);
        await this.clocks.reschedule(
          manager,
          changed.map((clock) => ({
            clock,
            thresholds: new ClockWork(clock.conversationId, resolved, []).thresholds(clock),
          })),
        );
        await this.clocks.appendEvents(manager, events);
        return { live, changed };
      });
      moved += page.changed.length;
      if (page.changed.length > 0 && page.changed.length <= 100)
        void this.updates.publish([...new Set(page.changed.map((clock) => clock.conversationId))]);
      if (page.live.length < recomputePageSize) return moved;
      after = page.live[page.live.length - 1] ?? null;
    }
  }

  private async findByName(params: { brandId: string; name: string }): Promise<StoredPolicy> {
    const policy = (await this.policies.listByBrand(null, params.brandId)).find(
      (item) => item.name === params.name,
    );
    if (!policy)
      throw new DomainError({
        code: 'not_found',
        message: `No SLA policy named "${params.name}" for this brand.`,
      });
    return policy;
  }

  private async requireBrand(brandId: string): Promise<void> {
    if (!(await this.policies.brandExists(brandId)))
      throw new DomainError({ code: 'not_found', message: `No brand ${brandId}.` });
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
}

function groupByConversation(clocks: StoredClock[]): Map<string, StoredClock[]> {
  const groups = new Map<string, StoredClock[]>();
  for (const clock of clocks) {
    const group = groups.get(clock.conversationId) ?? [];
    group.push(clock);
    groups.set(clock.conversationId, group);
  }
  return groups;
}
