import type { InboundMessage } from '@vigie/inbox-core';
import type { ThreadConversation } from '../conversations/conversation.repository';
import { type FreshMessage, planInboundBatch } from './inbound-batch-plan';

const at = (iso: string) => new Date(iso);

function message(
  externalId: string,
  overrides: Partial<InboundMessage> & { thread?: string } = {},
): FreshMessage {
  const { thread = `x:thread:${externalId}:42`, ...fields } = overrides;
  const item: InboundMessage = {
    channel: 'x',
    brandId: 'brand-1',
    channelAccountId: 'account-1',
    externalId,
    kind: 'mention',
    conversationKind: 'public_thread',
    threadKey: thread,
    isThreadKeyExact: true,
    text: '@VigieTelecom plus de réseau depuis ce matin',
    language: 'fr',
    sentAt: at('2026-03-02T10:00:00Z'),
    inReplyToExternalId: null,
    author: {
      externalUserId: '42',
      handle: 'nadia',
      displayName: 'Nadia',
      followersCount: 10,
      isVerified: false,
      language: 'fr',
    },
    isFromAccount: false,
    accountHandle: 'VigieTelecom',
    isPassingMention: false,
    raw: {},
    ...fields,
  };
  return { item, messageId: `message-${externalId}`, threadKey: thread, threadRef: `account-1 ${thread}` };
}

function plan(messages: FreshMessage[], latest: Record<string, ThreadConversation> = {}) {
  let next = 0;
  return planInboundBatch({
    messages,
    latest: new Map(Object.entries(latest)),
    contactIds: new Map([['42', 'contact-42']]),
    newConversationId: () => `new-${++next}`,
  });
}

describe('planInboundBatch (threading a batch in memory, in arrival order)', () => {
  it('creates one waiting conversation for a new thread and joins a follow-up of the same batch to it', () => {
    const result = plan([
      message('1', { thread: 't' }),
      message('2', {
        thread: 't',
        kind: 'reply',
        text: '@VigieTelecom toujours rien, vous faites quoi ?',
        sentAt: at('2026-03-02T10:05:00Z'),
      }),
    ]);

    expect(result.created).toEqual([
      expect.objectContaining({
        id: 'new-1',
        contactId: 'contact-42',
        messageCount: 2,
        needsReply: true,
        lastText: '@VigieTelecom toujours rien, vous faites quoi ?',
        lastActivityAt: at('2026-03-02T10:05:00Z'),
        state: { status: 'open', resolvedAt: null, waitingSince: at('2026-03-02T10:00:00Z') },
      }),
    ]);
    expect(result.changed).toEqual([]);
    expect(result.outcomes.map((outcome) => outcome !== 'ignored' && outcome.activity)).toEqual([
      expect.objectContaining({ kind: 'customer_wrote', thread: 'created', conversationId: 'new-1' }),
      expect.objectContaining({ kind: 'customer_wrote', thread: 'joined', conversationId: 'new-1' }),
    ]);
    expect(
      result.links.map((link) => [link.messageId, link.conversationId, link.triage?.needsReply]),
    ).toEqual([
      ['message-1', 'new-1', true],
      ['message-2', 'new-1', true],
    ]);
  });

  it('opens a conversation that never waits for a post needing no reply', () => {
    const result = plan([
      message('1', { kind: 'retweet', text: 'RT @VigieTelecom: Nouvelle offre fibre !' }),
    ]);

    expect(result.created[0]).toMatchObject({
      needsReply: false,
      state: { status: 'open', waitingSince: null },
    });
    expect(result.links[0]?.triage).toMatchObject({ needsReply: false });
  });

  it('keeps a resolved conversation resolved for thanks, then reopens it for a new problem in the same batch', () => {
    const resolved: ThreadConversation = {
      id: 'old',
      status: 'resolved',
      resolvedAt: at('2026-03-02T09:00:00Z'),
      waitingSince: null,
    };
    const result = plan(
      [
        message('1', { thread: 't', text: '@VigieTelecom merci !' }),
        message('2', {
          thread: 't',
          text: '@VigieTelecom encore en panne ce soir, plus de connexion',
          sentAt: at('2026-03-02T18:00:00Z'),
        }),
      ],
      { 'account-1 t': resolved },
    );

    expect(result.created).toEqual([]);
    expect(result.changed).toEqual([
      {
        conversationId: 'old',
        state: { status: 'open', resolvedAt: null, waitingSince: at('2026-03-02T18:00:00Z') },
        lastActivityAt: at('2026-03-02T18:00:00Z'),
        lastText: '@VigieTelecom encore en panne ce soir, plus de connexion',
        addedMessages: 2,
        needsReply: true,
      },
    ]);
    expect(
      result.outcomes.map(
        (outcome) => outcome !== 'ignored' && 'state' in outcome.activity && outcome.activity.state.status,
      ),
    ).toEqual(['resolved', 'open']);
  });

  it('lets the brand answer stop the wait, and ignores a brand post into a thread it never saw', () => {
    const waiting: ThreadConversation = {
      id: 'open-1',
      status: 'open',
      resolvedAt: null,
      waitingSince: at('2026-03-02T09:00:00Z'),
    };
    const brand = { isFromAccount: true, kind: 'own_post' as const, text: 'On regarde !' };
    const result = plan(
      [message('1', { ...brand, thread: 't' }), message('2', { ...brand, thread: 'unknown' })],
      {
        'account-1 t': waiting,
      },
    );

    expect(result.changed[0]).toMatchObject({
      conversationId: 'open-1',
      state: { waitingSince: null },
      needsReply: false,
    });
    expect(result.outcomes[1]).toBe('ignored');
    expect(result.removedMessageIds).toEqual(['message-2']);
    expect(result.links).toEqual([
      { messageId: 'message-1', conversationId: 'open-1', authorContactId: null, triage: null },
    ]);
  });

  it('keeps the newest message as the preview when the batch holds them out of order', () => {
    const open: ThreadConversation = { id: 'open-1', status: 'open', resolvedAt: null, waitingSince: null };
    const result = plan(
      [
        message('2', { thread: 't', text: 'newer', sentAt: at('2026-03-02T10:10:00Z') }),
        message('1', { thread: 't', text: 'older', sentAt: at('2026-03-02T10:00:00Z') }),
      ],
      { 'account-1 t': open },
    );
    expect(result.changed[0]).toMatchObject({
      lastText: 'newer',
      lastActivityAt: at('2026-03-02T10:10:00Z'),
    });
  });
});
