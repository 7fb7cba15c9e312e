import { Injectable } from '@nestjs/common';
import { assertNever } from '@vigie/kernel';
import type { ConnectedAccount } from '../channel-adapter';
import type { ChannelSender, OutboundMessage, SendFailure, SentMessage } from '../../outbox/channel-sender';
import { describeFailure, toChannelFailure, XClientProvider, type XCredentials } from './x-client.provider';

/** X ids are snowflakes: the creation time is in them (x-api-v2.md §1.2), for posts and DM events alike. */
export function snowflakeTime(id: string): Date {
  return new Date(Number(BigInt(id) >> 22n) + 1288834974657);
}

const sentMessage = (externalId: string): SentMessage => ({ externalId, sentAt: snowflakeTime(externalId) });

/** X's refusal of a text the account posted recently (its 403 detail). */
const duplicateContent = /duplicate content/i;

/** Sends outbox messages on X: public replies with `POST /2/tweets`, DMs to the conversation's customer. */
@Injectable()
export class XSender implements ChannelSender {
  readonly channel = 'x';

  constructor(private readonly clients: XClientProvider) {}

  async send(params: { account: ConnectedAccount; message: OutboundMessage }): Promise<SentMessage> {
    const api = this.apiFor(params.account);
    const { message } = params;
    const externalId =
      message.mode === 'public_reply'
        ? await api.createReply({ text: message.text, inReplyToId: message.inReplyToExternalId })
        : await api.sendDirectMessage({ recipientId: message.recipientExternalId, text: message.text });
    return sentMessage(externalId);
  }

  async findSent(params: { account: ConnectedAccount; message: OutboundMessage }): Promise<SentMessage[]> {
    const api = this.apiFor(params.account);
    const { message } = params;
    if (message.mode === 'public_reply') {
      const posts = await api.recentRepliesBy({ handle: params.account.handle });
      // X may prefix a reply's text with the @handles it answers.
      return posts
        .filter(
          (post) => post.inReplyToId === message.inReplyToExternalId && post.text.endsWith(message.text),
        )
        .map((post) => sentMessage(post.id));
    }
    const events = await api.recentDirectMessagesWith({ participantId: message.recipientExternalId });
    return events
      .filter((event) => event.senderId === params.account.externalUserId && event.text === message.text)
      .map((event) => sentMessage(event.id));
  }

  classify(error: unknown): SendFailure {
    const failure = toChannelFailure(error);
    const reason = describeFailure(error);
    switch (failure.kind) {
      case 'rate_limited':
        return { kind: 'retryable', failure, isOutcomeUnknown: false, reason };
      case 'server':
      case 'network':
        return { kind: 'retryable', failure, isOutcomeUnknown: true, reason };
      case 'unauthorized':
      case 'rejected':
        return duplicateContent.test(reason) ? { kind: 'duplicate', reason } : { kind: 'final', reason };
      default:
        return assertNever(failure);
    }
  }

  private apiFor(account: ConnectedAccount) {
    return this.clients.create({
      credentials: account.credentials as XCredentials,
      apiBaseUrl: account.apiBaseUrl,
    });
  }
}
