import { Inject, Injectable } from '@nestjs/common';
import {
  cannedAnswerVariables,
  type ConversationCannedAnswers,
  type ConversationDetail,
  type RenderedCannedAnswer,
} from '@vigie/contracts';
import { nextOpeningAfter, renderCannedTemplate } from '@vigie/canned-core';
import { ConversationsService } from '@vigie/inbox-server';
import { CLOCK, type Clock } from '@vigie/kernel';
import { BusinessCalendar, formatReopening } from '@vigie/sla-core';
import { SlaPoliciesService, SlaReadService } from '@vigie/sla-server';
import { CannedAnswerRepository } from '../answers/canned-answer.repository';
import { byLanguage, cannedValues, conversationLanguage, formattingLanguage } from './canned-values';

/** The agent filling the answer in. */
export type RenderingAgent = { userId: string; displayName: string };

type Reopening = { at: Date; timezone: string } | null;

const maxCachedCalendars = 200;

/**
 * Canned answers filled in for one conversation (docs/adr/0502): the customer's name and handle, the agent's
 * name, the brand's name and its next opening from the SLA calendar that governs the conversation, rendered on
 * the server where the calendar lives, in one pass (a value is never read as a template).
 */
@Injectable()
export class CannedRenderingService {
  /** One `BusinessCalendar` per policy version: a calendar caches its compiled years (docs/adr/0101). */
  private readonly calendars = new Map<string, BusinessCalendar>();

  constructor(
    private readonly answers: CannedAnswerRepository,
    private readonly conversations: ConversationsService,
    private readonly slaRead: SlaReadService,
    private readonly slaPolicies: SlaPoliciesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async forConversation(params: {
    conversationId: string;
    agent: RenderingAgent;
    /** The agent's console language: formats `{{next_opening}}` for answers in other languages. */
    locale?: string;
    search?: string;
  }): Promise<ConversationCannedAnswers> {
    const conversation = await this.conversations.get(params.conversationId);
    const [brandName, stored] = await Promise.all([
      this.answers.brandName(conversation.brandId),
      this.answers.list({
        brandId: conversation.brandId,
        search: params.search?.trim() || undefined,
        isDeletedIncluded: false,
        limit: 500,
      }),
    ]);
    const language = conversationLanguage(conversation);
    const usesNextOpening = stored.some((answer) => answer.body.includes('next_opening'));
    const reopening = usesNextOpening ? await this.reopening(conversation) : null;
    const now = this.clock.now();
    const items = stored.map((answer): RenderedCannedAnswer => {
      const values = cannedValues({
        contact: conversation.contact,
        agentName: params.agent.displayName,
        brandName,
        nextOpening: reopening
          ? formatReopening({
              reopensAt: reopening.at,
              now,
              timezone: reopening.timezone,
              language: formattingLanguage(answer.language, params.locale),
            })
          : null,
      });
      return {
        id: answer.id,
        language: answer.language,
        title: answer.title,
        shortcut: answer.shortcut,
        body: answer.body,
        ...renderCannedTemplate({ body: answer.body, known: cannedAnswerVariables, values }),
      };
    });
    return { conversationId: conversation.id, language, items: byLanguage(items, language) };
  }

  /**
   * The next opening of the calendar that governs this conversation: the policy its clocks run on, else the
   * brand's first policy (the built-in default when it has none).
   */
  private async reopening(conversation: ConversationDetail): Promise<Reopening> {
    const [sla, policies] = await Promise.all([
      this.slaRead.conversationSla(conversation.id),
      this.slaPolicies.list(conversation.brandId),
    ]);
    const policy = policies.find((candidate) => candidate.name === sla.policyName) ?? policies[0];
    if (!policy) return null;
    const key = `${policy.id ?? 'default'}:${policy.version}`;
    let calendar = this.calendars.get(key);
    if (!calendar) {
      if (this.calendars.size >= maxCachedCalendars) this.calendars.clear();
      calendar = new BusinessCalendar(policy.spec.calendar);
      this.calendars.set(key, calendar);
    }
    const at = nextOpeningAfter(calendar, this.clock.now());
    return at ? { at, timezone: policy.spec.calendar.timezone } : null;
  }
}
