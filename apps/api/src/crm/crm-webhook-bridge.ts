import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CrmConnectorsService, CustomerHistory, LinkProposalsService } from '@vigie/crm-server';
import { type ConversationActivity, ConversationParticipants } from '@vigie/inbox-server';
import { DomainEventBus } from '@vigie/server';
import { InboxCustomerHistory } from './inbox-customer-history';

/**
 * Wires the CRM to the inbox from the composition root (the CRM may not import the inbox):
 * - the inbox's conversations feed the customer picture, export and erasure;
 * - e-mails and phones customers give in DMs become link proposals for agents;
 * - conversation events become outbound CRM webhooks. Created and resolved are enqueued INSIDE the inbox's
 *   transaction (a participant), so a webhook exists exactly when its event committed; assigned and breached
 *   come from the routing and SLA domains' events after their commit.
 */
@Injectable()
export class CrmWebhookBridge implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ConversationParticipants,
    private readonly history: CustomerHistory,
    private readonly inboxHistory: InboxCustomerHistory,
    private readonly connectors: CrmConnectorsService,
    private readonly proposals: LinkProposalsService,
    private readonly events: DomainEventBus,
  ) {}

  onModuleInit(): void {
    this.history.register(this.inboxHistory);
    this.participants.register({
      name: 'crm-webhooks',
      onActivity: (manager, activities) => this.onActivity(manager, activities),
    });
    this.unsubscribers.push(
      this.events.subscribe('conversation.assigned', (event) =>
        this.enqueueAfterCommit({
          type: 'conversation.assigned',
          conversationId: event.conversationId,
          eventKey: `conversation.assigned:${event.conversationId}:${event.at}`,
          occurredAt: new Date(event.at),
          data: { agentId: event.agentId, teamId: event.teamId, reason: event.reason, action: event.action },
        }),
      ),
      this.events.subscribe('sla.breached', async ({ alerts }) => {
        for (const alert of alerts) {
          await this.enqueueAfterCommit({
            type: 'conversation.breached',
            conversationId: alert.conversationId,
            eventKey: `conversation.breached:${alert.conversationId}:${alert.clock}:${alert.metric}:${alert.dueAt}`,
            occurredAt: new Date(alert.at),
            data: { clock: alert.clock, metric: alert.metric, dueAt: alert.dueAt },
          });
        }
      }),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  /** Set-based per recorded batch: the webhooks of all its activities are queued with one statement. */
  private async onActivity(
    manager: EntityManager,
    activities: readonly ConversationActivity[],
  ): Promise<void> {
    const webhooks: Parameters<CrmConnectorsService['enqueue']>[1][] = [];
    const resolvedIds = activities.flatMap((activity) =>
      isResolution(activity) ? [activity.conversationId] : [],
    );
    const contactOf = new Map(
      resolvedIds.length === 0
        ? []
        : (
            (await manager.query(`SELECT id, contact_id FROM conversation WHERE id = ANY($1::uuid[])`, [
              resolvedIds,
            ])) as { id: string; contact_id: string }[]
          ).map((row) => [row.id, row.contact_id]),
    );
    for (const activity of activities) {
      // Details given privately are proposed as links; public posts are not (anyone can type any address).
      if (activity.kind === 'customer_wrote' && activity.messageKind === 'direct_message') {
        await this.proposals.proposeFromMessage(manager, {
          contactId: activity.contactId,
          text: activity.text,
          messageId: activity.messageId,
        });
      }
      if (
        activity.kind === 'customer_wrote' &&
        activity.thread !== 'joined' &&
        activity.thread !== 'reopened'
      ) {
        webhooks.push({
          type: 'conversation.created',
          eventKey: `conversation.created:${activity.conversationId}`,
          occurredAt: activity.at,
          data: {
            conversationId: activity.conversationId,
            brandId: activity.brandId,
            contactId: activity.contactId,
            channelAccountId: activity.channelAccountId,
          },
        });
      }
      if (isResolution(activity)) {
        webhooks.push({
          type: 'conversation.resolved',
          eventKey: `conversation.resolved:${activity.conversationId}:${activity.at.getTime()}`,
          occurredAt: activity.at,
          data: {
            conversationId: activity.conversationId,
            brandId: activity.brandId,
            contactId: contactOf.get(activity.conversationId) ?? null,
            resolvedByUserId: activity.userId,
          },
        });
      }
    }
    await this.connectors.enqueueMany(manager, webhooks);
  }

  private async enqueueAfterCommit(params: {
    type: 'conversation.assigned' | 'conversation.breached';
    conversationId: string;
    eventKey: string;
    occurredAt: Date;
    data: Record<string, unknown>;
  }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(`SELECT brand_id, contact_id FROM conversation WHERE id = $1`, [
        params.conversationId,
      ])) as { brand_id: string; contact_id: string }[];
      if (!row) return;
      await this.connectors.enqueue(manager, {
        type: params.type,
        eventKey: params.eventKey,
        occurredAt: params.occurredAt,
        data: {
          conversationId: params.conversationId,
          brandId: row.brand_id,
          contactId: row.contact_id,
          ...params.data,
        },
      });
    });
  }
}

function isResolution(
  activity: ConversationActivity,
): activity is Extract<ConversationActivity, { kind: 'status_changed' }> {
  return (
    activity.kind === 'status_changed' &&
    activity.state.status === 'resolved' &&
    activity.from.status !== 'resolved'
  );
}
