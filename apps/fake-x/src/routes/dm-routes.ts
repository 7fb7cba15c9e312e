import { DM_EVENT_FIELDS, DM_EXPANSIONS, parseListParameter, USER_FIELDS } from '../render/field-selection';
import { renderUser, type Json } from '../render/tweet-renderer';
import type { DmEventRecord } from '../store/models';
import { isoDate, readJsonBody } from '../server/http-helpers';
import type { Route, RouteContext } from '../server/router';
import type { FakeXServices } from '../server/services';
import { genericProblem, invalidParameter, invalidRequest } from '../server/x-errors';
import { decodeToken, paginate, parseIntegerParameter } from './timeline-page';

const HISTORY_MS = 30 * 24 * 3600 * 1000;
const EVENT_TYPES = ['MessageCreate', 'ParticipantsJoin', 'ParticipantsLeave'];
const LOOKUP_PARAMETERS = [
  'dm_event.fields',
  'event_types',
  'expansions',
  'max_results',
  'pagination_token',
  'media.fields',
  'user.fields',
  'tweet.fields',
];

export function dmRoutes(services: FakeXServices): Route[] {
  const lookupApi = {
    endpoint: 'dm-lookup' as const,
    auth: 'user' as const,
    queryParameters: LOOKUP_PARAMETERS,
  };
  return [
    {
      method: 'GET',
      pattern: '/2/dm_events',
      api: lookupApi,
      handle: (context) => listEvents(services, context, () => true),
    },
    {
      method: 'GET',
      pattern: '/2/dm_conversations/with/:participant_id/dm_events',
      api: lookupApi,
      handle: (context) => {
        const participantId = context.params['participant_id'];
        listEvents(
          services,
          context,
          (event) => event.senderId === participantId || event.recipientId === participantId,
        );
      },
    },
    {
      method: 'GET',
      pattern: '/2/dm_conversations/:dm_conversation_id/dm_events',
      api: lookupApi,
      handle: (context) =>
        listEvents(
          services,
          context,
          (event) => event.conversationId === context.params['dm_conversation_id'],
        ),
    },
    {
      method: 'POST',
      pattern: '/2/dm_conversations/with/:participant_id/messages',
      api: { endpoint: 'dm-send', auth: 'user', queryParameters: [] },
      handle: (context) => sendMessage(services, context),
    },
  ];
}

function listEvents(
  services: FakeXServices,
  context: RouteContext,
  isInScope: (event: DmEventRecord) => boolean,
): void {
  if (context.auth.kind === 'app') throw genericProblem(403);
  const { query } = context;
  const fields = parseListParameter(query, 'dm_event.fields', DM_EVENT_FIELDS);
  const expansions = parseListParameter(query, 'expansions', DM_EXPANSIONS);
  const userFields = parseListParameter(query, 'user.fields', USER_FIELDS);
  const eventTypes = query.has('event_types')
    ? parseListParameter(query, 'event_types', EVENT_TYPES)
    : new Set(EVENT_TYPES);
  const maxResults = parseIntegerParameter(query, { name: 'max_results', min: 1, max: 100, fallback: 100 });
  const tokenValue = query.get('pagination_token');
  if (tokenValue !== null && tokenValue.length < 16)
    throw invalidParameter(
      'pagination_token',
      tokenValue,
      `The \`pagination_token\` query parameter value [${tokenValue}] is not valid`,
    );
  const token = tokenValue === null ? undefined : decodeToken('pagination_token', tokenValue);
  const since = services.clock.now() - HISTORY_MS;
  const events = eventTypes.has('MessageCreate')
    ? services.store
        .dmEventsOf(context.auth.user.id)
        .filter(
          (event) =>
            event.createdAtMs >= since && event.createdAtMs <= services.clock.now() && isInScope(event),
        )
    : [];
  const page = paginate({ newestFirst: events, maxResults, token, hasPreviousToken: true });
  const meta = { ...page.meta };
  delete meta['newest_id'];
  delete meta['oldest_id'];
  if (page.items.length === 0) {
    context.send(200, { meta });
    return;
  }
  const userIds: string[] = [];
  for (const event of page.items) {
    const ids = [
      ...(expansions.has('sender_id') ? [event.senderId] : []),
      ...(expansions.has('participant_ids') ? [event.senderId, event.recipientId] : []),
    ];
    for (const id of ids) if (!userIds.includes(id)) userIds.push(id);
  }
  const users = userIds.flatMap((id) => {
    const user = services.store.findUser(id);
    return user ? [renderUser(user, userFields, services.store)] : [];
  });
  context.send(200, {
    data: page.items.map((event) => renderDmEvent(event, fields)),
    ...(users.length > 0 ? { includes: { users } } : {}),
    meta,
  });
}

/** A v2 DM event: `id`, `event_type`, `text` by default (MessageCreate), plus requested fields. */
export function renderDmEvent(event: DmEventRecord, fields: ReadonlySet<string>): Json {
  const rendered: Json = { id: event.id, event_type: 'MessageCreate', text: event.text };
  if (fields.has('sender_id')) rendered['sender_id'] = event.senderId;
  if (fields.has('dm_conversation_id')) rendered['dm_conversation_id'] = event.conversationId;
  if (fields.has('created_at')) rendered['created_at'] = isoDate(event.createdAtMs);
  return rendered;
}

async function sendMessage(services: FakeXServices, context: RouteContext): Promise<void> {
  if (context.auth.kind === 'app') throw genericProblem(403);
  const sender = context.auth.user;
  const participantId = context.params['participant_id'];
  if (!/^[0-9]{1,19}$/.test(participantId))
    throw invalidParameter(
      'participant_id',
      participantId,
      `The \`participant_id\` path parameter value [${participantId}] does not match ^[0-9]{1,19}$`,
    );
  const body = await readJsonBody(context.request);
  const text = body['text'];
  if (typeof text !== 'string' || text.length === 0) {
    throw invalidRequest([
      {
        parameters: {},
        message: '$.text: is missing but it is required (a message needs text or attachments)',
      },
    ]);
  }
  if (Array.from(text).length > 10_000)
    throw invalidRequest([{ parameters: {}, message: '$.text: must be at most 10000 characters' }]);
  const recipient = services.store.findUser(participantId);
  if (!recipient || recipient.id === sender.id) {
    throw invalidParameter(
      'participant_id',
      participantId,
      `The \`participant_id\` value [${participantId}] is not a valid recipient for this conversation.`,
    );
  }
  const event = services.store.createDm({
    senderId: sender.id,
    recipientId: recipient.id,
    text,
    origin: 'api',
  });
  context.send(201, { data: { dm_conversation_id: event.conversationId, dm_event_id: event.id } });
}
