import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { OutboxService, type OutboxJob } from '@vigie/inbox-server';
import { retryDelayMs } from '@vigie/ingestion-core';
import { CLOCK, type Clock } from '@vigie/kernel';
import { APP_CONFIG, type AppConfig } from '@vigie/server';
import { ChannelAccountsService } from '../accounts/channel-accounts.service';
import { CHANNEL_SENDERS, type ChannelSender, type OutboundMessage } from './channel-sender';
import { SendBudgetRepository } from './send-budget.repository';

/** Attempts per message before it is marked failed (rate-limit waits and sending-budget waits do not count). */
export const maxSendAttempts = 6;
const claimBatchSize = 10;
/** How long a claimed row is ours: a process that dies mid-send gives it back after this (outcome unknown). */
const leaseMs = 60_000;
const idlePollMs = 250;

/**
 * Sends the outbox (docs/replies.md, docs/adr/0015): claims due rows with `FOR UPDATE SKIP LOCKED` (any number
 * of API processes), sends each through its channel's sender, and reports the outcome to the inbox's
 * OutboxService. Never posts twice: an attempt whose outcome is unknown (5xx, network error, a process that
 * died mid-send) is followed by a search of the account's recent posts before anything is sent again, and
 * X's duplicate-content refusal counts as proof that an earlier attempt landed. Paces sends within a sending
 * budget per account and kind (X: 100 posts, 15 DMs per 15 minutes; bulk answers use at most 80 %): a message
 * over the budget waits for the next free slot without spending an attempt, and a 429 makes every message of
 * that account and kind wait for X's reset, also without spending attempts (docs/replies.md, ADR 0405).
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxDispatcher');
  private readonly senders: Map<string, ChannelSender>;
  private isStopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly outbox: OutboxService,
    private readonly accounts: ChannelAccountsService,
    private readonly budget: SendBudgetRepository,
    @Inject(CHANNEL_SENDERS) senders: ChannelSender[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.senders = new Map(senders.map((sender) => [sender.channel, sender]));
  }

  onApplicationBootstrap(): void {
    if (!this.config.ingestion.isEnabled) return;
    this.unsubscribe = this.outbox.onEnqueued(() => this.wake?.());
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.isStopping = true;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.isStopping) {
      let jobs: OutboxJob[] = [];
      try {
        jobs = await this.outbox.claimDue({ limit: claimBatchSize, leaseMs });
        await Promise.all(jobs.map((job) => this.attempt(job)));
      } catch (error) {
        if (!this.isStopping) this.logger.error({ err: error }, 'Outbox pass failed');
      }
      if (jobs.length === 0 && !this.isStopping) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, idlePollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** One attempt at one message; every path ends in sent, failed, or rescheduled. */
  private async attempt(job: OutboxJob): Promise<void> {
    const account = await this.accounts.loadConnected(job.channelAccountId);
    const sender = account ? this.senders.get(account.channel) : undefined;
    const message = outboundOf(job);
    if (!account || !sender || !message) {
      await this.outbox.markFailed({
        outboxId: job.id,
        reason: !message
          ? 'The customer of this conversation has no channel identity to write to.'
          : 'The brand account of this conversation is not connected.',
      });
      return;
    }
    // Only a 429 to the send itself says the account's posting window is spent (the search has its own).
    let isSending = false;
    try {
      if (job.isOutcomeUnknown) {
        const landed = await sender.findSent({ account, message });
        const externalId = await this.outbox.firstUnclaimed({
          channel: account.channel,
          externalIds: landed.map((candidate) => candidate.externalId),
        });
        const earlier = landed.find((candidate) => candidate.externalId === externalId);
        if (earlier) {
          this.logger.log(
            { outboxId: job.id, externalId },
            'An earlier attempt had landed: not sending again',
          );
          await this.outbox.markSent({ outboxId: job.id, ...earlier });
          return;
        }
      }
      if (!(await this.takeSendSlot(job, message))) return;
      isSending = true;
      const sent = await sender.send({ account, message });
      await this.outbox.markSent({ outboxId: job.id, ...sent });
    } catch (error) {
      await this.onFailure(job, { failure: sender.classify(error), isSending });
    }
  }

  /**
   * One slot of the account's sending budget for this message; false when the budget is spent (or X said 429
   * lately): the message then waits for the next free slot, and this claim does not count as an attempt.
   */
  private async takeSendSlot(job: OutboxJob, message: OutboundMessage): Promise<boolean> {
    const { outbox: rule } = this.config;
    const now = this.clock.now();
    const limit =
      message.mode === 'public_reply' ? rule.publicRepliesPerWindow : rule.directMessagesPerWindow;
    const slot = await this.budget.reserve({
      channelAccountId: job.channelAccountId,
      mode: message.mode,
      isBulk: job.isBulk,
      now,
      limit,
      windowMs: rule.windowSeconds * 1000,
    });
    if (slot.isGranted) return true;
    await this.outbox.reschedule({
      outboxId: job.id,
      delayMs: Math.max(1, slot.retryAt.getTime() - now.getTime()),
      isOutcomeUnknown: job.isOutcomeUnknown,
      reason:
        slot.reason === 'rate_limited'
          ? 'Waiting for X’s rate-limit window to reset.'
          : `Paced: at most ${limit} per ${rule.windowSeconds / 60} minutes from this account.`,
      attempt: 'not_made',
    });
    return false;
  }

  private async onFailure(
    job: OutboxJob,
    params: { failure: ReturnType<ChannelSender['classify']>; isSending: boolean },
  ): Promise<void> {
    const { failure } = params;
    if (failure.kind === 'final') {
      await this.outbox.markFailed({ outboxId: job.id, reason: failure.reason });
      return;
    }
    // Duplicate content after an unanswered attempt: the post exists, look for it again (search may lag).
    const isDuplicate = failure.kind === 'duplicate';
    if (isDuplicate && !job.isOutcomeUnknown) {
      await this.outbox.markFailed({ outboxId: job.id, reason: failure.reason });
      return;
    }
    const timing = {
      baseDelayMs: this.config.ingestion.retryBaseDelayMs,
      maxDelayMs: this.config.ingestion.retryMaxDelayMs,
    };
    // A 429 posted nothing: wait for X's reset, and hold every message of the account and kind back till then.
    // The wait is not held against the attempts, so a large bulk answer cannot fail on rate limits.
    if (failure.kind === 'retryable' && failure.failure.kind === 'rate_limited') {
      const delayMs = retryDelayMs({
        failure: failure.failure,
        attempt: job.rateLimitedCount,
        now: this.clock.now(),
        timing,
        random: Math.random(),
      });
      if (params.isSending)
        await this.budget.block({
          channelAccountId: job.channelAccountId,
          mode: job.mode,
          until: new Date(this.clock.now().getTime() + delayMs),
        });
      this.logger.warn(
        { outboxId: job.id, attempt: job.attemptCount, delayMs, reason: failure.reason },
        'Rate limited; waiting for the reset',
      );
      await this.outbox.reschedule({
        outboxId: job.id,
        delayMs,
        isOutcomeUnknown: job.isOutcomeUnknown,
        reason: failure.reason,
        attempt: 'rate_limited',
      });
      return;
    }
    const attempts = job.attemptCount - job.rateLimitedCount;
    if (attempts >= maxSendAttempts) {
      await this.outbox.markFailed({
        outboxId: job.id,
        reason: `Not sent after ${attempts} attempts. Last answer: ${failure.reason}`,
      });
      return;
    }
    const delayMs = retryDelayMs({
      failure: isDuplicate ? { kind: 'server' } : failure.failure,
      attempt: attempts - 1,
      now: this.clock.now(),
      timing,
      random: Math.random(),
    });
    this.logger.warn(
      { outboxId: job.id, attempt: job.attemptCount, delayMs, reason: failure.reason },
      'Send failed; retrying later',
    );
    await this.outbox.reschedule({
      outboxId: job.id,
      delayMs,
      isOutcomeUnknown:
        isDuplicate || job.isOutcomeUnknown || (failure.kind === 'retryable' && failure.isOutcomeUnknown),
      reason: failure.reason,
    });
  }
}

function outboundOf(job: OutboxJob): OutboundMessage | null {
  if (job.mode === 'public_reply')
    return job.inReplyToExternalId
      ? { mode: 'public_reply', text: job.text, inReplyToExternalId: job.inReplyToExternalId }
      : null;
  return job.recipientExternalId
    ? { mode: 'direct_message', text: job.text, recipientExternalId: job.recipientExternalId }
    : null;
}
