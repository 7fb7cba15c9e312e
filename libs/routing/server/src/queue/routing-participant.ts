import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConversationActivity, ConversationParticipant } from '@vigie/inbox-server';
import { provisionalDueMs, routingPriority } from './routing-priority';
import { RoutingRepository } from './routing.repository';

export type ParticipantOutcome = { isDrainUseful: boolean };

function dueAtOf(waitingSince: Date | null): Date | null {
  return waitingSince ? new Date(waitingSince.getTime() + provisionalDueMs) : null;
}

/**
 * Keeps the routing table in step with conversations, inside the transaction that recorded each activity: a
 * customer post that needs a reply enqueues the conversation (or keeps it where it is), an answer records the
 * customer's last agent and stops the wait, a resolution takes the conversation off the queue or frees its
 * agent's room. The drain runs after commit (`DrainAfterCommit`).
 */
@Injectable()
export class RoutingParticipant implements ConversationParticipant {
  readonly name = 'routing';
  private onChange: (manager: EntityManager) => void = () => undefined;

  constructor(private readonly routing: RoutingRepository) {}

  /** Told, with the transaction's manager, when a change may let the drain assign something. */
  listen(onChange: (manager: EntityManager) => void): void {
    this.onChange = onChange;
  }

  async onActivity(manager: EntityManager, activities: readonly ConversationActivity[]): Promise<void> {
    let isDrainUseful = false;
    // Resolutions free agents' room: lock those agents first and in id order, the order the drain uses, so a
    // batch of resolutions and a drain never wait for each other in a cycle.
    const resolvedIds = activities.flatMap((activity) =>
      activity.kind === 'status_changed' && activity.state.status === 'resolved'
        ? [activity.conversationId]
        : [],
    );
    if (resolvedIds.length > 0) {
      const rows = await this.routing.lockRoutings(manager, resolvedIds);
      const holders = rows.flatMap((row) => (row.assigneeId ? [row.assigneeId] : []));
      if (holders.length > 0) await this.routing.lockAgents(manager, [...new Set(holders)]);
    }
    // Customer posts are the bulk of a recorded batch: their queue rows are written together, one statement
    // for the enqueued and one for the waits that only move. An activity of a conversation already in the
    // pending set writes the set first, so each conversation still sees its activities in order.
    const influences = await this.routing.contactInfluences(manager, [
      ...new Set(activities.flatMap((activity) => (isEnqueuing(activity) ? [activity.contactId] : []))),
    ]);
    const pending = new PendingQueueWrites();
    for (const activity of activities) {
      if (pending.has(activity.conversationId)) await pending.flush(manager, this.routing);
      if (activity.kind === 'customer_wrote') {
        if (pending.add(activity, influences)) isDrainUseful = true;
        continue;
      }
      if ((await this.apply(manager, activity)).isDrainUseful) isDrainUseful = true;
    }
    await pending.flush(manager, this.routing);
    if (isDrainUseful) this.onChange(manager);
  }

  private async apply(manager: EntityManager, activity: ConversationActivity): Promise<ParticipantOutcome> {
    switch (activity.kind) {
      case 'brand_answered': {
        const row = await this.routing.findRouting(manager, activity.conversationId);
        if (!row) return { isDrainUseful: false };
        if (activity.userId) {
          await this.routing.recordAnswer(manager, {
            contactId: row.contactId,
            agentId: activity.userId,
            at: activity.at,
          });
          await this.routing.touchAgent(manager, { userId: activity.userId, at: activity.at });
        }
        const waitingSince = activity.state.waitingSince;
        // Nobody waits any more and nobody holds it: it leaves the queue (the answer came from the channel).
        if (waitingSince === null && row.assigneeId === null) {
          await this.routing.deleteRouting(manager, activity.conversationId);
          return { isDrainUseful: false };
        }
        await this.routing.setWaiting(manager, [
          { conversationId: activity.conversationId, waitingSince, dueAt: dueAtOf(waitingSince) },
        ]);
        return { isDrainUseful: false };
      }
      case 'status_changed': {
        // Acting on a conversation is activity: it keeps the agent from being marked away.
        if (activity.userId)
          await this.routing.touchAgent(manager, { userId: activity.userId, at: activity.at });
        if (activity.state.status !== 'resolved') return { isDrainUseful: false };
        const [row] = await this.routing.lockRoutings(manager, [activity.conversationId]);
        if (!row) return { isDrainUseful: false };
        await this.routing.deleteRouting(manager, activity.conversationId);
        if (row.assigneeId) {
          await this.routing.addOpenCount(manager, row.assigneeId, -1);
          await this.routing.insertLog(manager, [
            {
              conversationId: row.conversationId,
              action: 'unassigned',
              agentId: null,
              previousAgentId: row.assigneeId,
              teamId: row.teamId,
              reason: 'resolved',
              explanation: 'Resolved: the conversation left its agent, whose room is free again.',
              actorUserId: activity.userId,
              at: activity.at,
            },
          ]);
        }
        return { isDrainUseful: row.assigneeId !== null };
      }
      default:
        return { isDrainUseful: false };
    }
  }
}

type CustomerWrote = Extract<ConversationActivity, { kind: 'customer_wrote' }>;
type Influence = { followers: number; isVerified: boolean };

/** A customer post that needs a reply puts (or keeps) its conversation in the queue. */
function isEnqueuing(activity: ConversationActivity): activity is CustomerWrote {
  return (
    activity.kind === 'customer_wrote' && activity.triage.needsReply && activity.state.waitingSince !== null
  );
}

/** Queue writes of customer posts, at most one per conversation, written together. */
class PendingQueueWrites {
  private readonly enqueued: Parameters<RoutingRepository['upsertWaiting']>[1] = [];
  private readonly waits: Parameters<RoutingRepository['setWaiting']>[1] = [];
  private readonly conversationIds = new Set<string>();

  has(conversationId: string): boolean {
    return this.conversationIds.has(conversationId);
  }

  /** Adds a customer post's write; true when it enqueued (the drain may assign it). */
  add(activity: CustomerWrote, influences: ReadonlyMap<string, Influence>): boolean {
    this.conversationIds.add(activity.conversationId);
    const waitingSince = activity.state.waitingSince;
    if (!isEnqueuing(activity) || waitingSince === null) {
      // A "thanks" or a retweet changes nobody's queue place; it only keeps the wait start in step (of a
      // conversation already routed: the update leaves the others alone).
      this.waits.push({
        conversationId: activity.conversationId,
        waitingSince,
        dueAt: dueAtOf(waitingSince),
      });
      return false;
    }
    const influence = influences.get(activity.contactId) ?? { followers: 0, isVerified: false };
    const signals = {
      intent: activity.triage.intent,
      sentiment: activity.triage.sentiment,
      urgencyWords: [...activity.triage.urgencyWords],
      followers: influence.followers,
      isVerified: influence.isVerified,
      at: activity.at.toISOString(),
    };
    const dueAt = dueAtOf(waitingSince);
    const priority = routingPriority({ signals, facts: null, dueAt });
    const triageLanguage = activity.triage.language === 'other' ? null : activity.triage.language;
    this.enqueued.push({
      conversationId: activity.conversationId,
      brandId: activity.brandId,
      contactId: activity.contactId,
      language: triageLanguage ?? activity.language,
      requiredSkills: [],
      priority: priority.priority,
      score: priority.score,
      priorityReasons: priority.reasons,
      prioritySignals: signals,
      waitingSince,
      dueAt,
      queuedAt: activity.at,
    });
    return true;
  }

  async flush(manager: EntityManager, routing: RoutingRepository): Promise<void> {
    await routing.upsertWaiting(manager, this.enqueued.splice(0));
    await routing.setWaiting(manager, this.waits.splice(0));
    this.conversationIds.clear();
  }
}
