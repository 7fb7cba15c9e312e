import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ConversationActivity, type ConversationParticipant } from '@vigie/inbox-server';
import { assertNever } from '@vigie/kernel';
import type { SlaMetric } from '@vigie/sla-core';
import { OutOfHoursResponder } from '../out-of-hours/out-of-hours.responder';
import { SlaPolicyCatalog } from '../policies/sla-policy.catalog';
import { SlaPolicyRepository } from '../policies/sla-policy.repository';
import { ClockWork } from './clock-work';
import { SlaClockRepository } from './sla-clock.repository';
import { SlaUpdatePublisher } from './sla-update.publisher';

type CustomerWrote = Extract<ConversationActivity, { kind: 'customer_wrote' }>;
type BrandAnswered = Extract<ConversationActivity, { kind: 'brand_answered' }>;
type StatusChanged = Extract<ConversationActivity, { kind: 'status_changed' }>;

const responseMetrics: readonly SlaMetric[] = ['first_response', 'next_response'];

/**
 * Keeps the SLA clocks in step with conversations, inside the inbox's own transaction (a crash loses neither
 * the message nor the clock). What counts as a response: a reply or DM by an agent, through Vigie or directly
 * on X — never Vigie's own automatic answers. Pending pauses the clocks that allow it; snoozed and resolved
 * stop the response clocks; resolved fulfils the resolution clock.
 */
@Injectable()
export class SlaClockParticipant implements ConversationParticipant {
  readonly name = 'sla';

  constructor(
    private readonly clocks: SlaClockRepository,
    private readonly catalog: SlaPolicyCatalog,
    private readonly policies: SlaPolicyRepository,
    private readonly outOfHours: OutOfHoursResponder,
    private readonly updates: SlaUpdatePublisher,
  ) {}

  async onActivity(manager: EntityManager, activities: readonly ConversationActivity[]): Promise<void> {
    for (const activity of activities) await this.apply(manager, activity);
  }

  private async apply(manager: EntityManager, activity: ConversationActivity): Promise<void> {
    const existing = await this.clocks.findForUpdate(manager, activity.conversationId);
    let work: ClockWork | null = null;
    switch (activity.kind) {
      case 'customer_wrote':
        work = await this.onCustomerWrote(manager, activity, existing);
        break;
      case 'brand_answered':
        if (existing.length === 0 || (await this.isAutomation(manager, activity))) return;
        work = new ClockWork(
          activity.conversationId,
          await this.catalog.byId(manager, existing[0]?.policyId ?? null),
          existing,
        );
        onBrandAnswered(work, activity);
        break;
      case 'status_changed':
        if (existing.length === 0) return;
        work = new ClockWork(
          activity.conversationId,
          await this.catalog.byId(manager, existing[0]?.policyId ?? null),
          existing,
        );
        onStatusChanged(work, activity);
        break;
      default:
        assertNever(activity);
    }
    if (!work) return;
    const changed = work.changed();
    await this.clocks.save(manager, changed);
    await this.clocks.reschedule(
      manager,
      changed.map((clock) => ({ clock, thresholds: work.thresholds(clock) })),
    );
    await this.clocks.appendEvents(manager, work.events);
    if (changed.length > 0 || work.events.length > 0)
      this.updates.markChanged(manager, activity.conversationId);
  }

  private async onCustomerWrote(
    manager: EntityManager,
    activity: CustomerWrote,
    existing: Awaited<ReturnType<SlaClockRepository['findForUpdate']>>,
  ): Promise<ClockWork | null> {
    const facts = await this.policies.conversationFacts(manager, activity.conversationId);
    if (!facts) return null;
    const policy =
      existing.length > 0
        ? await this.catalog.byId(manager, existing[0]?.policyId ?? null)
        : await this.catalog.forConversation(manager, {
            brandId: activity.brandId,
            subject: { channel: facts.channel, conversationKind: facts.kind, intent: activity.triage.intent },
          });
    const work = new ClockWork(activity.conversationId, policy, existing);
    // The customer writing wakes a pending conversation: whatever was paused counts again.
    if (activity.state.status === 'open')
      for (const clock of work.all()) work.resume(clock, activity.at, 'resumed: the customer wrote again');
    if (!activity.triage.needsReply) return work;
    startResponseClocks(work, activity, facts.channel);
    await this.outOfHours.onCustomerWrote(manager, {
      activity,
      policy,
      brandLanguage: facts.brandLanguage,
      work,
    });
    return work;
  }

  /** Vigie's own automatic answers (the out-of-hours one) are not responses. */
  private async isAutomation(manager: EntityManager, activity: BrandAnswered): Promise<boolean> {
    if (activity.via === 'vigie' && activity.userId === null) return true;
    return this.outOfHours.isAutoAnswer(manager, {
      conversationId: activity.conversationId,
      messageId: activity.messageId,
    });
  }
}

function startResponseClocks(work: ClockWork, activity: CustomerWrote, channel: string): void {
  const first = work.find('contract', 'first_response');
  const isFirstAnswered = first?.status === 'fulfilled';
  const metric: SlaMetric = isFirstAnswered ? 'next_response' : 'first_response';
  const reason = `started: the customer wrote (${activity.triage.intent}, needs a reply)`;
  for (const kind of ['customer', 'contract'] as const) {
    const current = work.find(kind, metric);
    // A wait already running goes on from the first unanswered message.
    if (current && (current.status === 'running' || current.status === 'paused')) continue;
    work.start({ clock: kind, metric, at: activity.at, brandId: activity.brandId, channel, reason });
  }
  const resolution = work.find('contract', 'resolution');
  if (!resolution || resolution.status === 'fulfilled' || resolution.status === 'stopped')
    work.start({
      clock: 'contract',
      metric: 'resolution',
      at: activity.at,
      brandId: activity.brandId,
      channel,
      reason,
    });
}

function onBrandAnswered(work: ClockWork, activity: BrandAnswered): void {
  const who =
    activity.via === 'vigie' ? 'an agent replied through Vigie' : 'the brand replied directly on the channel';
  for (const metric of responseMetrics)
    for (const kind of ['customer', 'contract'] as const) {
      const clock = work.find(kind, metric);
      // An answer older than the wait (a backfill delivered out of order) does not end it.
      if (!clock || clock.startedAt > activity.at) continue;
      work.fulfil(clock, { at: activity.at, userId: activity.userId, reason: `fulfilled: ${who}` });
    }
}

function onStatusChanged(work: ClockWork, activity: StatusChanged): void {
  const { at } = activity;
  const status = activity.state.status;
  for (const clock of work.all()) {
    const isResponse = clock.metric !== 'resolution';
    switch (status) {
      case 'pending':
        work.pause(clock, at, 'paused: pending on the customer');
        break;
      case 'snoozed':
        if (isResponse) work.stop(clock, at, 'stopped: snoozed');
        else work.pause(clock, at, 'paused: snoozed');
        break;
      case 'resolved':
        if (isResponse) work.stop(clock, at, 'stopped: resolved without a reply');
        else work.fulfil(clock, { at, userId: activity.userId, reason: 'fulfilled: resolved' });
        break;
      case 'open':
        work.resume(clock, at, `resumed: back to open from ${activity.from.status}`);
        break;
      default:
        assertNever(status);
    }
  }
}
