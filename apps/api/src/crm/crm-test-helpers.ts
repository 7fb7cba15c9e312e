import { DataSource } from 'typeorm';
import type { ApiTestContext } from '../testing/api-test-context';

/** Inserts a contact with one X identity, as the ingestion path would (id returned). */
export async function seedContact(
  context: ApiTestContext,
  params: { externalUserId: string; handle: string; displayName: string; accountId?: string | null },
): Promise<string> {
  const dataSource = context.vigie.app.get(DataSource);
  const [contact] = (await dataSource.query(
    `INSERT INTO contact (display_name, language, account_id) VALUES ($1, 'fr', $2) RETURNING id`,
    [params.displayName, params.accountId ?? null],
  )) as { id: string }[];
  await dataSource.query(
    `INSERT INTO contact_identity (contact_id, channel, external_user_id, handle, display_name, followers_count, is_verified, language)
     VALUES ($1, 'x', $2, $3, $4, 10, false, 'fr')`,
    [contact?.id, params.externalUserId, params.handle, params.displayName],
  );
  return contact?.id ?? '';
}

export async function userIdOf(context: ApiTestContext, email: string): Promise<string> {
  const rows = (await context.vigie.app
    .get(DataSource)
    .query(`SELECT id FROM app_user WHERE email = $1`, [email])) as { id: string }[];
  if (!rows[0]) throw new Error(`no user ${email}`);
  return rows[0].id;
}

/** A brand, an X channel account and one conversation of `contactId` with one inbound message (ids returned). */
export async function seedConversation(
  context: ApiTestContext,
  params: { contactId: string; text: string; externalId: string },
): Promise<{ conversationId: string; messageId: string }> {
  const dataSource = context.vigie.app.get(DataSource);
  const [brand] = (await dataSource.query(
    `INSERT INTO brand (name, default_language) VALUES ($1, 'fr')
     ON CONFLICT ((lower(name))) DO UPDATE SET name = excluded.name RETURNING id`,
    ['CRM test brand'],
  )) as { id: string }[];
  const [account] = (await dataSource.query(
    `INSERT INTO channel_account (brand_id, channel, external_user_id, handle, display_name, status, mode, credentials_ciphertext)
     VALUES ($1, 'x', 'crm-brand', 'crmbrand', 'CRM Brand', 'disconnected', 'poll', 'none')
     ON CONFLICT (channel, external_user_id) DO UPDATE SET handle = excluded.handle RETURNING id`,
    [brand?.id],
  )) as { id: string }[];
  const at = context.clock.now();
  const [conversation] = (await dataSource.query(
    `INSERT INTO conversation (brand_id, channel_account_id, channel, kind, thread_key, contact_id, status,
       waiting_since, last_activity_at, last_message_preview, message_count)
     VALUES ($1, $2, 'x', 'public_thread', $3, $4, 'open', $5, $5, $6, 1) RETURNING id`,
    [brand?.id, account?.id, `thread-${params.externalId}`, params.contactId, at, params.text],
  )) as { id: string }[];
  const [message] = (await dataSource.query(
    `INSERT INTO message (channel, external_id, channel_account_id, conversation_id, direction, author_kind, kind,
       author_contact_id, text, delivery_status, sent_at, received_at, raw)
     VALUES ('x', $1, $2, $3, 'inbound', 'customer', 'mention', $4, $5, 'received', $6, $6, $7) RETURNING id`,
    [
      params.externalId,
      account?.id,
      conversation?.id,
      params.contactId,
      params.text,
      at,
      JSON.stringify({ text: params.text }),
    ],
  )) as { id: string }[];
  return { conversationId: conversation?.id ?? '', messageId: message?.id ?? '' };
}
