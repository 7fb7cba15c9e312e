import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ConversationNote, ConversationStatus } from '@vigie/contracts';

/** A conversation's hand-changed state, as the agent actions read and write it. */
export type ActionConversation = {
  id: string;
  brandId: string;
  channelAccountId: string;
  status: ConversationStatus;
  waitingSince: Date | null;
  resolvedAt: Date | null;
  snoozedUntil: Date | null;
  tags: string[];
};

type RawActionConversation = {
  id: string;
  brand_id: string;
  channel_account_id: string;
  status: ConversationStatus;
  waiting_since: Date | null;
  resolved_at: Date | null;
  snoozed_until: Date | null;
  tags: string[];
};

const actionColumns =
  'id, brand_id, channel_account_id, status, waiting_since, resolved_at, snoozed_until, tags';

function toActionConversation(row: RawActionConversation): ActionConversation {
  return {
    id: row.id,
    brandId: row.brand_id,
    channelAccountId: row.channel_account_id,
    status: row.status,
    waitingSince: row.waiting_since,
    resolvedAt: row.resolved_at,
    snoozedUntil: row.snoozed_until,
    tags: row.tags,
  };
}

type RawNote = {
  id: string;
  conversation_id: string;
  author_user_id: string;
  text: string;
  created_at: Date;
};

function toNote(row: RawNote): ConversationNote {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    authorUserId: row.author_user_id,
    text: row.text,
    createdAt: row.created_at.toISOString(),
  };
}

/** SQL for status changes, snooze wake-ups, tags and notes. */
@Injectable()
export class AgentActionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async lock(manager: EntityManager, id: string): Promise<ActionConversation | null> {
    const rows = (await manager.query(`SELECT ${actionColumns} FROM conversation WHERE id = $1 FOR UPDATE`, [
      id,
    ])) as RawActionConversation[];
    return rows[0] ? toActionConversation(rows[0]) : null;
  }

  /** Snoozed conversations whose time has come, locked; other processes skip them. */
  async lockDueSnoozes(manager: EntityManager, params: { now: Date; limit: number }) {
    const rows = (await manager.query(
      `SELECT ${actionColumns} FROM conversation WHERE status = 'snoozed' AND snoozed_until <= $1
       ORDER BY snoozed_until LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [params.now, params.limit],
    )) as RawActionConversation[];
    return rows.map(toActionConversation);
  }

  async saveState(
    manager: EntityManager,
    params: {
      id: string;
      status: ConversationStatus;
      waitingSince: Date | null;
      resolvedAt: Date | null;
      snoozedUntil: Date | null;
    },
  ): Promise<void> {
    await manager.query(
      `UPDATE conversation SET status = $2, waiting_since = $3, resolved_at = $4, snoozed_until = $5, updated_at = now()
       WHERE id = $1`,
      [params.id, params.status, params.waitingSince, params.resolvedAt, params.snoozedUntil],
    );
  }

  async saveTags(manager: EntityManager, params: { id: string; tags: string[] }): Promise<void> {
    await manager.query(`UPDATE conversation SET tags = $2::text[], updated_at = now() WHERE id = $1`, [
      params.id,
      params.tags,
    ]);
  }

  async find(id: string): Promise<ActionConversation | null> {
    const rows = (await this.dataSource.query(`SELECT ${actionColumns} FROM conversation WHERE id = $1`, [
      id,
    ])) as RawActionConversation[];
    return rows[0] ? toActionConversation(rows[0]) : null;
  }

  async insertNote(params: {
    conversationId: string;
    authorUserId: string;
    text: string;
    at: Date;
  }): Promise<ConversationNote> {
    const rows = (await this.dataSource.query(
      `INSERT INTO conversation_note (conversation_id, author_user_id, text, created_at) VALUES ($1, $2, $3, $4)
       RETURNING id, conversation_id, author_user_id, text, created_at`,
      [params.conversationId, params.authorUserId, params.text, params.at],
    )) as RawNote[];
    return toNote(rows[0] as RawNote);
  }

  async listNotes(conversationId: string): Promise<ConversationNote[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, conversation_id, author_user_id, text, created_at FROM conversation_note
       WHERE conversation_id = $1 ORDER BY created_at, id`,
      [conversationId],
    )) as RawNote[];
    return rows.map(toNote);
  }
}
