import { applyConversationEvent, type ConversationState, decideThread } from './conversation-rules';

const at = (iso: string) => new Date(iso);
const resolved: ConversationState = {
  status: 'resolved',
  resolvedAt: at('2026-03-01T10:00:00Z'),
  waitingSince: null,
};

describe('decideThread (the reopen rule)', () => {
  it('creates a conversation for a thread seen for the first time', () => {
    expect(
      decideThread({
        latest: null,
        messageAt: at('2026-03-01T10:00:00Z'),
        isFromAccount: false,
        needsReply: true,
      }),
    ).toEqual({ action: 'create' });
  });

  it.each(['open', 'pending', 'snoozed'] as const)('joins a %s conversation', (status) => {
    const latest = { status, resolvedAt: null, waitingSince: null };
    expect(
      decideThread({ latest, messageAt: at('2026-03-01T10:00:00Z'), isFromAccount: false, needsReply: true }),
    ).toEqual({
      action: 'join',
    });
  });

  it.each([
    ['one minute after resolution', '2026-03-01T10:01:00Z', 'reopen'],
    ['exactly 7 days after', '2026-03-08T10:00:00Z', 'reopen'],
    ['7 days and a second after', '2026-03-08T10:00:01Z', 'create_linked'],
    ['a month after', '2026-04-01T10:00:00Z', 'create_linked'],
  ])('when the customer writes %s (%s), it decides %s', (_label, messageAt, action) => {
    expect(
      decideThread({ latest: resolved, messageAt: at(messageAt), isFromAccount: false, needsReply: true }),
    ).toEqual({
      action,
    });
  });

  it.each([
    ['one minute after resolution', '2026-03-01T10:01:00Z'],
    ['a month after resolution', '2026-04-01T10:00:00Z'],
  ])('keeps a resolved conversation resolved when a post needing no reply comes %s', (_label, messageAt) => {
    expect(
      decideThread({ latest: resolved, messageAt: at(messageAt), isFromAccount: false, needsReply: false }),
    ).toEqual({ action: 'join' });
  });

  it('creates a conversation for a new thread even when its first post needs no reply', () => {
    expect(
      decideThread({
        latest: null,
        messageAt: at('2026-03-01T10:00:00Z'),
        isFromAccount: false,
        needsReply: false,
      }),
    ).toEqual({ action: 'create' });
  });

  it('never reopens a resolved conversation for a post of the brand itself', () => {
    expect(
      decideThread({
        latest: resolved,
        messageAt: at('2026-03-01T11:00:00Z'),
        isFromAccount: true,
        needsReply: true,
      }),
    ).toEqual({ action: 'join' });
  });
});

describe('applyConversationEvent (state machine and waitingSince)', () => {
  const open: ConversationState = { status: 'open', resolvedAt: null, waitingSince: null };

  it('starts the wait at the first customer message and keeps it at the next ones', () => {
    const first = applyConversationEvent(open, {
      kind: 'customer_wrote',
      at: at('2026-03-01T10:00:00Z'),
      needsReply: true,
    });
    const second = applyConversationEvent(first, {
      kind: 'customer_wrote',
      at: at('2026-03-01T10:05:00Z'),
      needsReply: true,
    });
    expect(second).toEqual({ status: 'open', resolvedAt: null, waitingSince: at('2026-03-01T10:00:00Z') });
  });

  it('starts no wait for a customer message that needs no reply', () => {
    expect(
      applyConversationEvent(open, {
        kind: 'customer_wrote',
        at: at('2026-03-01T10:00:00Z'),
        needsReply: false,
      }),
    ).toEqual(open);
  });

  it('keeps a running wait when the customer adds a message that needs no reply', () => {
    const waiting = { ...open, waitingSince: at('2026-03-01T10:00:00Z') };
    expect(
      applyConversationEvent(waiting, {
        kind: 'customer_wrote',
        at: at('2026-03-01T10:09:00Z'),
        needsReply: false,
      }),
    ).toEqual(waiting);
  });

  it.each(['pending', 'snoozed', 'resolved'] as const)(
    'leaves a %s conversation as it is when the customer writes something needing no reply',
    (status) => {
      const state = { ...open, status };
      expect(
        applyConversationEvent(state, {
          kind: 'customer_wrote',
          at: at('2026-03-01T10:00:00Z'),
          needsReply: false,
        }),
      ).toEqual(state);
    },
  );

  it('stops the wait when the brand answers, without changing the status', () => {
    const waiting = { ...open, waitingSince: at('2026-03-01T10:00:00Z') };
    expect(
      applyConversationEvent(waiting, { kind: 'brand_answered', at: at('2026-03-01T10:03:00Z') }),
    ).toEqual(open);
  });

  it('keeps the wait when an answer older than it arrives late', () => {
    const waiting = { ...open, waitingSince: at('2026-03-01T10:00:00Z') };
    expect(
      applyConversationEvent(waiting, { kind: 'brand_answered', at: at('2026-03-01T09:00:00Z') }),
    ).toEqual(waiting);
  });

  it.each(['pending', 'snoozed'] as const)('wakes a %s conversation when the customer writes', (status) => {
    const state = applyConversationEvent(
      { ...open, status },
      { kind: 'customer_wrote', at: at('2026-03-01T10:00:00Z'), needsReply: true },
    );
    expect(state.status).toBe('open');
  });

  it('resolves (clearing the wait) and reopens', () => {
    const waiting = { ...open, waitingSince: at('2026-03-01T10:00:00Z') };
    const done = applyConversationEvent(waiting, { kind: 'resolved', at: at('2026-03-01T11:00:00Z') });
    expect(done).toEqual({ status: 'resolved', resolvedAt: at('2026-03-01T11:00:00Z'), waitingSince: null });
    expect(applyConversationEvent(done, { kind: 'reopened' })).toEqual(open);
    expect(applyConversationEvent(open, { kind: 'snoozed' }).status).toBe('snoozed');
    expect(applyConversationEvent(open, { kind: 'marked_pending' }).status).toBe('pending');
  });
});
