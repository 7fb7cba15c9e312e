import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConversationActivity, ConversationParticipant } from '@vigie/inbox-server';
import { DomainError } from '@vigie/kernel';
import { mergeRoutingFacts, requiredSkillsFor, type RoutingFacts } from '@vigie/routing-core';
import {
  type ConversationShape,
  RoutingSettingsRepository,
  type SkillPolicies,
  skillPolicyFor,
} from '../settings/routing-settings.repository';
import { provisionalDueAt, routingPriority } from './routing-priority';
import { RoutingRepository } from './routing.repository';
import { SlaEscalationRepository } from './sla-escalation.repository';

export type ParticipantOutcome = { isDrainUseful: boolean };

const dueAtOf = provisionalDueAt;

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

  constructor(
    private readonly routing: RoutingRepository,
    private readonly priorities: SlaEscalationRepository = new SlaEscalationRepository(),
    private readonly settings: RoutingSettingsRepository = new RoutingSettingsRepository(),
  ) {}

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
    const enqueuing = activities.filter(isEnqueuing);
    const influences = await this.routing.contactInfluences(manager, [
      ...new Set(enqueuing.map((activity) => activity.contactId)),
    ]);
    const skills = await SkillFacts.read(manager, {
      routing: this.routing,
      settings: this.settings,
      enqueuing,
    });
    const pending = new PendingQueueWrites(skills);
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
      case 'priority_changed': {
        // A person's band (the inbox's priority action), or routing's own change announced back: stored once.
        const previous = await this.priorities.setPriority(manager, {
          conversationId: activity.conversationId,
          priority: activity.priority,
          reason: activity.reason,
        });
        if (previous === null)
          throw new DomainError({
            code: 'conflict',
            message:
              'This conversation is neither queued nor held by an agent: routing gives it a priority when the customer writes.',
            details: { reason: 'not_routed' },
          });
        if (activity.userId)
          await this.routing.touchAgent(manager, { userId: activity.userId, at: activity.at });
        return { isDrainUseful: previous !== activity.priority };
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

/**
 * The skill rules' view of a batch's enqueued conversations (docs/adr/0209): each conversation's channel, kind and
 * tags, the facts it was routed with so far and its team, and the brand and team policies, read once per batch.
 * Facts merged for a post are kept, so a second post of the same conversation in the batch builds on the first.
 */
class SkillFacts {
  private constructor(
    private readonly shapes: ReadonlyMap<string, ConversationShape>,
    private readonly routed: Map<string, { teamId: string | null; routingFacts: RoutingFacts | null }>,
    private readonly policies: SkillPolicies,
  ) {}

  static async read(
    manager: EntityManager,
    params: { routing: RoutingRepository; settings: RoutingSettingsRepository; enqueuing: CustomerWrote[] },
  ): Promise<SkillFacts> {
    const conversationIds = [...new Set(params.enqueuing.map((activity) => activity.conversationId))];
    if (conversationIds.length === 0) return new SkillFacts(new Map(), new Map(), emptyPolicies);
    const shapes = await params.settings.conversationShapes(manager, conversationIds);
    const routed = await params.routing.routedFacts(manager, conversationIds);
    const teamIds = [...new Set([...routed.values()].flatMap((row) => (row.teamId ? [row.teamId] : [])))];
    const policies = await params.settings.skillPolicies(manager, {
      brandIds: [...new Set(params.enqueuing.map((activity) => activity.brandId))],
      teamIds,
    });
    return new SkillFacts(shapes, routed, policies);
  }

  /** The facts after this post, and the skills the policy of the conversation's queue requires for them. */
  apply(activity: CustomerWrote, language: string | null): { facts: RoutingFacts; skills: string[] } {
    const shape = this.shapes.get(activity.conversationId);
    const previous = this.routed.get(activity.conversationId);
    const facts = mergeRoutingFacts(previous?.routingFacts ?? null, {
      intents: [activity.triage.intent],
      language,
      tags: shape?.tags ?? [],
      channel: shape?.channel ?? 'x',
      conversationKind:
        shape?.conversationKind ??
        (activity.messageKind === 'direct_message' ? 'direct_message' : 'public_thread'),
    });
    const teamId = previous?.teamId ?? null;
    this.routed.set(activity.conversationId, { teamId, routingFacts: facts });
    const policy = skillPolicyFor(this.policies, { brandId: activity.brandId, teamId });
    return { facts, skills: requiredSkillsFor({ rules: policy.rules, facts }).skills };
  }
}

const emptyPolicies: SkillPolicies = { brands: new Map(), teams: new Map() };

/** Queue writes of customer posts, at most one per conversation, written together. */
class PendingQueueWrites {
  private readonly enqueued: Parameters<RoutingRepository['upsertWaiting']>[1] = [];
  private readonly waits: Parameters<RoutingRepository['setWaiting']>[1] = [];
  private readonly conversationIds = new Set<string>();

  constructor(private readonly skills: SkillFacts) {}

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
    const language = triageLanguage ?? activity.language;
    const { facts, skills } = this.skills.apply(activity, language);
    this.enqueued.push({
      conversationId: activity.conversationId,
      brandId: activity.brandId,
      contactId: activity.contactId,
      language,
      requiredSkills: skills,
      routingFacts: facts,
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
