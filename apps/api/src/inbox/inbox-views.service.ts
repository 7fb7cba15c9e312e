import { Inject, Injectable } from '@nestjs/common';
import {
  type InboxFacets,
  type InboxItem,
  type InboxPage,
  type InboxView,
  type InboxVolume,
  inboxViewsFor,
  channelNames,
  messageIntents,
  type Role,
  routingPriorities,
} from '@vigie/contracts';
import { ConversationsService } from '@vigie/inbox-server';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import { SlaReadService } from '@vigie/sla-server';
import { reportingRange } from '@vigie/server';
import { decodeInboxCursor, encodeInboxCursor, searchTsquery, sortOf } from './inbox-query';
import { type InboxRowFilters, InboxViewsRepository } from './inbox-views.repository';

export type InboxActor = { userId: string; role: Role };

const maxVolumeDays = 31;

export type InboxPageRequest = {
  view: InboxView;
  filters: Omit<InboxRowFilters, 'tsquery'> & { q?: string };
  cursor?: string;
  limit: number;
};

/**
 * The console's lists (docs/console.md, docs/adr/0501): the view and filters pick and order a page of ids; the
 * inbox describes them (`ConversationsService.summariesByIds`), the SLA read side gives their clocks.
 */
@Injectable()
export class InboxViewsService {
  constructor(
    private readonly repository: InboxViewsRepository,
    private readonly conversations: ConversationsService,
    private readonly sla: SlaReadService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(actor: InboxActor, request: InboxPageRequest): Promise<InboxPage> {
    if (!inboxViewsFor(actor.role).includes(request.view))
      throw new DomainError({
        code: 'forbidden',
        message: `The ${actor.role} role cannot open the ${request.view} view; it may open: ${inboxViewsFor(actor.role).join(', ')}.`,
      });
    const sort = sortOf(request.view);
    const { q, ...filters } = request.filters;
    const rows = await this.repository.listPage({
      view: request.view,
      userId: actor.userId,
      now: this.clock.now(),
      filters: { ...filters, ...(q?.trim() ? { tsquery: searchTsquery(q) } : {}) },
      after: request.cursor ? decodeInboxCursor(request.cursor, sort) : null,
      limit: request.limit + 1,
    });
    const page = rows.slice(0, request.limit);
    const ids = page.map((row) => row.conversationId);
    const [summaries, decorations, clocks, warnings] = await Promise.all([
      this.conversations.summariesByIds(ids),
      this.repository.decorations(ids),
      this.sla.clockViewsOf(ids),
      this.repository.warnings(ids),
    ]);
    const sortAtById = new Map(page.map((row) => [row.conversationId, row.sortAt.toISOString()]));
    const items = summaries.map((summary): InboxItem => ({
      ...summary,
      tags: decorations.get(summary.id)?.tags ?? [],
      priority: decorations.get(summary.id)?.priority ?? null,
      assigneeId: decorations.get(summary.id)?.assigneeId ?? null,
      sla: { clocks: clocks.get(summary.id) ?? [], warnings: warnings.get(summary.id) ?? [] },
      sortAt: sortAtById.get(summary.id) ?? summary.lastActivityAt,
    }));
    const last = page[page.length - 1];
    return {
      view: request.view,
      sort,
      items,
      nextCursor:
        rows.length > request.limit && last
          ? encodeInboxCursor(sort, { sortAt: last.sortAt, id: last.conversationId })
          : null,
    };
  }

  /**
   * Customers' mentions and DMs per hour (the supervisor board's volume chart). Default: the 24 hours to now in
   * Paris; at most 31 days (744 hours).
   */
  async volume(params: { from?: string; to?: string; timezone?: string }): Promise<InboxVolume> {
    const { from, to, timezone } = reportingRange({
      ...params,
      now: this.clock.now(),
      defaultDays: 1,
      maxDays: maxVolumeDays,
    });
    const hours = await this.repository.hourlyVolume({ from, to, timezone });
    return { from: from.toISOString(), to: to.toISOString(), timezone, hours };
  }

  async facets(): Promise<InboxFacets> {
    const [brands, routedLanguages, tags] = await Promise.all([
      this.repository.brands(),
      this.repository.routedLanguages(),
      this.repository.topTags(50),
    ]);
    const languages = new Set([
      'fr',
      'en',
      ...brands.map((brand) => brand.defaultLanguage),
      ...routedLanguages,
    ]);
    return {
      brands: brands.map((brand) => ({ id: brand.id, name: brand.name })),
      channels: [...channelNames],
      languages: [...languages].filter((language) => /^[a-z]{2}$/.test(language)).sort(),
      intents: [...messageIntents],
      priorities: [...routingPriorities],
      tags,
    };
  }
}
