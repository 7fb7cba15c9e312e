import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { retryDelayMs } from '@vigie/ingestion-core';
import { CLOCK, type Clock } from '@vigie/kernel';
import { APP_CONFIG, type AppConfig } from '@vigie/server';
import { ChannelAccountRepository } from '../accounts/channel-account.repository';
import { ChannelAccountsService } from '../accounts/channel-accounts.service';
import type { ConnectedAccount, WorkerContext } from '../channels/channel-adapter';
import { AccountLock } from './account-lock';
import { IngestionCursorRepository } from './ingestion-cursor.repository';
import { IngestionSinkService } from './ingestion-sink.service';

type RunningAccount = { controller: AbortController; done: Promise<void> };

/** Waits `ms`, or less if the signal aborts first. */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs one ingestion loop per connected account, in process (docs/adr/0012): started once the API listens,
 * stopped before the database closes. Each loop first takes the account's lease, so among several Vigie
 * processes only one ingests an account; the others wait and take over if it dies.
 */
@Injectable()
export class IngestionSupervisor implements OnModuleDestroy {
  private readonly logger = new Logger('IngestionSupervisor');
  private readonly running = new Map<string, RunningAccount>();
  private isStopping = false;

  constructor(
    private readonly accounts: ChannelAccountsService,
    private readonly accountRows: ChannelAccountRepository,
    private readonly cursors: IngestionCursorRepository,
    private readonly sink: IngestionSinkService,
    private readonly lock: AccountLock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Starts every connected (or failing) account. Called by the composition root once the API listens. */
  async start(): Promise<void> {
    if (!this.config.ingestion.isEnabled) return;
    for (const id of await this.accountRows.listIdsByStatus(['connected', 'error'])) this.startAccount(id);
  }

  async restartAccount(id: string): Promise<void> {
    await this.stopAccount(id);
    if (this.config.ingestion.isEnabled && !this.isStopping) this.startAccount(id);
  }

  async stopAccount(id: string): Promise<void> {
    const running = this.running.get(id);
    if (!running) return;
    running.controller.abort();
    await running.done;
  }

  async onModuleDestroy(): Promise<void> {
    this.isStopping = true;
    const all = [...this.running.values()];
    for (const running of all) running.controller.abort();
    // In-flight transactions finish; a worker stuck on the network is not waited for long.
    await Promise.race([
      Promise.all(all.map((running) => running.done)),
      new Promise((resolve) => setTimeout(resolve, 3_000).unref()),
    ]);
  }

  private startAccount(id: string): void {
    if (this.running.has(id)) return;
    const controller = new AbortController();
    const done = this.runAccount(id, controller.signal)
      .catch((error: unknown) => this.logger.error({ accountId: id, err: error }, 'Ingestion loop crashed'))
      .finally(() => {
        if (this.running.get(id)?.controller === controller) this.running.delete(id);
      });
    this.running.set(id, { controller, done });
  }

  private async runAccount(id: string, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const lease = await this.lock.tryAcquire(id);
      if (!lease) {
        await abortableSleep(this.config.ingestion.leaseRetryMs, signal);
        continue;
      }
      try {
        const account = await this.accounts.loadConnected(id);
        if (!account) return;
        this.logger.log({ accountId: id, handle: account.handle, mode: account.mode }, 'Ingestion started');
        await this.accounts.adapterFor(account.channel).run(this.contextFor(account, signal));
        if (account.mode === 'webhook') await abortableSleep(2 ** 31 - 1, signal);
      } finally {
        await lease.release();
      }
    }
    this.logger.log({ accountId: id }, 'Ingestion stopped');
  }

  private contextFor(account: ConnectedAccount, signal: AbortSignal): WorkerContext {
    const timing = this.config.ingestion;
    let lastStatus: string | undefined;
    const setStatus = async (status: 'connected' | 'error', lastError: string | null) => {
      const key = `${status}:${lastError ?? ''}`;
      if (key === lastStatus || signal.aborted) return;
      lastStatus = key;
      await this.accountRows.setStatus({ id: account.id, status, lastError });
    };
    return {
      account,
      signal,
      record: (outcomes, source) =>
        this.sink.record({ channel: account.channel, channelAccountId: account.id, source, outcomes }),
      readCursor: (source) => this.cursors.read({ channelAccountId: account.id, source }),
      advanceCursor: (source, externalId) =>
        this.cursors.advance({ channelAccountId: account.id, source, externalId }),
      sleep: (ms) => abortableSleep(ms, signal),
      retryDelayMs: (failure, attempt) =>
        retryDelayMs({
          failure,
          attempt,
          now: this.clock.now(),
          timing: { baseDelayMs: timing.retryBaseDelayMs, maxDelayMs: timing.retryMaxDelayMs },
          random: Math.random(),
        }),
      reportHealthy: () => setStatus('connected', null),
      reportFailure: (description) => setStatus('error', description.slice(0, 500)),
      timing: {
        pollIntervalMs: timing.pollIntervalMs,
        dmPollIntervalMs: timing.dmPollIntervalMs,
        streamStallTimeoutMs: timing.streamStallTimeoutMs,
      },
    };
  }
}
