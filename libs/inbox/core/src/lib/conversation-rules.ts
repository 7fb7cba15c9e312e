import { assertNever } from '@vigie/kernel';

export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';

/** How long after resolution a customer writing again reopens the same conversation (docs/adr/0010). */
export const reopenWindowDays = 7;
const dayMs = 86_400_000;

export type ConversationState = {
  status: ConversationStatus;
  resolvedAt: Date | null;
  waitingSince: Date | null;
};

/** What to do with an inbound message given the latest conversation of its thread, if any. */
export type ThreadDecision =
  { action: 'create' } | { action: 'join' } | { action: 'reopen' } | { action: 'create_linked' };

/**
 * The reopen rule: no conversation yet → create one; an unresolved one → join it; a resolved one → reopen
 * it when the message comes within {@link reopenWindowDays} of the resolution, else start a new conversation
 * linked to it (old threads stay closed, and first-response clocks start fresh). A message that needs no
 * reply ("merci !", a retweet, spam) joins the resolved conversation and leaves it resolved (docs/adr/0013).
 */
export function decideThread(params: {
  latest: ConversationState | null;
  messageAt: Date;
  isFromAccount: boolean;
  /** The triage verdict for a customer message; ignored for the brand's own posts. */
  needsReply: boolean;
}): ThreadDecision {
  const { latest } = params;
  if (!latest) return { action: 'create' };
  if (latest.status !== 'resolved') return { action: 'join' };
  // The brand posting into a resolved thread does not reopen it: nobody is waiting.
  if (params.isFromAccount) return { action: 'join' };
  // Thanks after the case was closed stay with it, and the case stays closed.
  if (!params.needsReply) return { action: 'join' };
  const resolvedAt = latest.resolvedAt ?? params.messageAt;
  const isWithinWindow = params.messageAt.getTime() - resolvedAt.getTime() <= reopenWindowDays * dayMs;
  return isWithinWindow ? { action: 'reopen' } : { action: 'create_linked' };
}

export type ConversationEvent =
  /** `needsReply`: the triage verdict; a message that needs none neither wakes the conversation nor starts a wait. */
  | { kind: 'customer_wrote'; at: Date; needsReply: boolean }
  | { kind: 'brand_answered'; at: Date }
  | { kind: 'snoozed' }
  | { kind: 'marked_pending' }
  | { kind: 'resolved'; at: Date }
  | { kind: 'reopened' };

/**
 * The conversation state machine (open / pending / snoozed / resolved) and `waitingSince`:
 * a customer message that needs a reply wakes a pending or snoozed conversation and starts the wait if none
 * is running (one that needs none changes nothing); an answer from the brand stops the wait without changing
 * the status.
 */
export function applyConversationEvent(
  state: ConversationState,
  event: ConversationEvent,
): ConversationState {
  switch (event.kind) {
    case 'customer_wrote':
      if (!event.needsReply) return state;
      return {
        status: state.status === 'resolved' ? 'resolved' : 'open',
        resolvedAt: state.resolvedAt,
        waitingSince: state.waitingSince ?? event.at,
      };
    case 'brand_answered':
      // An answer older than the wait (a backfill delivering out of order) does not end it.
      return {
        ...state,
        waitingSince: state.waitingSince && event.at < state.waitingSince ? state.waitingSince : null,
      };
    case 'snoozed':
      return { ...state, status: 'snoozed' };
    case 'marked_pending':
      return { ...state, status: 'pending' };
    case 'resolved':
      return { status: 'resolved', resolvedAt: event.at, waitingSince: null };
    case 'reopened':
      return { ...state, status: 'open', resolvedAt: null };
    default:
      return assertNever(event);
  }
}
