import { Injectable } from '@nestjs/common';
import { assertNever } from '@vigie/kernel';
import type { ChannelAdapter, WorkerContext } from '../channel-adapter';
import { XClientProvider, type XCredentials } from './x-client.provider';
import { XPollWorker } from './x-poll.worker';
import { XStreamWorker } from './x-stream.worker';

/** The X channel: stream (+ backfill), mentions polling, DM polling; webhooks arrive through the controller. */
@Injectable()
export class XChannelAdapter implements ChannelAdapter {
  readonly channel = 'x';

  constructor(private readonly clients: XClientProvider) {}

  verifyCredentials(params: { credentials: Record<string, string>; apiBaseUrl: string | undefined }) {
    return this.clients
      .create({ credentials: params.credentials as XCredentials, apiBaseUrl: params.apiBaseUrl })
      .me();
  }

  async run(context: WorkerContext): Promise<void> {
    const api = this.clients.create({
      credentials: context.account.credentials as XCredentials,
      apiBaseUrl: context.account.apiBaseUrl,
    });
    const poller = new XPollWorker(api, context);
    const mode = context.account.mode;
    switch (mode) {
      case 'stream':
        await Promise.all([new XStreamWorker(api, context).run(), poller.run(poller.directMessages())]);
        return;
      case 'poll':
        await Promise.all([poller.run(poller.mentions()), poller.run(poller.directMessages())]);
        return;
      case 'webhook':
        // Account Activity delivers posts and DMs: nothing to poll.
        return;
      default:
        assertNever(mode);
    }
  }
}
