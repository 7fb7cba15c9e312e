import {
  type ConversationSummary,
  type InboxItem,
  type MessageView,
  type SlaClockView,
} from '@vigie/contracts';
import {
  appendPage,
  applySlaAlerts,
  emptyConversationList,
  itemFromSummary,
  moveIfShown,
  nextConversationId,
  patchConversation,
  patchSlaClocks,
  refreshFirstPage,
  replaceFirstPage,
  upsertConversation,
  upsertMessage,
} from './conversation-list';

function summary(id: string, lastActivityAt: string, overrides: Partial<ConversationSummary> = {}) {
  return {
    id,
    brandId: 'brand',
    channelAccountId: 'account',
    channel: 'x',
    kind: 'public_thread',
    status: 'open',
    contact: {
      id: 'contact',
      channel: 'x',
      externalUserId: '1',
      handle: 'client',
      displayName: null,
      followersCount: null,
      isVerified: false,
      language: null,
    },
    lastMessagePreview: 'preview',
    messageCount: 1,
    lastActivityAt,
    waitingSince: null,
    needsReply: true,
    previousConversationId: null,
    createdAt: lastActivityAt,
    ...overrides,
  } as ConversationSummary;
}

/** A row as the list API gives it: in activity order, the sort key is the last activity. */
function conversation(id: string, lastActivityAt: string, overrides: Partial<InboxItem> = {}): InboxItem {
  return {
    ...summary(id, lastActivityAt),
    tags: [],
    priority: null,
    assigneeId: null,
    sla: { clocks: [], warnings: [] },
    sortAt: lastActivityAt,
    ...overrides,
  };
}

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe('the conversation list state', () => {
  const older = conversation('a', '2026-11-23T08:00:00.000Z');
  const newer = conversation('b', '2026-11-23T09:00:00.000Z');

  it('appends pages newest first and keeps the cursor of the last page', () => {
    const state = appendPage(appendPage(emptyConversationList, { items: [newer], nextCursor: 'c1' }), {
      items: [older],
      nextCursor: null,
    });
    expect(ids(state.items)).toEqual(['b', 'a']);
    expect(state).toMatchObject({ nextCursor: null, isLoaded: true });
  });

  it('moves a conversation to the top when a live event brings newer activity, without duplicating it', () => {
    const state = appendPage(emptyConversationList, { items: [newer, older], nextCursor: 'c1' });
    const moved = upsertConversation(state, summary('a', '2026-11-23T10:00:00.000Z'));
    expect(ids(moved.items)).toEqual(['a', 'b']);
    expect(moved.nextCursor).toBe('c1');
  });

  it('ignores a late event older than what the list already shows', () => {
    const state = appendPage(emptyConversationList, {
      items: [{ ...newer, lastMessagePreview: 'fresh' }],
      nextCursor: null,
    });
    const late = upsertConversation(
      state,
      summary('b', '2026-11-23T07:00:00.000Z', { lastMessagePreview: 'stale' }),
    );
    expect(late.items[0]?.lastMessagePreview).toBe('fresh');
  });

  it('refreshes the first page after a reconnection, keeping older pages and their cursor', () => {
    const state = appendPage(emptyConversationList, { items: [newer, older], nextCursor: 'c2' });
    const missed = conversation('c', '2026-11-23T11:00:00.000Z');
    const refreshed = refreshFirstPage(state, { items: [missed, newer], nextCursor: 'c1' });
    expect(ids(refreshed.items)).toEqual(['c', 'b', 'a']);
    expect(refreshed.nextCursor).toBe('c2');
  });

  it('orders conversations with the same activity time by id, like the API cursor', () => {
    const at = '2026-11-23T09:00:00.000Z';
    const state = appendPage(emptyConversationList, {
      items: [conversation('x1', at), conversation('x3', at), conversation('x2', at)],
      nextCursor: null,
    });
    expect(ids(state.items)).toEqual(['x3', 'x2', 'x1']);
  });

  it('patches the status of one conversation', () => {
    const state = appendPage(emptyConversationList, { items: [newer, older], nextCursor: null });
    expect(patchConversation(state, 'a', { status: 'resolved' }).items.map((item) => item.status)).toEqual([
      'open',
      'resolved',
    ]);
  });

  it.each([
    [null, 1, 'b'],
    ['b', 1, 'a'],
    ['a', 1, 'a'],
    ['a', -1, 'b'],
    ['b', -1, 'b'],
    ['gone', 1, 'b'],
  ] as const)('goes from %p by %p to %p', (current, step, expected) => {
    expect(nextConversationId([newer, older], current, step)).toBe(expected);
  });

  it('has no next conversation in an empty list', () => {
    expect(nextConversationId([], null)).toBeNull();
  });
});

describe('the open thread', () => {
  const message = (id: string, sentAt: string, deliveryStatus: MessageView['deliveryStatus'] = 'received') =>
    ({ id, sentAt, deliveryStatus }) as MessageView;

  it('keeps messages in channel order and replaces a message whose delivery changed', () => {
    const thread = [message('m1', '2026-11-23T08:00:00Z'), message('m3', '2026-11-23T08:10:00Z', 'pending')];
    const withNew = upsertMessage(thread, message('m2', '2026-11-23T08:05:00Z'));
    expect(ids(withNew)).toEqual(['m1', 'm2', 'm3']);
    const sent = upsertMessage(withNew, message('m3', '2026-11-23T08:10:00Z', 'sent'));
    expect(sent.map((item) => item.deliveryStatus)).toEqual(['received', 'received', 'sent']);
  });
});

describe('replaceFirstPage (routing views read again)', () => {
  const loaded = appendPage(emptyConversationList, {
    items: [
      conversation('d', '2026-03-01T10:04:00Z'),
      conversation('c', '2026-03-01T10:03:00Z'),
      conversation('b', '2026-03-01T10:02:00Z'),
      conversation('a', '2026-03-01T10:01:00Z'),
    ],
    nextCursor: 'older',
  });

  it('drops what left the view within the first page and keeps the older pages and their cursor', () => {
    const next = replaceFirstPage(loaded, {
      items: [conversation('e', '2026-03-01T10:05:00Z'), conversation('c', '2026-03-01T10:03:00Z')],
      nextCursor: 'page-2',
    });
    expect(next.items.map((item) => item.id)).toEqual(['e', 'c', 'b', 'a']);
    expect(next.nextCursor).toBe('older');
  });

  it('takes a first page without a next cursor as the whole view', () => {
    const next = replaceFirstPage(loaded, {
      items: [conversation('c', '2026-03-01T10:03:00Z')],
      nextCursor: null,
    });
    expect(next).toEqual({
      items: [conversation('c', '2026-03-01T10:03:00Z')],
      order: 'activity',
      nextCursor: null,
      isLoaded: true,
    });
  });

  it('empties the list when the view became empty', () => {
    expect(replaceFirstPage(loaded, { items: [], nextCursor: null }).items).toEqual([]);
  });
});

describe('moveIfShown', () => {
  const shown = appendPage(emptyConversationList, {
    items: [conversation('b', '2026-03-01T10:02:00Z'), conversation('a', '2026-03-01T10:01:00Z')],
    nextCursor: null,
  });

  it('moves a shown conversation to its new place', () => {
    const next = moveIfShown(shown, summary('a', '2026-03-01T10:09:00Z'));
    expect(next.items.map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('never adds a conversation the view does not hold', () => {
    expect(moveIfShown(shown, summary('z', '2026-03-01T10:09:00Z'))).toBe(shown);
  });
});

describe('lists in due order (at risk, breached)', () => {
  const due = (id: string, sortAt: string, lastActivityAt = '2026-03-01T09:00:00Z') =>
    conversation(id, lastActivityAt, { sortAt });
  const loaded = appendPage(emptyConversationList, {
    sort: 'due',
    items: [due('late', '2026-03-01T11:00:00Z'), due('soon', '2026-03-01T10:00:00Z')],
    nextCursor: null,
  });

  it('keeps the soonest due first, ties by id ascending, as the API does', () => {
    expect(ids(loaded.items)).toEqual(['soon', 'late']);
    const tied = appendPage(loaded, { items: [due('a-tie', '2026-03-01T10:00:00Z')], nextCursor: null });
    expect(ids(tied.items)).toEqual(['a-tie', 'soon', 'late']);
  });

  it('does not move a row when a message arrives: its due time is the API’s to tell', () => {
    const next = moveIfShown(loaded, summary('late', '2026-03-01T12:00:00Z', { lastMessagePreview: 'new' }));
    expect(ids(next.items)).toEqual(['soon', 'late']);
    expect(next.items[1]).toMatchObject({ lastMessagePreview: 'new', sortAt: '2026-03-01T11:00:00Z' });
  });
});

describe('rows from live events', () => {
  it('keep what the row knew besides the summary', () => {
    const known = conversation('a', '2026-03-01T10:00:00Z', { tags: ['vip'], priority: 'high' });
    expect(itemFromSummary(summary('a', '2026-03-01T10:05:00Z'), known, 'activity')).toMatchObject({
      tags: ['vip'],
      priority: 'high',
      sortAt: '2026-03-01T10:05:00Z',
    });
    expect(itemFromSummary(summary('b', '2026-03-01T10:05:00Z'), undefined, 'activity')).toMatchObject({
      tags: [],
      priority: null,
      sla: { clocks: [], warnings: [] },
    });
  });
});

describe('SLA changes on rows', () => {
  const clock = {
    clock: 'customer',
    metric: 'first_response',
    status: 'running',
    breachedAt: null,
    startedAt: '2026-03-01T10:00:00.000Z',
    dueAt: '2026-03-01T11:00:00.000Z',
  } as SlaClockView;
  const state = appendPage(emptyConversationList, {
    items: [conversation('a', '2026-03-01T10:00:00Z', { sla: { clocks: [clock], warnings: [] } })],
    nextCursor: null,
  });

  it('replaces the clocks on sla.updated, for a shown conversation only', () => {
    const fulfilled = { ...clock, status: 'fulfilled' } as SlaClockView;
    expect(patchSlaClocks(state, 'a', [fulfilled]).items[0]?.sla.clocks).toEqual([fulfilled]);
    expect(patchSlaClocks(state, 'z', [fulfilled])).toBe(state);
  });

  it('records a warning and a breach from the alerts', () => {
    const alert = {
      conversationId: 'a',
      clock: 'customer',
      metric: 'first_response',
      fraction: 0.5,
    } as const;
    const warned = applySlaAlerts(state, [
      { ...alert, kind: 'warning', dueAt: clock.dueAt as string, at: '2026-03-01T10:30:00.000Z' },
      { ...alert, conversationId: 'z', kind: 'warning', dueAt: '', at: '' },
    ]);
    expect(warned.items[0]?.sla.warnings).toEqual([
      { clock: 'customer', metric: 'first_response', at: '2026-03-01T10:30:00.000Z' },
    ]);
    const breached = applySlaAlerts(warned, [
      { ...alert, kind: 'breach', fraction: 1, dueAt: clock.dueAt as string, at: '2026-03-01T11:00:00.000Z' },
    ]);
    expect(breached.items[0]?.sla.clocks[0]?.breachedAt).toBe('2026-03-01T11:00:00.000Z');
  });
});
