import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  ConversationActionState,
  ConversationNote,
  ConversationPriorityState,
  ConversationStatus,
  RoutingPriority,
} from '@vigie/contracts';
import { ContactsService } from '@vigie/crm-server';
import { changeStatus, isSnoozeOver, normaliseTags } from '@vigie/inbox-core';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { DomainEventBus } from '@vigie/server';
import { type ConversationActivity, ConversationParticipants } from '../activity/conversation-activity';
import { toConversationSummary, unknownContact } from '../conversations/conversation.mapper';
import { ConversationRepository } from '../conversations/conversation.repository';
import { type ActionConversation, AgentActionsRepository } from './agent-actions.repository';

function sameTags(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((tag, index) => tag === right[index]);
}

function toActionState(conversation: ActionConversation): ConversationActionState {
  return {
    conversationId: conversation.id,
    status: conversation.status,
    snoozedUntil: conversation.snoozedUntil?.toISOString() ?? null,
    waitingSince: conversation.waitingSince?.toISOString() ?? null,
    resolvedAt: conversation.resolvedAt?.toISOString() ?? null,
    tags: conversation.tags,
  };
}

/**
 * What agents do to a conversation besides answering (docs/replies.md): status changes (the state machine in
 * @vigie/inbox-core), snooze wake-ups, tags and internal notes. Status changes reach the conversation
 * participants (SLA, routing) in the same transaction; consoles hear `conversation.updated` / `note.added`
 * after commit.
 */
@Injectable()
export class AgentActionsService {
  private readonly logger = new Logger('AgentActions');

  constructor(
    private readonly dataSource: DataSource,
    private readonly actions: AgentActionsRepository,
    private readonly conversations: ConversationRepository,
    private readonly contacts: ContactsService,
    private readonly participants: ConversationParticipants,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async changeStatus(params: {
    conversationId: string;
    userId: string;
    status: ConversationStatus;
    snoozedUntil: Date | null;
  }): Promise<ConversationActionState> {
    const result = await this.dataSource.transaction(async (manager) => {
      const conversation = await this.actions.lock(manager, params.conversationId);
      if (!conversation)
        throw new DomainError({ code: 'not_found', message: `No conversation ${params.conversationId}.` });
      const now = this.clock.now();
      const change = changeStatus({
        state: conversation,
        snoozedUntil: conversation.snoozedUntil,
        to: params.status,
        requestedSnoozedUntil: params.snoozedUntil,
        now,
      });
      if (!change.isAllowed) throw new DomainError({ code: 'invalid', message: change.reason });
      if (!change.isChanged) return { conversation, isChanged: false };
      const updated = { ...conversation, ...change.state, snoozedUntil: change.snoozedUntil };
      await this.apply(manager, { before: conversation, after: updated, userId: params.userId, at: now });
      return { conversation: updated, isChanged: true };
    });
    if (result.isChanged) await this.publishUpdated([result.conversation], params.userId);
    return toActionState(result.conversation);
  }

  /**
   * Wakes snoozed conversations whose time has come (open again; the customer's wait, if any, carries on).
   * The wake-up time is a column, so a restart or another process wakes them just the same.
   */
  async wakeDueSnoozes(limit = 100): Promise<number> {
    const woken = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const due = await this.actions.lockDueSnoozes(manager, { now, limit });
      const updated: ActionConversation[] = [];
      for (const conversation of due) {
        if (!isSnoozeOver({ ...conversation, now })) continue;
        const after: ActionConversation = { ...conversation, status: 'open', snoozedUntil: null };
        await this.apply(manager, { before: conversation, after, userId: null, at: now });
        updated.push(after);
      }
      return updated;
    });
    if (woken.length > 0) {
      this.logger.log({ count: woken.length }, 'Snoozed conversations woke up');
      await this.publishUpdated(woken, null);
    }
    return woken.length;
  }

  /**
   * Replaces the tags. A change reaches the participants in the same transaction (SLA policies may be chosen by
   * tag); the same set again changes nothing.
   */
  async setTags(params: {
    conversationId: string;
    userId: string;
    tags: string[];
  }): Promise<ConversationActionState> {
    const tags = normaliseTags(params.tags);
    const result = await this.dataSource.transaction(async (manager) => {
      const conversation = await this.actions.lock(manager, params.conversationId);
      if (!conversation)
        throw new DomainError({ code: 'not_found', message: `No conversation ${params.conversationId}.` });
      if (sameTags(conversation.tags, tags)) return { conversation };
      await this.actions.saveTags(manager, { id: conversation.id, tags });
      await this.participants.notify(manager, [
        {
          kind: 'tags_changed',
          conversationId: conversation.id,
          brandId: conversation.brandId,
          channelAccountId: conversation.channelAccountId,
          from: conversation.tags,
          tags,
          userId: params.userId,
          at: this.clock.now(),
        },
      ]);
      return { conversation: { ...conversation, tags } };
    });
    await this.publishUpdated([result.conversation], params.userId);
    return toActionState(result.conversation);
  }

  /**
   * Sets the routing priority band of a conversation. The inbox does not keep priorities: routing stores the band
   * on its row (and refuses with a 409 when it neither queues nor holds the conversation), SLA re-chooses the
   * policy, both inside this transaction.
   */
  async setPriority(params: {
    conversationId: string;
    userId: string;
    priority: RoutingPriority;
  }): Promise<ConversationPriorityState> {
    await this.dataSource.transaction(async (manager) => {
      const conversation = await this.actions.lock(manager, params.conversationId);
      if (!conversation)
        throw new DomainError({ code: 'not_found', message: `No conversation ${params.conversationId}.` });
      if (conversation.status === 'resolved')
        throw new DomainError({
          code: 'conflict',
          message: 'This conversation is resolved: it has no priority until the customer writes again.',
          details: { reason: 'resolved' },
        });
      await this.participants.notify(manager, [
        {
          kind: 'priority_changed',
          conversationId: conversation.id,
          brandId: conversation.brandId,
          priority: params.priority,
          previousPriority: null,
          reason: `set to ${params.priority} by hand`,
          userId: params.userId,
          at: this.clock.now(),
        },
      ]);
    });
    this.logger.log(
      { conversationId: params.conversationId, priority: params.priority, userId: params.userId },
      'Conversation priority set',
    );
    return { conversationId: params.conversationId, priority: params.priority };
  }

  async addNote(params: { conversationId: string; userId: string; text: string }): Promise<ConversationNote> {
    await this.requireConversation(params.conversationId);
    const note = await this.actions.insertNote({
      conversationId: params.conversationId,
      authorUserId: params.userId,
      text: params.text.trim(),
      at: this.clock.now(),
    });
    this.events.publish('note.added', { note });
    return note;
  }

  async listNotes(conversationId: string): Promise<ConversationNote[]> {
    await this.requireConversation(conversationId);
    return this.actions.listNotes(conversationId);
  }

  private async requireConversation(id: string): Promise<void> {
    if (!(await this.actions.find(id)))
      throw new DomainError({ code: 'not_found', message: `No conversation ${id}.` });
  }

  private async apply(
    manager: EntityManager,
    params: { before: ActionConversation; after: ActionConversation; userId: string | null; at: Date },
  ): Promise<void> {
    const { before, after } = params;
    await this.actions.saveState(manager, after);
    const activity: ConversationActivity = {
      kind: 'status_changed',
      conversationId: after.id,
      brandId: after.brandId,
      channelAccountId: after.channelAccountId,
      from: { status: before.status, waitingSince: before.waitingSince, resolvedAt: before.resolvedAt },
      state: { status: after.status, waitingSince: after.waitingSince, resolvedAt: after.resolvedAt },
      snoozedUntil: after.snoozedUntil,
      userId: params.userId,
      at: params.at,
    };
    await this.participants.notify(manager, [activity]);
  }

  private async publishUpdated(states: ActionConversation[], byUserId: string | null): Promise<void> {
    const conversations = await this.conversations.findByIds(states.map((state) => state.id));
    const contacts = await this.contacts.summariesByIds(conversations.map((row) => row.contactId));
    const stateById = new Map(states.map((state) => [state.id, state]));
    for (const conversation of conversations) {
      const state = stateById.get(conversation.id);
      if (!state) continue;
      this.events.publish('conversation.updated', {
        conversation: toConversationSummary(
          conversation,
          contacts.get(conversation.contactId) ?? unknownContact(conversation.contactId),
        ),
        state: toActionState(state),
        byUserId,
      });
    }
  }
}
