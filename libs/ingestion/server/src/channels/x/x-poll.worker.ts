import { Logger } from '@nestjs/common';
import {
  compareSnowflakes,
  newestSnowflake,
  type NormaliseOutcome,
  normaliseXDmPage,
  normaliseXPostPage,
} from '@vigie/ingestion-core';
import { accountRefOf, type IngestionSource, type WorkerContext } from '../channel-adapter';
import { describeFailure, toChannelFailure, type XApi } from './x-client.provider';

const maxPages = 100;

type PollSource = {
  source: IngestionSource;
  intervalMs: number;
  fetch(sinceId: string | null): Promise<NormaliseOutcome[]>;
};

function idOf(outcome: NormaliseOutcome): string | null {
  return outcome.outcome === 'item'
    ? outcome.item.externalId
    : outcome.outcome === 'skipped'
      ? outcome.externalId
      : null;
}

/**
 * Polling: the mention timeline (tiers without a stream) and DMs (every mode but webhook). Each round fetches
 * everything newer than the source's cursor, records it oldest first in one transaction, and only then moves
 * the cursor. A failure waits as the retry policy says (a 429 until the window resets), never less.
 */
export class XPollWorker {
  private readonly logger = new Logger('XPollWorker');

  constructor(
    private readonly api: XApi,
    private readonly context: WorkerContext,
  ) {}

  mentions(): PollSource {
    const { account } = this.context;
    return {
      source: 'mentions',
      intervalMs: this.context.timing.pollIntervalMs,
      fetch: async (sinceId) => {
        const pages = await this.api.mentionsSince({ userId: account.externalUserId, sinceId, maxPages });
        return pages.flatMap((page) => normaliseXPostPage(page, accountRefOf(this.context.account)));
      },
    };
  }

  directMessages(): PollSource {
    return {
      source: 'dm',
      intervalMs: this.context.timing.dmPollIntervalMs,
      fetch: async (sinceId) => {
        const isOlderOrEqual = (id: string) => sinceId !== null && compareSnowflakes(id, sinceId) <= 0;
        const pages = await this.api.dmEventsSince({ sinceId, maxPages, isOlderOrEqual });
        const outcomes = pages.flatMap((page) => normaliseXDmPage(page, accountRefOf(this.context.account)));
        return outcomes.filter((outcome) => {
          const id = idOf(outcome);
          return id === null || !isOlderOrEqual(id);
        });
      },
    };
  }

  async run(source: PollSource): Promise<void> {
    const { context } = this;
    let attempt = 0;
    while (!context.signal.aborted) {
      try {
        const sinceId = await context.readCursor(source.source);
        // X returns newest first; store oldest first so conversations and previews build up in order.
        const outcomes = (await source.fetch(sinceId)).reverse();
        if (outcomes.length > 0) {
          await context.record(outcomes, source.source);
          const newest = newestSnowflake(outcomes.map(idOf));
          if (newest) await context.advanceCursor(source.source, newest);
        }
        await context.reportHealthy();
        attempt = 0;
        await context.sleep(source.intervalMs);
      } catch (error) {
        if (context.signal.aborted) break;
        const delayMs = context.retryDelayMs(toChannelFailure(error), attempt++);
        this.logger.warn(
          { accountId: context.account.id, source: source.source, error: describeFailure(error), delayMs },
          'X polling failed; waiting',
        );
        await context.reportFailure(describeFailure(error));
        await context.sleep(delayMs);
      }
    }
  }
}
