import type { ChannelFailure } from '@vigie/ingestion-core';
import type { ConnectedAccount } from '../channels/channel-adapter';

/** An outbound message as a channel sends it. */
export type OutboundMessage =
  | { mode: 'public_reply'; text: string; inReplyToExternalId: string }
  | { mode: 'direct_message'; text: string; recipientExternalId: string };

/**
 * How a send failed, for the dispatcher:
 * - `retryable`: try again later (rate limit, 5xx, network); `isOutcomeUnknown` when the channel may have
 *   accepted it anyway (5xx, network: the answer was lost, not the request);
 * - `duplicate`: the channel refuses the text as already posted (proof that an earlier attempt landed);
 * - `final`: refused for good (4xx), with the channel's reason for the agent.
 */
export type SendFailure =
  | { kind: 'retryable'; failure: ChannelFailure; isOutcomeUnknown: boolean; reason: string }
  | { kind: 'duplicate'; reason: string }
  | { kind: 'final'; reason: string };

/** A message the channel holds: its id, and when the channel says it was written. */
export type SentMessage = { externalId: string; sentAt: Date };

/** One per channel (`channels/<name>/`), found by `channel`: the outbox never branches on a channel's name. */
export interface ChannelSender {
  readonly channel: string;
  send(params: { account: ConnectedAccount; message: OutboundMessage }): Promise<SentMessage>;
  /** The account's recent messages that match this one, newest first (after an unanswered attempt). */
  findSent(params: { account: ConnectedAccount; message: OutboundMessage }): Promise<SentMessage[]>;
  classify(error: unknown): SendFailure;
}

export const CHANNEL_SENDERS = Symbol('CHANNEL_SENDERS');
