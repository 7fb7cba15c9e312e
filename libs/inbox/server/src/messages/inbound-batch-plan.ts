import {
  applyConversationEvent,
  type ConversationEvent,
  type ConversationState,
  decideThread,
  type InboundMessage,
} from '@vigie/inbox-core';
import { type TriageResult, triagePost } from '@vigie/triage-core';
import type { ConversationActivity, ThreadAction } from '../activity/conversation-activity';
import type {
  ConversationChangeRow,
  NewConversationRow,
  ThreadConversation,
} from '../conversations/conversation.repository';

/** A message the gate let through (new), with its row id and the thread it belongs to. */
export type FreshMessage = { item: InboundMessage; messageId: string; threadRef: string; threadKey: string };

export type PlannedMessage = {
  messageId: string;
  conversationId: string;
  isConversationCreated: boolean;
  activity: ConversationActivity;
};

/** What one batch writes after the gate: every row change, computed in memory in arrival order. */
export type InboundBatchPlan = {
  /** Per fresh message: what became of it (`ignored`: the brand answering a thread Vigie never saw). */
  outcomes: (PlannedMessage | 'ignored')[];
  created: NewConversationRow[];
  changed: ConversationChangeRow[];
  links: {
    messageId: string;
    conversationId: string;
    authorContactId: string | null;
    triage: TriageResult | null;
  }[];
  removedMessageIds: string[];
};

/**
 * Threads a batch of fresh messages in arrival order, as if each were recorded alone: a message sees the
 * conversations the earlier ones created, joined or reopened. Pure: the caller loads the threads' latest
 * conversations (locked) and the authors' contacts first, and writes the plan with a few multi-row statements.
 */
export function planInboundBatch(params: {
  messages: FreshMessage[];
  /** The latest conversation of each thread, by thread ref, as locked in this transaction. */
  latest: ReadonlyMap<string, ThreadConversation>;
  /** Contact id by author external user id (customer messages only). */
  contactIds: ReadonlyMap<string, string>;
  newConversationId: () => string;
}): InboundBatchPlan {
  const threads = new Map(params.latest);
  const created = new Map<string, NewConversationRow>();
  const changed = new Map<string, ConversationChangeRow>();
  const plan: InboundBatchPlan = { outcomes: [], created: [], changed: [], links: [], removedMessageIds: [] };

  for (const { item, messageId, threadRef, threadKey } of params.messages) {
    const latest = threads.get(threadRef) ?? null;
    const triage = item.isFromAccount ? null : triageOf(item, latest);
    const needsReply = triage?.needsReply ?? false;
    const decision = decideThread({
      latest,
      messageAt: item.sentAt,
      isFromAccount: item.isFromAccount,
      needsReply,
    });
    const contactId = item.isFromAccount ? null : (params.contactIds.get(item.author.externalUserId) ?? null);
    const event = eventOf(item, needsReply);

    if (latest && (decision.action === 'join' || decision.action === 'reopen')) {
      const current = stateOf(latest);
      const state = applyConversationEvent(
        decision.action === 'reopen' ? applyConversationEvent(current, { kind: 'reopened' }) : current,
        event,
      );
      threads.set(threadRef, { ...state, id: latest.id });
      const fresh = created.get(latest.id);
      if (fresh)
        Object.assign(fresh, later(fresh, { state, item, needsReply }), {
          messageCount: fresh.messageCount + 1,
        });
      else {
        const before = changed.get(latest.id);
        changed.set(latest.id, {
          conversationId: latest.id,
          ...(before ? later(before, { state, item, needsReply }) : firstChange({ state, item, needsReply })),
          addedMessages: (before?.addedMessages ?? 0) + 1,
        });
      }
      plan.links.push({ messageId, conversationId: latest.id, authorContactId: contactId, triage });
      plan.outcomes.push({
        messageId,
        conversationId: latest.id,
        isConversationCreated: false,
        activity: activityOf({
          item,
          messageId,
          conversationId: latest.id,
          contactId,
          thread: decision.action === 'reopen' ? 'reopened' : 'joined',
          state,
          triage,
        }),
      });
      continue;
    }
    if (item.isFromAccount || !contactId) {
      // The brand answering a thread Vigie never saw opens nothing (docs/adr/0010).
      plan.removedMessageIds.push(messageId);
      plan.outcomes.push('ignored');
      continue;
    }
    // A first message that needs no reply (spam, a retweet, a passing mention) opens a conversation that never
    // waits: stored and searchable, no SLA clock (docs/adr/0013).
    const state = applyConversationEvent({ status: 'open', resolvedAt: null, waitingSince: null }, event);
    const conversationId = params.newConversationId();
    created.set(conversationId, {
      id: conversationId,
      brandId: item.brandId,
      channelAccountId: item.channelAccountId,
      channel: item.channel,
      kind: item.conversationKind,
      threadKey,
      contactId,
      state,
      lastActivityAt: item.sentAt,
      lastText: item.text,
      messageCount: 1,
      previousConversationId: decision.action === 'create_linked' ? (latest?.id ?? null) : null,
      needsReply,
    });
    threads.set(threadRef, { ...state, id: conversationId });
    plan.links.push({ messageId, conversationId, authorContactId: contactId, triage });
    plan.outcomes.push({
      messageId,
      conversationId,
      isConversationCreated: true,
      activity: activityOf({
        item,
        messageId,
        conversationId,
        contactId,
        thread: decision.action === 'create_linked' ? 'created_linked' : 'created',
        state,
        triage,
      }),
    });
  }
  plan.created = [...created.values()];
  plan.changed = [...changed.values()];
  return plan;
}

type Step = { state: ConversationState; item: InboundMessage; needsReply: boolean };

function firstChange(step: Step): Omit<ConversationChangeRow, 'conversationId' | 'addedMessages'> {
  return {
    state: step.state,
    lastActivityAt: step.item.sentAt,
    lastText: step.item.text,
    needsReply: step.needsReply,
  };
}

/** A further message of the batch in the same conversation: the newest one gives the preview. */
function later(
  row: { lastActivityAt: Date; lastText: string; needsReply: boolean },
  step: Step,
): Omit<ConversationChangeRow, 'conversationId' | 'addedMessages'> {
  const isNewest = step.item.sentAt >= row.lastActivityAt;
  return {
    state: step.state,
    lastActivityAt: isNewest ? step.item.sentAt : row.lastActivityAt,
    lastText: isNewest ? step.item.text : row.lastText,
    needsReply: row.needsReply || step.needsReply,
  };
}

function stateOf(conversation: ThreadConversation): ConversationState {
  return {
    status: conversation.status,
    resolvedAt: conversation.resolvedAt,
    waitingSince: conversation.waitingSince,
  };
}

/**
 * Triage of a customer message with everything the channel and the thread tell: a plain retweet, a passing
 * mention, a reply in a resolved conversation, a DM (always addressed to the brand), the brand's handle, and
 * the author's reach.
 */
function triageOf(item: InboundMessage, latest: ConversationState | null): TriageResult {
  return triagePost({
    text: item.text,
    isRetweet: item.kind === 'retweet',
    isPassingMention: item.isPassingMention,
    isReplyInResolvedConversation: latest?.status === 'resolved',
    isDirectMessage: item.conversationKind === 'direct_message',
    brandHandle: item.accountHandle ?? undefined,
    authorFollowers: item.author.followersCount ?? undefined,
    isAuthorVerified: item.author.isVerified,
  });
}

function eventOf(item: InboundMessage, needsReply: boolean): ConversationEvent {
  return item.isFromAccount
    ? { kind: 'brand_answered', at: item.sentAt }
    : { kind: 'customer_wrote', at: item.sentAt, needsReply };
}

/** The participants' view of one recorded inbound message. */
function activityOf(params: {
  item: InboundMessage;
  messageId: string;
  conversationId: string;
  contactId: string | null;
  thread: ThreadAction;
  state: ConversationState;
  triage: TriageResult | null;
}): ConversationActivity {
  const { item } = params;
  const common = {
    conversationId: params.conversationId,
    brandId: item.brandId,
    channelAccountId: item.channelAccountId,
    messageId: params.messageId,
    at: item.sentAt,
    state: params.state,
  };
  if (item.isFromAccount || !params.contactId || !params.triage)
    return { kind: 'brand_answered', ...common, via: 'channel', userId: null };
  return {
    kind: 'customer_wrote',
    ...common,
    contactId: params.contactId,
    messageKind: item.kind,
    authorHandle: item.author.handle,
    language: item.language,
    text: item.text,
    thread: params.thread,
    triage: params.triage,
  };
}
