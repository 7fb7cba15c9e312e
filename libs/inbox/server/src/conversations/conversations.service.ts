import { Injectable } from '@nestjs/common';
import type { ConversationDetail, ConversationPage, ConversationSummary } from '@vigie/contracts';
import { ContactsService } from '@vigie/crm-server';
import { DomainError } from '@vigie/kernel';
import { MessageRepository } from '../messages/message.repository';
import type { Conversation } from './conversation.entity';
import { toConversationSummary, toMessageView, unknownContact } from './conversation.mapper';
import { ConversationRepository } from './conversation.repository';

type PageCursor = { lastActivityAt: Date; id: string };

/** The cursor is opaque to clients: base64url of `<last activity ISO>|<id>` of the page's last item. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(`${cursor.lastActivityAt.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(value: string): PageCursor {
  const [iso, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const lastActivityAt = new Date(iso ?? '');
  if (!id || Number.isNaN(lastActivityAt.getTime()))
    throw new DomainError({ code: 'invalid', message: 'This cursor is not one the API gave.' });
  return { lastActivityAt, id };
}

/** Reading conversations for the console. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
    private readonly contacts: ContactsService,
  ) {}

  async list(params: { cursor?: string; limit: number }): Promise<ConversationPage> {
    const after = params.cursor ? decodeCursor(params.cursor) : null;
    const rows = await this.conversations.listPage({ after, limit: params.limit + 1 });
    const page = rows.slice(0, params.limit);
    const last = page[page.length - 1];
    return {
      items: await this.summarize(page),
      nextCursor:
        rows.length > params.limit && last
          ? encodeCursor({ lastActivityAt: last.lastActivityAt, id: last.id })
          : null,
    };
  }

  /**
   * The summaries of these conversations, in the order of `ids` (unknown ids are left out): for lists whose
   * order another domain decides, e.g. routing's "mine" and "unassigned" views.
   */
  async summariesByIds(ids: string[]): Promise<ConversationSummary[]> {
    const byId = new Map((await this.conversations.findByIds(ids)).map((row) => [row.id, row]));
    return this.summarize(ids.flatMap((id) => byId.get(id) ?? []));
  }

  private async summarize(rows: Conversation[]): Promise<ConversationSummary[]> {
    const contacts = await this.contacts.summariesByIds(rows.map((row) => row.contactId));
    return rows.map((row) =>
      toConversationSummary(row, contacts.get(row.contactId) ?? unknownContact(row.contactId)),
    );
  }

  async get(id: string): Promise<ConversationDetail> {
    const conversation = await this.conversations.findById(id);
    if (!conversation) throw new DomainError({ code: 'not_found', message: `No conversation ${id}.` });
    const [contacts, messages] = await Promise.all([
      this.contacts.summariesByIds([conversation.contactId]),
      this.messages.listForConversation(id),
    ]);
    return {
      ...toConversationSummary(
        conversation,
        contacts.get(conversation.contactId) ?? unknownContact(conversation.contactId),
      ),
      messages: messages.map(toMessageView),
    };
  }
}
