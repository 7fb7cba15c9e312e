import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConversationPage, RoutingInboxView } from '@vigie/contracts';
import { ConversationsService, decodeCursor, encodeCursor } from '@vigie/inbox-server';
import { RoutingInboxRepository } from './routing-inbox.repository';

/** The console's "Mine" and "Unassigned" lists: routing picks and orders the page, the inbox describes it. */
@Injectable()
export class RoutingInboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: RoutingInboxRepository,
    private readonly conversations: ConversationsService,
  ) {}

  async page(params: {
    view: RoutingInboxView;
    agentId: string;
    cursor?: string;
    limit: number;
  }): Promise<ConversationPage> {
    const rows = await this.repository.listPage(this.dataSource.manager, {
      view: params.view,
      agentId: params.agentId,
      after: params.cursor ? decodeCursor(params.cursor) : null,
      limit: params.limit + 1,
    });
    const page = rows.slice(0, params.limit);
    const last = page[page.length - 1];
    return {
      items: await this.conversations.summariesByIds(page.map((row) => row.conversationId)),
      nextCursor:
        rows.length > params.limit && last
          ? encodeCursor({ lastActivityAt: last.lastActivityAt, id: last.conversationId })
          : null,
    };
  }
}
