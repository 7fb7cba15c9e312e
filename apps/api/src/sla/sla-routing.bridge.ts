import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConversationParticipants } from '@vigie/inbox-server';
import { CLOCK, type Clock } from '@vigie/kernel';
import { AssignmentsService } from '@vigie/routing-server';
import { DomainEventBus } from '@vigie/server';
import {
  type PendingSlaEscalation,
  type SlaEscalationConsumer,
  SlaEscalationDispatcher,
} from '@vigie/sla-server';

/**
 * Wires the SLA's escalations to routing from the composition root (neither domain imports the other;
 * docs/adr/0109-durable-sla-escalations.md): routing carries out each queued escalation inside the dispatcher's
 * transaction, and a band it raises is announced to the conversation participants in that same transaction, so
 * SLA chooses its policy again (docs/adr/0107). `sla.escalated`, published after the breach commits, only nudges
 * the dispatcher: the queue is what gets the escalation carried out.
 */
@Injectable()
export class SlaRoutingBridge implements SlaEscalationConsumer, OnModuleInit, OnModuleDestroy {
  readonly name = 'routing';
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly dispatcher: SlaEscalationDispatcher,
    private readonly assignments: AssignmentsService,
    private readonly participants: ConversationParticipants,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(this);
    this.unsubscribe = this.events.subscribe('sla.escalated', () => this.dispatcher.nudge());
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async apply(
    manager: EntityManager,
    escalation: PendingSlaEscalation,
  ): Promise<{ outcome: string; afterCommit?: () => void }> {
    const result = await this.assignments.applySlaEscalation(manager, {
      conversationId: escalation.conversationId,
      action: escalation.action,
      metric: escalation.metric,
    });
    const change = result.priorityChange;
    if (change)
      await this.participants.notify(manager, [
        {
          kind: 'priority_changed',
          conversationId: escalation.conversationId,
          brandId: change.brandId,
          priority: change.to,
          previousPriority: change.from,
          reason: change.reason,
          userId: null,
          at: this.clock.now(),
        },
      ]);
    return { outcome: result.outcome, afterCommit: result.afterCommit };
  }
}
