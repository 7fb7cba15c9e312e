import { Inject, Injectable, Logger } from '@nestjs/common';
import { InboundRecorderService } from '@vigie/inbox-server';
import type { NormaliseOutcome, SkipReason } from '@vigie/ingestion-core';
import { CLOCK, type Clock } from '@vigie/kernel';
import type { IngestionSource, SinkResult } from '../channels/channel-adapter';
import { DeadLetterRepository } from './dead-letter.repository';

/**
 * Where every channel path ends: dead letters are stored apart (with a log line) and ingestion carries on;
 * skipped items are counted; the rest go to the inbox, which stores each one exactly once.
 */
@Injectable()
export class IngestionSinkService {
  private readonly logger = new Logger('Ingestion');
  private readonly skipped = new Map<SkipReason, number>();

  constructor(
    private readonly recorder: InboundRecorderService,
    private readonly deadLetters: DeadLetterRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** How many items were skipped, by reason, since start (the brand's broadcasts). */
  skippedCounts(): Record<SkipReason, number> {
    return { own_broadcast: this.skipped.get('own_broadcast') ?? 0 };
  }

  async record(params: {
    channel: string;
    channelAccountId: string | null;
    source: IngestionSource;
    outcomes: NormaliseOutcome[];
  }): Promise<SinkResult> {
    const result: SinkResult = { stored: 0, duplicates: 0, skipped: 0, deadLetters: 0 };
    const items = [];
    const letters = [];
    for (const outcome of params.outcomes) {
      if (outcome.outcome === 'item') items.push(outcome.item);
      else if (outcome.outcome === 'skipped') {
        result.skipped++;
        this.skipped.set(outcome.reason, (this.skipped.get(outcome.reason) ?? 0) + 1);
      } else letters.push(outcome);
    }
    if (letters.length > 0) {
      const receivedAt = this.clock.now();
      await this.deadLetters.insertMany(
        letters.map((letter) => ({
          channel: params.channel,
          channelAccountId: params.channelAccountId,
          source: params.source,
          reason: letter.reason,
          raw: typeof letter.raw === 'string' ? letter.raw : JSON.stringify(letter.raw ?? null),
          receivedAt,
        })),
      );
      result.deadLetters = letters.length;
      for (const letter of letters) {
        this.logger.warn(
          { channelAccountId: params.channelAccountId, source: params.source, reason: letter.reason },
          'Malformed payload dead-lettered',
        );
      }
    }
    for (const outcome of await this.recorder.record(items)) {
      if (outcome === 'stored') result.stored++;
      else if (outcome === 'duplicate') result.duplicates++;
      else result.skipped++;
    }
    return result;
  }
}
