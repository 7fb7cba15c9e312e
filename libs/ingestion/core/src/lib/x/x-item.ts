import type { InboundMessage } from '@vigie/inbox-core';
import type { AccountRef, NormaliseOutcome } from '../normalise-outcome.type';
import { problemReason } from './payload-reader';

/** An X inbound message for the account. */
export function xItem(
  account: AccountRef,
  fields: Omit<InboundMessage, 'channel' | 'brandId' | 'channelAccountId'>,
): NormaliseOutcome {
  return {
    outcome: 'item',
    item: { channel: 'x', brandId: account.brandId, channelAccountId: account.channelAccountId, ...fields },
  };
}

/** Runs a normaliser; a payload problem becomes a dead letter with its reason and the raw payload. */
export function orDeadLetter(raw: unknown, normalise: () => NormaliseOutcome): NormaliseOutcome {
  try {
    return normalise();
  } catch (error) {
    const reason = problemReason(error);
    if (reason === undefined) throw error;
    return { outcome: 'dead_letter', reason, raw };
  }
}
