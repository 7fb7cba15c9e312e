import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  SpikeBulkAnswerFailures,
  SpikeBulkAnswerTexts,
  SpikeBulkAnswerView,
  SpikeIncidentView,
} from '@vigie/contracts';
import { checkReplyText } from '@vigie/inbox-core';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { DomainEventBus } from '@vigie/server';
import { SpikeIncidentRepository } from '../incidents/spike-incident.repository';
import { SpikeIncidentsService } from '../incidents/spike-incidents.service';
import { bulkAnswerLanguages, longestHandlePrefix } from './bulk-answer-text';
import { BulkAnswerSender } from './bulk-answer-sender';
import { BulkAnswerRepository, type StoredBulkAnswer } from './bulk-answer.repository';

/**
 * Bulk answers (docs/spikes.md): one message, per language, to every conversation linked to an incident, each
 * reply through the outbox. Allowed on a closed incident too (the "it is fixed" update).
 */
@Injectable()
export class BulkAnswersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: SpikeIncidentRepository,
    private readonly incidentViews: SpikeIncidentsService,
    private readonly answers: BulkAnswerRepository,
    private readonly sender: BulkAnswerSender,
    private readonly events: DomainEventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Creates the bulk answer and queues its replies in one transaction. The same `requestKey` again (a retried
   * request) returns the same answer and queues only what is missing; with other texts it is refused (409). An
   * incident merged into another refuses it (409): its conversations moved there.
   */
  async create(params: {
    incidentId: string;
    texts: SpikeBulkAnswerTexts;
    requestKey: string;
    isForNewcomers: boolean;
    userId: string;
  }): Promise<SpikeBulkAnswerView> {
    const texts = checkTexts(params.texts);
    const answerId = await this.dataSource.transaction(async (manager) => {
      const incident = await this.incidents.lock(manager, params.incidentId);
      if (!incident)
        throw new DomainError({
          code: 'not_found',
          message: 'Incident not found',
          details: { id: params.incidentId },
        });
      if (incident.closure === 'merged')
        throw new DomainError({
          code: 'conflict',
          message: `This incident was merged into ${incident.mergedIntoId}: answer that incident.`,
          details: { reason: 'incident_merged', mergedIntoId: incident.mergedIntoId },
        });
      let answer = await this.answers.findByKey(manager, params);
      const isSameRequest = (found: StoredBulkAnswer): boolean =>
        found.isForNewcomers === params.isForNewcomers &&
        bulkAnswerLanguages.every((language) => found.texts[language] === texts[language]);
      if (answer && !isSameRequest(answer))
        throw new DomainError({
          code: 'conflict',
          message: 'This request key was already used for another bulk answer.',
          details: { reason: 'request_key_reused' },
        });
      answer ??= await this.answers.insert(manager, {
        incidentId: incident.id,
        requestKey: params.requestKey,
        texts,
        isForNewcomers: params.isForNewcomers,
        createdByUserId: params.userId,
        at: this.clock.now(),
      });
      const queued = await this.sender.send(manager, { answer, conversationIds: null });
      // The incident's SLA: its first public update is the first bulk answer that reached someone.
      if (queued > 0)
        await this.incidents.markFirstUpdate(manager, { id: incident.id, at: this.clock.now() });
      return answer.id;
    });
    const incident = await this.announce(params.incidentId);
    const view = incident.bulkAnswers.find((answer) => answer.id === answerId);
    if (!view) throw new Error(`The bulk answer ${answerId} is missing.`);
    return view;
  }

  /** The replies of one of the incident's bulk answers that did not go, with X's reasons (at most 200). */
  async failures(params: { incidentId: string; bulkAnswerId: string }): Promise<SpikeBulkAnswerFailures> {
    const failures = await this.answers.failures(this.dataSource.manager, { ...params, limit: 200 });
    if (!failures)
      throw new DomainError({
        code: 'not_found',
        message: 'Bulk answer not found',
        details: { id: params.incidentId, bulkAnswerId: params.bulkAnswerId },
      });
    return failures;
  }

  /** Tells the consoles the delivery moved (a reply of a bulk answer was sent or failed). */
  async onReplyOutcome(messageId: string): Promise<void> {
    const incidentId = await this.answers.incidentOfMessage(this.dataSource.manager, messageId);
    if (incidentId) await this.announce(incidentId);
  }

  private async announce(incidentId: string): Promise<SpikeIncidentView> {
    const incident = await this.incidentViews.viewOf(this.dataSource.manager, incidentId);
    this.events.publish('incident.updated', { incident });
    return incident;
  }
}

/**
 * The variants, without blank ones, each checked as X counts a post with the longest `@handle ` first (the
 * stricter limit: a conversation linked later may be public even when all linked so far are DMs).
 */
function checkTexts(texts: SpikeBulkAnswerTexts): SpikeBulkAnswerTexts {
  const kept: SpikeBulkAnswerTexts = {};
  for (const language of bulkAnswerLanguages) {
    const text = texts[language];
    if (text === undefined || text.trim() === '') continue;
    const check = checkReplyText({ text: `${longestHandlePrefix}${text}`, mode: 'public_reply' });
    if (!check.isValid) {
      const room = longestHandlePrefix.length;
      throw new DomainError({
        code: 'invalid',
        message: `The ${language} text is too long for X: ${check.weightedLength - room} characters as X counts them, at most ${check.maxWeightedLength - room} (the rest is kept for the customer's @handle).`,
        details: {
          reason: 'text_too_long',
          language,
          weightedLength: check.weightedLength - room,
          maxWeightedLength: check.maxWeightedLength - room,
        },
      });
    }
    kept[language] = text;
  }
  if (Object.keys(kept).length === 0)
    throw new DomainError({
      code: 'invalid',
      message: 'Write the answer in at least one language (texts.fr or texts.en).',
      details: { reason: 'text_empty' },
    });
  return kept;
}
