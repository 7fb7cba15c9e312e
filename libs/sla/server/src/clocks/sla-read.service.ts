import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConversationSla, SlaClockView, SlaDueStep } from '@vigie/contracts';
import type { DueStep } from '@vigie/sla-core';
import { DomainError } from '@vigie/kernel';
import { type ResolvedPolicy, SlaPolicyCatalog } from '../policies/sla-policy.catalog';
import { SlaPolicyRepository } from '../policies/sla-policy.repository';
import { explainClockDue } from './clock-work';
import { SlaClockRepository, type StoredClock } from './sla-clock.repository';

export function toClockView(clock: StoredClock, policy: ResolvedPolicy): SlaClockView {
  const explanation = explainClockDue(clock, policy);
  return {
    clock: clock.clock,
    metric: clock.metric,
    status: clock.status,
    hours: clock.hours,
    targetMinutes: clock.targetMs / 60_000,
    startedAt: clock.startedAt.toISOString(),
    dueAt:
      clock.status === 'running' || clock.status === 'fulfilled'
        ? (clock.dueAt?.toISOString() ?? null)
        : null,
    breachedAt: clock.breachedAt?.toISOString() ?? null,
    fulfilledAt: clock.fulfilledAt?.toISOString() ?? null,
    countedMs: clock.elapsedMs ?? clock.consumedMs,
    explanation: explanation?.summary ?? null,
    explanationSteps: explanation?.parts.map(toDueStepView) ?? null,
  };
}

function toDueStepView(step: DueStep): SlaDueStep {
  switch (step.kind) {
    case 'started':
    case 'opens':
      return { ...step, at: step.at.toISOString() };
    default:
      return step;
  }
}

/** The console's view of a conversation's clocks and event log. */
@Injectable()
export class SlaReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clocks: SlaClockRepository,
    private readonly catalog: SlaPolicyCatalog,
    private readonly policies: SlaPolicyRepository,
  ) {}

  /** The clocks of several conversations in one query (what `sla.updated` carries). */
  async clockViewsOf(conversationIds: string[]): Promise<Map<string, SlaClockView[]>> {
    const clocks = await this.clocks.findByConversations(this.dataSource.manager, conversationIds);
    const policies = new Map<string | null, ResolvedPolicy>();
    const views = new Map<string, SlaClockView[]>(conversationIds.map((id) => [id, []]));
    for (const clock of clocks) {
      let policy = policies.get(clock.policyId);
      if (!policy) {
        policy = await this.catalog.byId(null, clock.policyId);
        policies.set(clock.policyId, policy);
      }
      views.get(clock.conversationId)?.push(toClockView(clock, policy));
    }
    return views;
  }

  async conversationSla(conversationId: string): Promise<ConversationSla> {
    if (!(await this.policies.conversationBrand(conversationId)))
      throw new DomainError({ code: 'not_found', message: `No conversation ${conversationId}.` });
    const manager = this.dataSource.manager;
    const [clocks, events] = await Promise.all([
      this.clocks.findByConversation(manager, conversationId),
      this.clocks.findEvents(manager, conversationId),
    ]);
    // The policy in force is the live clocks' (a re-evaluation moves them together); ended clocks keep theirs.
    const current =
      clocks.find((clock) => clock.status === 'running' || clock.status === 'paused') ??
      [...clocks].sort((left, right) => right.startedAt.getTime() - left.startedAt.getTime())[0];
    const policy = await this.catalog.byId(null, current?.policyId ?? null);
    const views: SlaClockView[] = [];
    for (const clock of clocks)
      views.push(
        toClockView(
          clock,
          clock.policyId === policy.id ? policy : await this.catalog.byId(null, clock.policyId),
        ),
      );
    return {
      conversationId,
      policyName: clocks.length > 0 ? policy.name : 'none (no message needing a reply yet)',
      timezone: policy.spec.calendar.timezone,
      clocks: views,
      events: events.map((event) => ({
        id: event.id,
        clock: event.clock,
        metric: event.metric,
        kind: event.kind,
        at: event.at.toISOString(),
        dueAt: event.due_at?.toISOString() ?? null,
        detail: event.detail,
      })),
    };
  }
}
