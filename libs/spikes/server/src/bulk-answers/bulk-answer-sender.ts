import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '@vigie/inbox-server';
import { isDomainError } from '@vigie/kernel';
import { personalisedText, pickBulkAnswerText } from './bulk-answer-text';
import { BulkAnswerRepository, type StoredBulkAnswer } from './bulk-answer.repository';

/**
 * Queues a bulk answer's reply in the outbox for each linked conversation it has not reached yet, in the
 * caller's transaction: by DM in a DM conversation, else publicly with the customer's `@handle` first, once per
 * customer (their other public conversations are recorded as skipped; docs/adr/0402). Each reply's idempotency key is `incident:<incident>:<conversation>:<answer>` and a
 * reply row records it, so a retried request or a replayed post never queues a second reply.
 */
@Injectable()
export class BulkAnswerSender {
  private readonly logger = new Logger('BulkAnswerSender');

  constructor(
    private readonly answers: BulkAnswerRepository,
    private readonly outbox: OutboxService,
  ) {}

  /** Returns how many replies it queued. `conversationIds` null: every linked conversation. */
  async send(
    manager: EntityManager,
    params: { answer: StoredBulkAnswer; conversationIds: readonly string[] | null },
  ): Promise<number> {
    const { answer } = params;
    const pending = await this.answers.conversationsToAnswer(manager, {
      bulkAnswerId: answer.id,
      incidentId: answer.incidentId,
      conversationIds: params.conversationIds,
    });
    let queued = 0;
    const answeredCustomers = new Set<string>();
    for (const conversation of pending) {
      const picked = pickBulkAnswerText({
        texts: answer.texts,
        language: conversation.language,
        brandLanguage: conversation.brandLanguage,
      });
      if (!picked) continue;
      const reply = {
        bulkAnswerId: answer.id,
        conversationId: conversation.conversationId,
        language: picked.language,
      };
      const isPublic = conversation.kind === 'public_thread';
      if (isPublic && (conversation.isCustomerAnswered || answeredCustomers.has(conversation.contactId))) {
        // One public answer per customer: X would refuse the same text again, and once is enough for them.
        await this.answers.recordReply(manager, { ...reply, messageId: null, failureReason: null });
        continue;
      }
      try {
        const { messageId } = await this.outbox.enqueue(manager, {
          conversationId: conversation.conversationId,
          text: personalisedText({ text: picked.text, kind: conversation.kind, handle: conversation.handle }),
          mode: isPublic ? 'public_reply' : 'direct_message',
          author: answer.createdByUserId
            ? { kind: 'agent', userId: answer.createdByUserId }
            : { kind: 'automation', name: 'incident-bulk-answer' },
          idempotencyKey: `incident:${answer.incidentId}:${conversation.conversationId}:${answer.id}`,
          // Paced within its share of the account's sending budget: hundreds of replies go out progressively.
          isBulk: true,
        });
        await this.answers.recordReply(manager, { ...reply, messageId, failureReason: null });
        if (isPublic) answeredCustomers.add(conversation.contactId);
        queued += 1;
      } catch (error) {
        // The outbox refuses before it writes (e.g. no post to answer): a failure of this one conversation.
        if (!isDomainError(error)) throw error;
        this.logger.warn({ ...reply, reason: error.message }, 'Bulk answer reply refused');
        await this.answers.recordReply(manager, { ...reply, messageId: null, failureReason: error.message });
      }
    }
    return queued;
  }
}
