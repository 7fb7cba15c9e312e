import type { AccountRef, NormaliseOutcome } from '../normalise-outcome.type';
import { authorFromV2User } from './x-post.normaliser';
import {
  isObject,
  PayloadProblem,
  requireDate,
  requireId,
  requireObject,
  requireString,
} from './payload-reader';
import { normaliseXPage, orDeadLetter, xItem } from './x-item';
import { directMessageThreadKey } from './x-thread-key';

const dmConversationPattern = /^([0-9]{1,19}-[0-9]{1,19}|[0-9]{15,19})$/;

/**
 * One v2 DM event (`GET /2/dm_events`). Only `MessageCreate` events are messages; joins and leaves are
 * skipped by the caller. A DM the account sent itself is an answer.
 */
export function normaliseXDmEvent(params: {
  event: unknown;
  includes: unknown;
  account: AccountRef;
  raw: unknown;
}): NormaliseOutcome {
  return orDeadLetter(params.raw, () => {
    const event = requireObject(params.event, 'data');
    const id = requireId(event, 'id');
    const senderId = requireId(event, 'sender_id');
    const conversationId = requireString(event, 'dm_conversation_id');
    if (!dmConversationPattern.test(conversationId))
      throw new PayloadProblem('invalid_field:dm_conversation_id');
    const includes = isObject(params.includes) ? params.includes : {};
    return xItem(params.account, {
      externalId: id,
      kind: 'direct_message',
      conversationKind: 'direct_message',
      threadKey: directMessageThreadKey(conversationId),
      isThreadKeyExact: true,
      text: requireString(event, 'text'),
      language: null,
      sentAt: requireDate(event, 'created_at'),
      inReplyToExternalId: null,
      author: authorFromV2User(senderId, includes['users'], null),
      isFromAccount: senderId === params.account.externalUserId,
      raw: params.raw,
    });
  });
}

/** A `GET /2/dm_events` page: one outcome per `MessageCreate` event (joins and leaves are skipped). */
export function normaliseXDmPage(page: unknown, account: AccountRef): NormaliseOutcome[] {
  return normaliseXPage({
    page,
    authorField: 'sender_id',
    isKept: (event) =>
      !isObject(event) || event['event_type'] === undefined || event['event_type'] === 'MessageCreate',
    normalise: ({ entry, includes, raw }) => normaliseXDmEvent({ event: entry, includes, account, raw }),
  });
}
