import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { checkReplyText } from '@vigie/inbox-core';
import { type ConversationActivity, OutboxService } from '@vigie/inbox-server';
import { CLOCK, type Clock } from '@vigie/kernel';
import {
  autoAnswerLanguageFor,
  decideOutOfHoursAnswer,
  formatReopening,
  renderAutoAnswer,
} from '@vigie/sla-core';
import type { ClockWork } from '../clocks/clock-work';
import type { ResolvedPolicy } from '../policies/sla-policy.catalog';
import { AutoAnswerRepository } from './auto-answer.repository';

/** The name the outbox records for this automation. */
export const outOfHoursAutomation = 'sla.out_of_hours';

/**
 * Out of hours, tells the customer when the team is back, once per conversation per closed period, in the
 * customer's language and the calendar's zone. Queued in the outbox inside the recording transaction, so it is
 * sent exactly when the message is stored. It is not a response: its `brand_answered` is ignored by the clocks.
 */
@Injectable()
export class OutOfHoursResponder {
  private readonly logger = new Logger('SlaOutOfHours');

  constructor(
    private readonly answers: AutoAnswerRepository,
    private readonly outbox: OutboxService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onCustomerWrote(
    manager: EntityManager,
    params: {
      activity: Extract<ConversationActivity, { kind: 'customer_wrote' }>;
      policy: ResolvedPolicy;
      brandLanguage: string | null;
      work: ClockWork;
      /** The periods already answered in this conversation (read once per recorded batch). */
      answeredPeriodKeys: readonly string[];
    },
  ): Promise<string | null> {
    const { activity, policy } = params;
    const now = this.clock.now();
    const decision = decideOutOfHoursAnswer({
      calendar: policy.calendar,
      isEnabled: policy.spec.outOfHours.isEnabled,
      needsReply: activity.triage.needsReply,
      messageKind: activity.messageKind,
      at: activity.at,
      now,
      answeredPeriodKeys: params.answeredPeriodKeys,
    });
    if (decision.kind === 'skip') {
      this.logger.debug(
        { conversationId: activity.conversationId, reason: decision.reason },
        'No out-of-hours answer',
      );
      return null;
    }
    const language = autoAnswerLanguageFor({
      customerLanguage:
        activity.language ?? (activity.triage.language === 'other' ? null : activity.triage.language),
      brandLanguage: params.brandLanguage,
    });
    const rendered = renderAutoAnswer(policy.spec.outOfHours.templates[language], {
      reopensAt: formatReopening({
        reopensAt: decision.reopensAt,
        now,
        timezone: policy.spec.calendar.timezone,
        language,
      }),
    });
    const text = addressedAnswer({ text: rendered, mode: decision.mode, handle: activity.authorHandle });
    if (!text) {
      this.logger.warn(
        { conversationId: activity.conversationId, language },
        'Out-of-hours answer longer than X allows; not sent (shorten the template)',
      );
      return null;
    }
    const isNew = await this.answers.claim(manager, {
      conversationId: activity.conversationId,
      periodKey: decision.periodKey,
      language,
      text,
    });
    if (!isNew) return null;
    const { messageId } = await this.outbox.enqueue(manager, {
      conversationId: activity.conversationId,
      text,
      mode: decision.mode,
      author: { kind: 'automation', name: outOfHoursAutomation },
      idempotencyKey: `${outOfHoursAutomation}:${activity.conversationId}:${decision.periodKey}`,
    });
    await this.answers.attachMessage(manager, {
      conversationId: activity.conversationId,
      periodKey: decision.periodKey,
      messageId,
    });
    params.work.events.push({
      conversationId: activity.conversationId,
      clock: 'customer',
      metric: 'first_response',
      kind: 'auto_answered',
      at: now,
      dueAt: null,
      detail: `out-of-hours answer queued (${language}, ${decision.mode}): "${text}" — not a response, the clocks run on`,
    });
    return decision.periodKey;
  }

  /** The answered period keys of a batch's conversations, by conversation id. */
  periodKeysOf(manager: EntityManager, conversationIds: string[]): Promise<Map<string, string[]>> {
    return this.answers.periodKeysOf(manager, conversationIds);
  }

  /** Which of a batch's brand messages are automatic answers. */
  autoAnswerMessageIds(
    manager: EntityManager,
    messages: { conversationId: string; messageId: string }[],
  ): Promise<Set<string>> {
    return this.answers.autoAnswerMessageIds(manager, messages);
  }

  isAutoAnswer(
    manager: EntityManager,
    params: { conversationId: string; messageId: string },
  ): Promise<boolean> {
    return this.answers.isAutoAnswer(manager, params);
  }
}

/**
 * X refuses the same text posted twice by one account ("duplicate content"), so a public answer starts with the
 * customer's @handle, which also makes it a proper reply to them. Null when the text does not fit X's length:
 * the participant must not fail (that would roll the customer's message back), so the answer is skipped instead.
 */
export function addressedAnswer(params: {
  text: string;
  mode: 'public_reply' | 'direct_message';
  handle: string | null;
}): string | null {
  const candidates =
    params.mode === 'public_reply' && params.handle
      ? [`@${params.handle} ${params.text}`, params.text]
      : [params.text];
  return candidates.find((text) => checkReplyText({ text, mode: params.mode }).isValid) ?? null;
}
