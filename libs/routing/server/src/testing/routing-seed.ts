import type { DataSource, EntityManager } from 'typeorm';
import type { ConversationActivity } from '@vigie/inbox-server';

/**
 * Seeds a routing scenario straight into the tables (for the concurrency test and `bench:routing`): a brand and
 * its X account, `conversationCount` waiting conversations already queued (priorities and languages mixed), and
 * `agentCount` online agents of `capacity` in one team, speaking fr, en or both. Returns the ids.
 */
export function seedRoutingScenario(
  dataSource: DataSource,
  params: SeedParams,
): Promise<{ brandId: string; teamId: string; agentIds: string[]; conversationIds: string[] }> {
  // One transaction: on a PGlite socket shared by several connections only a transaction keeps one
  // connection's messages together.
  return dataSource.transaction((manager) => seed(manager, params));
}

type SeedParams = {
  conversationCount: number;
  agentCount: number;
  capacity: number;
  at: Date;
  label: string;
};

async function seed(
  dataSource: EntityManager,
  params: SeedParams,
): Promise<{ brandId: string; teamId: string; agentIds: string[]; conversationIds: string[] }> {
  const { at, label } = params;
  const [brand] = (await dataSource.query(
    `INSERT INTO brand (name, default_language) VALUES ($1, 'fr') RETURNING id`,
    [`Routing ${label}`],
  )) as { id: string }[];
  const brandId = (brand as { id: string }).id;
  const [account] = (await dataSource.query(
    `INSERT INTO channel_account (brand_id, channel, external_user_id, handle, display_name, status, mode,
       credentials_ciphertext) VALUES ($1, 'x', $2, $2, $2, 'connected', 'stream', 'none') RETURNING id`,
    [brandId, `routing-${label}`],
  )) as { id: string }[];
  const [team] = (await dataSource.query(`INSERT INTO team (name) VALUES ($1) RETURNING id`, [
    `Routing ${label}`,
  ])) as { id: string }[];
  const teamId = (team as { id: string }).id;
  const agents = (await dataSource.query(
    `INSERT INTO app_user (email, display_name, password_hash, role, languages, skills)
     SELECT $2 || g || '@routing.test', 'Agent ' || g, 'not-a-hash', 'agent',
       CASE g % 3 WHEN 0 THEN ARRAY['fr'] WHEN 1 THEN ARRAY['en'] ELSE ARRAY['fr', 'en'] END, '{}'
     FROM generate_series(1, $1::int) AS g ORDER BY g RETURNING id`,
    [params.agentCount, `${label}-agent-`],
  )) as { id: string }[];
  const agentIds = agents.map((agent) => agent.id);
  await dataSource.query(`INSERT INTO team_member (team_id, user_id) SELECT $1, unnest($2::uuid[])`, [
    teamId,
    agentIds,
  ]);
  await dataSource.query(
    `INSERT INTO routing_agent (user_id, status, status_since, capacity, last_active_at)
     SELECT unnest($1::uuid[]), 'online', $2, $3, $2`,
    [agentIds, at, params.capacity],
  );
  await dataSource.query(
    `INSERT INTO contact (display_name) SELECT $2 || g FROM generate_series(1, $1::int) AS g`,
    [params.conversationCount, `${label}-contact-`],
  );
  const conversations = (await dataSource.query(
    `INSERT INTO conversation (brand_id, channel_account_id, channel, kind, thread_key, contact_id, status,
       waiting_since, last_activity_at)
     SELECT $1, $2, 'x', 'public_thread', $4 || c.display_name, c.id, 'open', $3, $3
     FROM contact c WHERE c.display_name LIKE $4 || '%' RETURNING id, contact_id`,
    [brandId, (account as { id: string }).id, at, `${label}-contact-`],
  )) as { id: string; contact_id: string }[];
  await dataSource.query(
    `INSERT INTO routing_conversation (conversation_id, brand_id, contact_id, team_id, language, priority,
       priority_rank, priority_score, priority_reasons, priority_signals, is_crm_checked, waiting_since, due_at,
       queued_at)
     SELECT c.id, $1, c.contact_id, $2, CASE WHEN g % 2 = 0 THEN 'fr' ELSE 'en' END,
       (ARRAY['urgent', 'high', 'medium', 'low'])[1 + (g % 4)::int], (g % 4)::smallint, 0, '{}',
       jsonb_build_object('intent', 'question', 'sentiment', 'neutral', 'urgencyWords', '[]'::jsonb,
         'followers', 0, 'isVerified', false, 'at', $3::timestamptz),
       true, $3, $3::timestamptz + interval '1 hour' + (g % 97) * interval '1 second',
       $3::timestamptz + g * interval '1 millisecond'
     FROM unnest($4::uuid[], $5::uuid[]) WITH ORDINALITY AS c(id, contact_id, g)`,
    [
      brandId,
      teamId,
      at,
      conversations.map((conversation) => conversation.id),
      conversations.map((conversation) => conversation.contact_id),
    ],
  );
  return { brandId, teamId, agentIds, conversationIds: conversations.map((conversation) => conversation.id) };
}

/** What the inbox hands its participants when a conversation is resolved (for the bench and tests). */
export function resolvedActivity(params: {
  conversationId: string;
  brandId: string;
  userId: string | null;
  at: Date;
}): ConversationActivity {
  return {
    kind: 'status_changed',
    conversationId: params.conversationId,
    brandId: params.brandId,
    channelAccountId: params.brandId,
    from: { status: 'open', resolvedAt: null, waitingSince: params.at },
    state: { status: 'resolved', resolvedAt: params.at, waitingSince: null },
    snoozedUntil: null,
    userId: params.userId,
    at: params.at,
  };
}
