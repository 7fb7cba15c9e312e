import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ConversationActivity, type ConversationParticipant } from '@vigie/inbox-server';
import { assertNever } from '@vigie/kernel';
import type { SlaMetric, SlaPause, SlaSubject, SlaThreshold } from '@vigie/sla-core';
import { OutOfHoursResponder } from '../out-of-hours/out-of-hours.responder';
import { SlaPolicyCatalog } from '../policies/sla-policy.catalog';
import {
  type ConversationFacts,
  SlaPolicyRepository,
  type StoredPolicy,
} from '../policies/sla-policy.repository';
import { ClockWork, type ClockSubject } from './clock-work';
import { type NewSlaEvent, SlaClockRepository, type StoredClock } from './sla-clock.repository';
import { SlaUpdatePublisher } from './sla-update.publisher';

type CustomerWrote = Extract<ConversationActivity, { kind: 'customer_wrote' }>;
type BrandAnswered = Extract<ConversationActivity, { kind: 'brand_answered' }>;
type StatusChanged = Extract<ConversationActivity, { kind: 'status_changed' }>;
type PriorityChanged = Extract<ConversationActivity, { kind: 'priority_changed' }>;
type TagsChanged = Extract<ConversationActivity, { kind: 'tags_changed' }>;

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

  /**
   * Set-based per batch: the clocks of every conversation of the batch are read (and locked) at once, with the
   * facts, answered periods and automatic answers the batch needs; the activities are then applied in order in
   * memory — each on the state the previous ones left, as if recorded one by one — and written with a fixed
   * number of multi-row statements. A clock changed twice keeps its last state, its last due events and a generation per
   * activity, exactly as one-by-one recording would.
   */
  async onActivity(manager: EntityManager, activities: readonly ConversationActivity[]): Promise<void> {
    const batch = await this.load(manager, activities);
    for (const activity of activities) {
      const work = await this.apply(manager, batch, activity);
      if (work) record(batch, work);
    }
    const changed = [...batch.changed.values()];
    await this.clocks.save(
      manager,
      changed.map((entry) => entry.clock),
    );
    await this.clocks.reschedule(manager, changed);
    await this.clocks.appendEvents(manager, batch.events);
    for (const conversationId of batch.changedConversations)
      this.updates.markChanged(manager, conversationId);
  }

  private async load(manager: EntityManager, activities: readonly ConversationActivity[]): Promise<Batch> {
    const conversationIds = [...new Set(activities.map((activity) => activity.conversationId))];
    const wroteIds = [
      ...new Set(
        activities.flatMap((activity) =>
          activity.kind === 'customer_wrote' ? [activity.conversationId] : [],
        ),
      ),
    ];
    // Conversations whose policy may be chosen (again): a customer wrote, the priority or the tags changed.
    const factIds = [
      ...new Set(
        activities.flatMap((activity) =>
          activity.kind === 'customer_wrote' ||
          activity.kind === 'priority_changed' ||
          activity.kind === 'tags_changed'
            ? [activity.conversationId]
            : [],
        ),
      ),
    ];
    const answers = activities.flatMap((activity) =>
      activity.kind === 'brand_answered' && !isVigieAutomation(activity)
        ? [{ conversationId: activity.conversationId, messageId: activity.messageId }]
        : [],
    );
    const clocks = new Map<string, StoredClock[]>();
    for (const clock of await this.clocks.findManyForUpdate(manager, conversationIds))
      clocks.set(clock.conversationId, [...(clocks.get(clock.conversationId) ?? []), clock]);
    return {
      clocks,
      facts: await this.policies.conversationFactsOf(manager, factIds),
      periodKeys: await this.outOfHours.periodKeysOf(manager, wroteIds),
      autoAnswerMessageIds: await this.outOfHours.autoAnswerMessageIds(manager, answers),
      autoAnsweredConversationIds: new Set(),
      brandPolicies: new Map(),
      changed: new Map(),
      events: [],
      changedConversations: new Set(),
    };
  }

  private async apply(
    manager: EntityManager,
    batch: Batch,
    activity: ConversationActivity,
  ): Promise<ClockWork | null> {
    const existing = batch.clocks.get(activity.conversationId) ?? [];
    switch (activity.kind) {
      case 'customer_wrote':
        return this.onCustomerWrote(manager, { batch, activity, existing });
      case 'brand_answered': {
        if (existing.length === 0 || (await this.isAutomation(manager, batch, activity))) return null;
        const work = new ClockWork(
          activity.conversationId,
          await this.catalog.byId(manager, currentPolicyId(existing)),
          existing,
          subjectStamp(existing),
        );
        onBrandAnswered(work, activity);
        return work;
      }
      case 'status_changed': {
        if (existing.length === 0) return null;
        const work = new ClockWork(
          activity.conversationId,
          await this.catalog.byId(manager, currentPolicyId(existing)),
          existing,
          subjectStamp(existing),
        );
        onStatusChanged(work, activity);
        return work;
      }
      case 'priority_changed':
      case 'tags_changed':
        return this.onSubjectChanged(manager, { batch, activity, existing });
      default:
        return assertNever(activity);
    }
  }

  /**
   * The priority or the tags changed: the policy is chosen again with the conversation's facts (the activity's
   * own value wins over what was read up front) and, when another one wins, the live clocks are re-applied
   * under it from their start (docs/adr/0107-sla-policy-re-evaluation.md).
   */
  private async onSubjectChanged(
    manager: EntityManager,
    params: { batch: Batch; activity: PriorityChanged | TagsChanged; existing: StoredClock[] },
  ): Promise<ClockWork | null> {
    const { batch, activity, existing } = params;
    const facts = batch.facts.get(activity.conversationId);
    if (!facts || !existing.some(isLive)) return null;
    const stamp = subjectStamp(existing);
    const current = { ...facts };
    let reason: string;
    if (activity.kind === 'priority_changed') {
      current.priority = activity.priority;
      const from = activity.previousPriority ?? stamp.priority;
      if (from === activity.priority) return null;
      reason = `the priority changed from ${from ?? 'none'} to ${activity.priority} (${activity.reason})`;
    } else {
      current.tags = activity.tags;
      reason = `the tags changed from [${activity.from.join(', ')}] to [${activity.tags.join(', ')}]`;
    }
    batch.facts.set(activity.conversationId, current);
    return this.choosePolicyAgain(manager, {
      batch,
      conversationId: activity.conversationId,
      brandId: activity.brandId,
      existing,
      facts: current,
      at: activity.at,
      reason,
    });
  }

  /**
   * Chooses the conversation's policy again from its facts, with the intent its policy was first chosen for. The
   * same policy: the live clocks only remember the new band. Another: they are re-applied under it from their
   * start (an `applied` event each, with the reason), ended clocks keep their verdict.
   */
  private async choosePolicyAgain(
    manager: EntityManager,
    params: {
      batch: Batch;
      conversationId: string;
      brandId: string;
      existing: StoredClock[];
      facts: ConversationFacts;
      at: Date;
      reason: string;
      /** The intent to keep when the clocks have none (started before intents were kept). */
      intent?: string;
    },
  ): Promise<ClockWork> {
    const { batch, existing } = params;
    const stamp = subjectStamp(existing);
    // No band (routing no longer queues nor holds it, e.g. answered): the last band known still stands.
    const facts = { ...params.facts, priority: params.facts.priority ?? stamp.priority };
    const intent = stamp.intent ?? params.intent ?? null;
    const previous = await this.catalog.byId(manager, currentPolicyId(existing));
    const chosen = this.catalog.choose(
      await this.brandPolicies(manager, batch, params.brandId),
      subjectOf(facts, intent),
    );
    const subject = { intent, priority: facts.priority };
    const live = existing.filter(isLive);
    if (chosen.id === previous.id || live.length === 0) {
      // Ended clocks keep their policy; clocks started next take the chosen one.
      const work = new ClockWork(params.conversationId, chosen, existing, subject);
      for (const clock of live) work.restamp(clock);
      return work;
    }
    const work = new ClockWork(params.conversationId, chosen, existing, subject);
    const since = new Date(Math.min(...live.map((clock) => clock.startedAt.getTime())));
    // The log so far, with what this batch logged before this activity (written at the end of the batch).
    const log = [
      ...(await this.clocks.findPauseEvents(manager, { conversationId: params.conversationId, since })),
      ...batch.events.filter((event) => event.conversationId === params.conversationId),
    ];
    for (const clock of live)
      work.reapply(clock, {
        at: params.at,
        // Only this clock's own pauses: an earlier cycle of the metric may have ended while paused.
        pauses: pausesFromLog(
          log.filter(
            (event) =>
              event.clock === clock.clock && event.metric === clock.metric && event.at >= clock.startedAt,
          ),
        ),
        previous,
        reason: params.reason,
      });
    return work;
  }

  private async onCustomerWrote(
    manager: EntityManager,
    params: { batch: Batch; activity: CustomerWrote; existing: StoredClock[] },
  ): Promise<ClockWork | null> {
    const { batch, activity, existing } = params;
    const facts = batch.facts.get(activity.conversationId);
    if (!facts) return null;
    let work: ClockWork;
    if (existing.length === 0) {
      const policy = this.catalog.choose(
        await this.brandPolicies(manager, batch, activity.brandId),
        subjectOf(facts, activity.triage.intent),
      );
      work = new ClockWork(activity.conversationId, policy, existing, {
        intent: activity.triage.intent,
        priority: facts.priority,
      });
    } else {
      const stamp = subjectStamp(existing);
      // Routing may have raised the band for this very message (its participant runs first): choose again. No
      // band at all (routing does not hold it) is no change.
      work =
        facts.priority === null || stamp.priority === facts.priority
          ? new ClockWork(
              activity.conversationId,
              await this.catalog.byId(manager, currentPolicyId(existing)),
              existing,
              { intent: stamp.intent ?? activity.triage.intent, priority: facts.priority },
            )
          : await this.choosePolicyAgain(manager, {
              batch,
              conversationId: activity.conversationId,
              brandId: activity.brandId,
              existing,
              facts,
              at: activity.at,
              reason: `the priority changed from ${stamp.priority ?? 'none'} to ${facts.priority} as the customer wrote`,
              intent: activity.triage.intent,
            });
    }
    const policy = work.policy;
    // The customer writing wakes a pending conversation: whatever was paused counts again.
    if (activity.state.status === 'open')
      for (const clock of work.all()) work.resume(clock, activity.at, 'resumed: the customer wrote again');
    if (!activity.triage.needsReply) return work;
    startResponseClocks(work, activity, facts.channel);
    const answeredPeriodKeys = batch.periodKeys.get(activity.conversationId) ?? [];
    const periodKey = await this.outOfHours.onCustomerWrote(manager, {
      activity,
      policy,
      brandLanguage: facts.brandLanguage,
      work,
      answeredPeriodKeys,
    });
    if (periodKey) {
      batch.periodKeys.set(activity.conversationId, [...answeredPeriodKeys, periodKey]);
      batch.autoAnsweredConversationIds.add(activity.conversationId);
    }
    return work;
  }

  /** A brand's policies, read once per batch. */
  private async brandPolicies(
    manager: EntityManager,
    batch: Batch,
    brandId: string,
  ): Promise<StoredPolicy[]> {
    const cached = batch.brandPolicies.get(brandId);
    if (cached) return cached;
    const policies = await this.policies.listByBrand(manager, brandId);
    batch.brandPolicies.set(brandId, policies);
    return policies;
  }

  /** Vigie's own automatic answers (the out-of-hours one) are not responses. */
  private async isAutomation(
    manager: EntityManager,
    batch: Batch,
    activity: BrandAnswered,
  ): Promise<boolean> {
    if (isVigieAutomation(activity)) return true;
    // An answer queued earlier in this batch is not in the set read up front: ask again for that conversation.
    if (batch.autoAnsweredConversationIds.has(activity.conversationId))
      return this.outOfHours.isAutoAnswer(manager, {
        conversationId: activity.conversationId,
        messageId: activity.messageId,
      });
    return batch.autoAnswerMessageIds.has(activity.messageId);
  }
}

/** What one batch read up front, and what its activities changed so far (written once at the end). */
type Batch = {
  /** Each conversation's current clocks, in the order the database gives them (clock, metric). */
  clocks: Map<string, StoredClock[]>;
  facts: Map<string, ConversationFacts>;
  periodKeys: Map<string, string[]>;
  autoAnswerMessageIds: Set<string>;
  autoAnsweredConversationIds: Set<string>;
  brandPolicies: Map<string, StoredPolicy[]>;
  /** The last state and due times of every clock changed, by conversation, clock and metric. */
  changed: Map<string, { clock: StoredClock; thresholds: SlaThreshold[] }>;
  events: NewSlaEvent[];
  changedConversations: Set<string>;
};

function isLive(clock: StoredClock): boolean {
  return clock.status === 'running' || clock.status === 'paused';
}

/** The policy in force: that of the live clocks (re-applied together), else of the latest clock started. */
function currentPolicyId(existing: readonly StoredClock[]): string | null {
  const live = existing.find(isLive);
  if (live) return live.policyId;
  const latest = [...existing].sort((left, right) => right.startedAt.getTime() - left.startedAt.getTime())[0];
  return latest?.policyId ?? null;
}

/** What the policy in force was chosen with (live clocks first), carried to the clocks changed next. */
function subjectStamp(existing: readonly StoredClock[]): ClockSubject {
  const ordered = [
    ...existing.filter(isLive),
    ...[...existing].sort((left, right) => right.startedAt.getTime() - left.startedAt.getTime()),
  ];
  const first = ordered[0];
  return {
    intent: ordered.find((clock) => clock.intent !== null)?.intent ?? null,
    priority: first ? first.priority : null,
  };
}

function subjectOf(facts: ConversationFacts, intent: string | null): SlaSubject {
  return {
    channel: facts.channel,
    conversationKind: facts.kind,
    intent,
    priority: facts.priority,
    tags: facts.tags,
    contactTier: facts.contactTier,
  };
}

/** One clock's pauses from its `paused` and `resumed` events, in log order (a `paused` opens, a `resumed` closes). */
function pausesFromLog(events: readonly { kind: string; at: Date }[]): SlaPause[] {
  const pauses: SlaPause[] = [];
  for (const event of events) {
    const open = pauses.find((pause) => pause.to === null);
    if (event.kind === 'paused' && !open) pauses.push({ from: event.at, to: null });
    else if (event.kind === 'resumed' && open) open.to = event.at;
  }
  return pauses;
}

function isVigieAutomation(activity: BrandAnswered): boolean {
  return activity.via === 'vigie' && activity.userId === null;
}

/** Folds one activity's changes into the batch: the next activity of the conversation starts from them. */
function record(batch: Batch, work: ClockWork): void {
  const changed = work.changed();
  for (const clock of changed)
    batch.changed.set(`${clock.conversationId}:${clock.clock}:${clock.metric}`, {
      clock,
      thresholds: work.thresholds(clock),
    });
  if (changed.length > 0) batch.clocks.set(work.conversationId, work.all().sort(byClockAndMetric));
  batch.events.push(...work.events);
  if (changed.length > 0 || work.events.length > 0) batch.changedConversations.add(work.conversationId);
}

function byClockAndMetric(left: StoredClock, right: StoredClock): number {
  if (left.clock !== right.clock) return left.clock < right.clock ? -1 : 1;
  if (left.metric !== right.metric) return left.metric < right.metric ? -1 : 1;
  return 0;
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
