import { type MessageView } from '@vigie/contracts';
import {
  draftKey,
  lastMessageId,
  readDraft,
  replyErrorKey,
  replyInFlightByOther,
  replyLength,
  writeDraft,
} from './reply-rules';

describe('reply length as X counts it', () => {
  it('weighs a URL as 23 characters in a public reply', () => {
    expect(replyLength('Voir https://example.com/a/very/long/path/that/goes/on', 'public_reply')).toEqual({
      used: 5 + 23,
      max: 280,
      isValid: true,
    });
  });

  it('counts CJK characters twice and refuses past 280', () => {
    expect(replyLength('字'.repeat(140), 'public_reply')).toMatchObject({ used: 280, isValid: true });
    expect(replyLength('字'.repeat(141), 'public_reply')).toMatchObject({ used: 282, isValid: false });
  });

  it('allows 10,000 characters in a direct message, counting emoji once', () => {
    expect(replyLength('👋'.repeat(10_000), 'direct_message')).toEqual({
      used: 10_000,
      max: 10_000,
      isValid: true,
    });
    expect(replyLength('a'.repeat(10_001), 'direct_message').isValid).toBe(false);
  });

  it.each(['', '   '])('refuses an empty public reply %p', (text) => {
    expect(replyLength(text, 'public_reply').isValid).toBe(false);
  });
});

describe('the stale-reply guards', () => {
  const outbound = (overrides: Partial<MessageView>) =>
    ({
      id: 'm',
      direction: 'outbound',
      deliveryStatus: 'pending',
      authorUserId: 'other',
      ...overrides,
    }) as MessageView;

  it('blocks sending while another agent reply is pending, not my own nor a sent one', () => {
    expect(replyInFlightByOther([outbound({})], 'me')?.id).toBe('m');
    expect(replyInFlightByOther([outbound({ authorUserId: 'me' })], 'me')).toBeNull();
    expect(replyInFlightByOther([outbound({ deliveryStatus: 'sent' })], 'me')).toBeNull();
  });

  it('sends the id of the last message seen', () => {
    expect(lastMessageId([outbound({ id: 'm1' }), outbound({ id: 'm2' })])).toBe('m2');
    expect(lastMessageId([])).toBeUndefined();
  });

  it.each([
    [{ kind: 'network' } as const, 'conversation.reply.errors.network'],
    [httpFailure(409, 'conversation_changed'), 'conversation.reply.errors.conversationChanged'],
    [httpFailure(409, 'conflict'), 'conversation.reply.errors.inFlight'],
    [httpFailure(422, 'invalid'), 'conversation.reply.errors.tooLong'],
    [httpFailure(403, 'forbidden'), 'conversation.reply.errors.forbidden'],
    [httpFailure(500, 'internal'), 'conversation.reply.errors.unexpected'],
  ])('explains %p as %s', (failure, expected) => {
    expect(replyErrorKey(failure)).toBe(expected);
  });
});

describe('drafts', () => {
  function memoryStorage() {
    const values = new Map<string, string>();
    return {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
      removeItem: (key: string) => void values.delete(key),
      values,
    };
  }

  it('keeps a draft per user and conversation, and forgets it once emptied', () => {
    const storage = memoryStorage();
    const key = draftKey('u1', 'c1');
    writeDraft(storage, key, { text: 'Bonjour', mode: 'direct_message' });
    expect(readDraft(storage, key)).toEqual({ text: 'Bonjour', mode: 'direct_message' });
    expect(readDraft(storage, draftKey('u2', 'c1'))).toBeNull();
    writeDraft(storage, key, { text: '', mode: 'public_reply' });
    expect(storage.values.size).toBe(0);
  });

  it.each(['not json', '42', '{"mode":"public_reply"}'])('ignores a corrupt stored draft %p', (raw) => {
    const storage = memoryStorage();
    storage.setItem('k', raw);
    expect(readDraft(storage, 'k')).toBeNull();
  });
});

function httpFailure(status: number, code: string) {
  return {
    kind: 'http' as const,
    status,
    body: { statusCode: status, code, message: code, requestId: 'r' },
    retryAfter: null,
  };
}
