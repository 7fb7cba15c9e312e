import type {
  ConversationDetail,
  ConversationUpdated,
  MessageFailed,
  MessageReceived,
  MessageSent,
  NoteAdded,
} from '@vigie/contracts';
import { ApiClient, connectSocket, type TestSocket, waitForConnect } from '../testing/api-test-context';
import {
  createCustomer,
  injectPost,
  type IngestionTestContext,
  startIngestionTest,
  waitUntil,
} from '../testing/x-ingestion-test-context';

/** A Vigie ingesting from fake X, and a console's socket (signed in as `watcherEmail`) recording what it hears. */
export type InboxWatch = {
  context: IngestionTestContext;
  socket: TestSocket;
  heard: {
    received: MessageReceived[];
    sent: MessageSent[];
    failed: MessageFailed[];
    updated: ConversationUpdated[];
    notes: NoteAdded[];
  };
  close(): Promise<void>;
};

export async function startInboxWatch(watcherEmail: string): Promise<InboxWatch> {
  const context = await startIngestionTest();
  const watcher = new ApiClient(context.api.url);
  await watcher.login(watcherEmail);
  const socket = connectSocket(context.api.url, watcher.cookie);
  const heard: InboxWatch['heard'] = { received: [], sent: [], failed: [], updated: [], notes: [] };
  socket.on('message.received', (event) => heard.received.push(event));
  socket.on('message.sent', (event) => heard.sent.push(event));
  socket.on('message.failed', (event) => heard.failed.push(event));
  socket.on('conversation.updated', (event) => heard.updated.push(event));
  socket.on('note.added', (event) => heard.notes.push(event));
  await waitForConnect(socket);
  await waitUntil(
    async () =>
      (await context.control<{ data: { isConnected: boolean } }>('GET', '/control/stream')).body.data
        .isConnected,
  );
  return {
    context,
    socket,
    heard,
    async close() {
      socket.disconnect();
      await context.close();
    },
  };
}

/**
 * A customer mention (optionally in reply to a post), ingested from the stream: its conversation, once the
 * outbox is idle for it (out of hours the SLA queues an automatic answer with the post: it goes first, so
 * that the faults a test injects hit the test's own reply).
 */
export async function mentionConversation(
  watch: InboxWatch,
  params: { username: string; text: string; inReplyTo?: string },
) {
  const { context, heard } = watch;
  await createCustomer(context, params.username);
  const post = await injectPost(context, {
    author: params.username,
    text: `@VigieTelecom ${params.text}`,
    ...(params.inReplyTo ? { inReplyTo: params.inReplyTo } : {}),
  });
  await waitUntil(() => heard.received.some((event) => event.message.externalId === post.id));
  const event = heard.received.find(
    (candidate) => candidate.message.externalId === post.id,
  ) as MessageReceived;
  const conversationId = event.conversation.id;
  await waitUntil(
    async () =>
      (await context.count(
        `SELECT count(*) FROM outbox_message WHERE conversation_id = $1 AND status IN ('pending', 'sending')`,
        [conversationId],
      )) === 0,
  );
  const detail = (await context.admin.request('GET', `/api/conversations/${conversationId}`))
    .body as ConversationDetail;
  return { post, conversationId, lastMessageId: detail.messages.at(-1)?.id as string };
}
