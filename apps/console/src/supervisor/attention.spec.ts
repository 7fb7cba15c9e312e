import { type InboxItem, type SlaClockView } from '@vigie/contracts';
import {
  attentionRows,
  countByState,
  filterRows,
  formatCountdown,
  reassignmentReason,
  selectedShown,
  sortByTimeLeft,
  summarizeReassignment,
} from './attention';
import { slaClockView } from '../sla/sla-clock.fixture';

const now = new Date('2026-11-18T10:40:00Z');

function clock(changes: Partial<SlaClockView>): SlaClockView {
  return slaClockView({
    clock: 'contract',
    hours: 'business',
    startedAt: '2026-11-18T10:00:00.000Z',
    dueAt: '2026-11-18T11:00:00.000Z',
    ...changes,
  });
}

function item(id: string, clocks: SlaClockView[], warned = true): InboxItem {
  return {
    id,
    brandId: 'b',
    channelAccountId: 'a',
    channel: 'x',
    kind: 'public_thread',
    status: 'open',
    contact: {
      id: `contact-${id}`,
      channel: 'x',
      externalUserId: id,
      handle: id,
      displayName: id,
      followersCount: null,
      isVerified: false,
      language: 'fr',
    },
    lastMessagePreview: '',
    messageCount: 1,
    lastActivityAt: '2026-11-18T10:00:00.000Z',
    waitingSince: '2026-11-18T10:00:00.000Z',
    needsReply: true,
    previousConversationId: null,
    createdAt: '2026-11-18T10:00:00.000Z',
    tags: [],
    priority: 'medium',
    assigneeId: null,
    sla: {
      clocks,
      warnings: warned
        ? [{ clock: 'contract', metric: 'first_response', at: '2026-11-18T10:30:00.000Z' }]
        : [],
    },
    sortAt: '2026-11-18T11:00:00.000Z',
  };
}

describe('attentionRows', () => {
  it('takes the soonest running clock as the time left, and marks warned rows at risk', () => {
    const [row] = attentionRows({
      breached: [],
      atRisk: [
        item('soon', [
          clock({}),
          clock({ clock: 'customer', hours: 'calendar', dueAt: '2026-11-18T10:50:00.000Z' }),
        ]),
      ],
      now,
    });
    expect(row).toMatchObject({ state: 'at_risk', remainingMs: 10 * 60_000 });
    expect(row?.badges.map((badge) => [badge.clock, badge.level])).toEqual([
      ['customer', 'running'],
      ['contract', 'warning'],
    ]);
  });

  it('turns a row red as soon as a clock runs out, before the next read of the views', () => {
    const [row] = attentionRows({
      breached: [],
      atRisk: [item('late', [clock({ dueAt: '2026-11-18T10:39:30.000Z' })])],
      now,
    });
    expect(row).toMatchObject({ state: 'breached', remainingMs: -30_000 });
  });

  it('lists a conversation once even when both views returned it, as breached', () => {
    const both = item('both', [
      clock({ breachedAt: '2026-11-18T10:30:00.000Z', dueAt: '2026-11-18T10:30:00.000Z' }),
    ]);
    const rows = attentionRows({ breached: [both], atRisk: [both], now });
    expect(rows.map((row) => [row.item.id, row.state])).toEqual([['both', 'breached']]);
  });

  it('has no time left for a paused clock', () => {
    const [row] = attentionRows({
      breached: [
        item('paused', [clock({ status: 'paused', dueAt: null, breachedAt: '2026-11-18T10:10:00.000Z' })]),
      ],
      atRisk: [],
      now,
    });
    expect(row).toMatchObject({ state: 'breached', remainingMs: null });
  });
});

describe('sortByTimeLeft', () => {
  const rows = attentionRows({
    breached: [
      item('overdue', [clock({ dueAt: '2026-11-18T10:20:00.000Z', breachedAt: '2026-11-18T10:20:00.000Z' })]),
    ],
    atRisk: [
      item('later', [clock({ dueAt: '2026-11-18T11:30:00.000Z' })]),
      item('paused', [clock({ status: 'paused', dueAt: null })]),
      item('sooner', [clock({ dueAt: '2026-11-18T10:45:00.000Z' })]),
    ],
    now,
  });
  const ids = (sorted: ReturnType<typeof sortByTimeLeft>) => sorted.map((row) => row.item.id);

  it.each([
    ['ascending', ['overdue', 'sooner', 'later', 'paused']],
    ['descending', ['later', 'sooner', 'overdue', 'paused']],
  ] as const)('sorts %s, rows without a running clock last', (direction, expected) => {
    expect(ids(sortByTimeLeft(rows, direction))).toEqual(expected);
  });

  it('breaks ties by id so rows do not jump between renders', () => {
    const twins = attentionRows({
      breached: [],
      atRisk: [item('b', [clock({})]), item('a', [clock({})])],
      now,
    });
    expect(ids(sortByTimeLeft(twins, 'ascending'))).toEqual(['a', 'b']);
    expect(ids(sortByTimeLeft(twins, 'descending'))).toEqual(['a', 'b']);
  });

  it('filters and counts by state', () => {
    expect(countByState(rows)).toEqual({ breached: 1, at_risk: 3 });
    expect(filterRows(rows, 'breached').map((row) => row.item.id)).toEqual(['overdue']);
    expect(filterRows(rows, 'all')).toHaveLength(4);
  });

  it('keeps the selection to the rows shown', () => {
    expect(selectedShown(rows, new Set(['sooner', 'gone']))).toEqual(['sooner']);
  });
});

describe('formatCountdown', () => {
  it.each([
    [0, '0:00'],
    [59_999, '0:59'],
    [12 * 60_000 + 5_000, '12:05'],
    [-(3 * 60_000 + 20_000), '−3:20'],
    [3_600_000 + 5 * 60_000, '1 h 05'],
    [-(2 * 3_600_000), '−2 h 00'],
    [2 * 86_400_000 + 3 * 3_600_000, '2 d 3 h'],
  ])('writes %d ms as %s', (milliseconds, expected) => {
    expect(formatCountdown(milliseconds)).toBe(expected);
  });
});

describe('summarizeReassignment', () => {
  it('counts each outcome and groups refusals by reason, most frequent first', () => {
    expect(
      summarizeReassignment([
        { conversationId: '1', outcome: 'accepted', explanation: '' },
        { conversationId: '2', outcome: 'accepted', explanation: '' },
        { conversationId: '3', outcome: 'unchanged', why: 'already_assigned', explanation: '' },
        { conversationId: '4', outcome: 'rejected', why: 'missing_skills', explanation: '' },
        { conversationId: '5', outcome: 'rejected', why: 'over_capacity', explanation: '' },
        { conversationId: '6', outcome: 'rejected', why: 'over_capacity', explanation: '' },
      ]),
    ).toEqual({
      accepted: 2,
      unchanged: 1,
      rejected: [
        { why: 'over_capacity', count: 2 },
        { why: 'missing_skills', count: 1 },
      ],
    });
    expect(summarizeReassignment([])).toEqual({ accepted: 0, unchanged: 0, rejected: [] });
  });
});

describe('reassignmentReason', () => {
  it('names the reasons routing gives, and reads an unknown one as other', () => {
    expect(reassignmentReason('over_capacity')).toBe('over_capacity');
    expect(reassignmentReason('target_offline')).toBe('target_offline');
    expect(reassignmentReason('a_new_rule')).toBe('other');
  });
});
