import { Logger } from '@nestjs/common';
import {
  accountRuleTag,
  accountRuleValue,
  newestSnowflake,
  type NormaliseOutcome,
  normaliseXPostPage,
  normaliseXStreamMessage,
} from '@vigie/ingestion-core';
import { accountRefOf, type WorkerContext } from '../channel-adapter';
import { describeFailure, toChannelFailure, type XApi, type XStreamConnection } from './x-client.provider';
import { OrderedPipeline, type PipelineStep } from './ordered-pipeline';

const maxBackfillPages = 100;
/**
 * Stream messages recorded in one transaction at most. Messages that arrive while a transaction runs wait for
 * the next one (group commit: no timer, so a lone message is recorded at once; under load the batches grow).
 */
const maxStreamBatch = 500;
/**
 * Recording transactions in flight at once (docs/adr/0018): while one waits on the database, the next is threaded
 * and written. Batches that share a thread, and backfill pages, still run one after the other.
 */
const streamBatchesInFlight = 2;

function externalIdOf(outcome: NormaliseOutcome): string | null {
  if (outcome.outcome === 'item') return outcome.item.externalId;
  if (outcome.outcome === 'skipped') return outcome.externalId;
  return null;
}

/** The threads a batch writes, or `null` when one of its replies' threads is not known yet (it then runs alone). */
function threadsOf(outcomes: NormaliseOutcome[]): ReadonlySet<string> | null {
  const threads = new Set<string>();
  for (const outcome of outcomes) {
    if (outcome.outcome !== 'item') continue;
    if (!outcome.item.isThreadKeyExact) return null;
    threads.add(outcome.item.threadKey);
  }
  return threads;
}

/**
 * The filtered stream, primary mode (docs/adr/0009). Each (re)connection is followed by a backfill through
 * recent search from the stream cursor, so a drop or a stall loses nothing. Stream messages and backfill pages
 * go through one ordered pipeline (docs/adr/0018): up to two stream batches on different threads are recorded at
 * once, but the cursor advances in arrival order, only past committed batches. While a backfill runs the cursor
 * stays put (a crash then re-reads the gap rather than skipping it), and once it is done the cursor jumps to the
 * newest id committed.
 */
export class XStreamWorker {
  private readonly logger = new Logger('XStreamWorker');
  private readonly pipeline = new OrderedPipeline(streamBatchesInFlight);
  private isBackfilling = false;
  private newestCommitted: string | null = null;
  private connection: XStreamConnection | undefined;
  private readonly pending: NormaliseOutcome[] = [];
  private isFlushQueued = false;

  constructor(
    private readonly api: XApi,
    private readonly context: WorkerContext,
  ) {}

  async run(): Promise<void> {
    const { context } = this;
    const { account } = context;
    let attempt = 0;
    let isRuleReady = false;
    while (!context.signal.aborted) {
      try {
        if (!isRuleReady) {
          await this.api.ensureStreamRule({
            value: accountRuleValue(account.handle),
            tag: accountRuleTag(account.id),
          });
          isRuleReady = true;
        }
        const sinceId = await context.readCursor('stream');
        this.isBackfilling = true;
        this.newestCommitted = null;
        // Connect first, then backfill: whatever is posted during the backfill arrives on the stream.
        const connection = await this.api.openStream({
          keepAliveTimeoutMs: context.timing.streamStallTimeoutMs,
          handlers: {
            onMessage: (message) =>
              this.collect(normaliseXStreamMessage(message, accountRefOf(this.context.account))),
            onMalformedLine: (detail) =>
              this.collect({ outcome: 'dead_letter', reason: 'invalid_json', raw: detail }),
            onStreamError: (payload) =>
              this.logger.warn({ accountId: account.id, payload }, 'X stream sent an error; reconnecting'),
          },
        });
        this.connection = connection;
        const stop = () => connection.close();
        context.signal.addEventListener('abort', stop, { once: true });
        try {
          await this.backfill(sinceId);
          await context.reportHealthy();
          attempt = 0;
          await connection.closed;
        } finally {
          context.signal.removeEventListener('abort', stop);
          connection.close();
          await this.pipeline.drain();
        }
        if (context.signal.aborted) break;
        this.logger.warn({ accountId: account.id }, 'X stream closed; reconnecting and backfilling');
        await context.sleep(context.retryDelayMs({ kind: 'network' }, attempt++));
      } catch (error) {
        if (context.signal.aborted) break;
        const delayMs = context.retryDelayMs(toChannelFailure(error), attempt++);
        this.logger.warn(
          { accountId: account.id, error: describeFailure(error), delayMs },
          'X stream failed; retrying',
        );
        await context.reportFailure(describeFailure(error));
        await context.sleep(delayMs);
      }
    }
  }

  /** Search pages come newest first: record them oldest first, one page per transaction. */
  private async backfill(sinceId: string | null): Promise<void> {
    const pages = await this.api.searchSince({
      query: accountRuleValue(this.context.account.handle),
      sinceId,
      maxPages: maxBackfillPages,
    });
    for (const page of pages.reverse()) {
      const outcomes = normaliseXPostPage(page, accountRefOf(this.context.account)).reverse();
      await this.pipeline.push(() => this.recording(outcomes, null));
    }
    await this.pipeline.push(() => ({
      keys: null,
      run: async () => undefined,
      settle: async () => {
        this.isBackfilling = false;
        if (this.newestCommitted) await this.context.advanceCursor('stream', this.newestCommitted);
      },
    }));
    this.logger.log({ accountId: this.context.account.id, sinceId, pages: pages.length }, 'X backfill done');
  }

  /** Holds a stream message for the next recording transaction, queuing one when none is waiting. */
  private collect(outcome: NormaliseOutcome): void {
    this.pending.push(outcome);
    if (this.isFlushQueued) return;
    this.isFlushQueued = true;
    this.queueFlush();
  }

  /** Queues a flush; its failure (the cursor could not advance) is logged, the next flush or backfill retries. */
  private queueFlush(): void {
    this.pipeline
      .push(() => this.takePending())
      .catch((error: unknown) =>
        this.logger.error(
          { accountId: this.context.account.id, err: error },
          'Flushing X stream posts failed',
        ),
      );
  }

  /** The messages gathered so far (at most a batch), taken when the pipeline has room to record them. */
  private takePending(): PipelineStep {
    this.isFlushQueued = false;
    const batch = this.pending.splice(0, maxStreamBatch);
    if (this.pending.length > 0) {
      this.isFlushQueued = true;
      this.queueFlush();
    }
    return this.recording(batch, threadsOf(batch));
  }

  /**
   * Records a batch (possibly alongside another); then, in arrival order, advances the cursor past it, or on a
   * failure freezes the cursor and reconnects so the backfill reads the batch again.
   */
  private recording(outcomes: NormaliseOutcome[], keys: ReadonlySet<string> | null): PipelineStep {
    return {
      keys,
      run: async () => {
        if (outcomes.length > 0) await this.context.record(outcomes, 'stream');
      },
      settle: async (failure) => {
        if (failure !== undefined) {
          this.logger.error(
            { accountId: this.context.account.id, err: failure },
            'Recording X posts failed; reconnecting to backfill',
          );
          this.isBackfilling = true;
          this.connection?.close();
          return;
        }
        this.newestCommitted = newestSnowflake([this.newestCommitted, ...outcomes.map(externalIdOf)]);
        if (!this.isBackfilling && this.newestCommitted)
          await this.context.advanceCursor('stream', this.newestCommitted);
      },
    };
  }
}
