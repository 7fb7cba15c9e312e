import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RoutingPriority } from '@vigie/contracts';
import type { ConversationState, MessageKind } from '@vigie/inbox-core';
import type { TriageResult } from '@vigie/triage-core';

/** How an inbound message met its thread (docs/adr/0010-threads-and-reopening.md). */
export type ThreadAction = 'created' | 'joined' | 'reopened' | 'created_linked';

/**
 * Something that happened to a conversation, handed to every participant inside the transaction that made it
 * happen. Other domains (SLA clocks, routing, volume counters) keep their own tables in step with the inbox
 * this way: they commit with the message, or roll back with it, so a crash between the two loses nothing.
 */
export type ConversationActivity =
  | {
      kind: 'customer_wrote';
      conversationId: string;
      brandId: string;
      channelAccountId: string;
      contactId: string;
      messageId: string;
      messageKind: MessageKind;
      /** The author's handle on the channel (without `@`), when the channel has one. */
      authorHandle: string | null;
      language: string | null;
      text: string;
      at: Date;
      thread: ThreadAction;
      state: ConversationState;
      /** Whether the post needs an answer, and why: SLA clocks and routing start only when it does. */
      triage: TriageResult;
    }
  | {
      kind: 'brand_answered';
      conversationId: string;
      brandId: string;
      channelAccountId: string;
      messageId: string;
      /** `channel`: posted directly on X and ingested; `vigie`: an agent's reply through the outbox. */
      via: 'channel' | 'vigie';
      /** The agent who answered through Vigie; null when posted on the channel. */
      userId: string | null;
      at: Date;
      state: ConversationState;
    }
  | {
      kind: 'status_changed';
      conversationId: string;
      brandId: string;
      channelAccountId: string;
      from: ConversationState;
      state: ConversationState;
      /** Until when a snoozed conversation sleeps. */
      snoozedUntil: Date | null;
      userId: string | null;
      at: Date;
    }
  | {
      /**
       * The conversation's priority band changed: set by a person (`POST /api/conversations/:id/priority`, which
       * routing stores on its row), or by routing itself (the CRM facts, an SLA escalation). SLA re-chooses the
       * policy (docs/adr/0107-sla-policy-re-evaluation.md).
       */
      kind: 'priority_changed';
      conversationId: string;
      brandId: string;
      priority: RoutingPriority;
      /** The band before, when whoever changed it knows (routing does; a person's request does not). */
      previousPriority: RoutingPriority | null;
      /** Why, in words ("set to urgent by hand", "SLA first response breached (raised)"). */
      reason: string;
      userId: string | null;
      at: Date;
    }
  | {
      /** An agent replaced the conversation's tags (SLA policies may be chosen by tag). */
      kind: 'tags_changed';
      conversationId: string;
      brandId: string;
      channelAccountId: string;
      from: string[];
      tags: string[];
      userId: string | null;
      at: Date;
    };

/** A domain that keeps state in step with conversations. Must only write through `manager`. */
export interface ConversationParticipant {
  readonly name: string;
  onActivity(manager: EntityManager, activities: readonly ConversationActivity[]): Promise<void>;
}

/**
 * The registry of participants. Domains that the inbox must not import (it sits below them in the graph)
 * register here from their module's `onModuleInit`; the inbox calls them, in registration order, within
 * its own transactions. A participant that throws rolls the whole transaction back, and the caller retries
 * (ingestion) or answers an error (agent actions): nothing is half-recorded.
 */
@Injectable()
export class ConversationParticipants {
  private readonly logger = new Logger('ConversationParticipants');
  private readonly participants: ConversationParticipant[] = [];

  register(participant: ConversationParticipant): void {
    if (this.participants.some((existing) => existing.name === participant.name))
      throw new Error(`A conversation participant named ${participant.name} is already registered.`);
    this.participants.push(participant);
    this.logger.log(`Conversation participant registered: ${participant.name}`);
  }

  async notify(manager: EntityManager, activities: readonly ConversationActivity[]): Promise<void> {
    if (activities.length === 0) return;
    for (const participant of this.participants) await participant.onActivity(manager, activities);
  }
}
