import { type ConversationSla, type SlaClockView, type SlaEventView } from '@vigie/contracts';
import { formatDuration, slaBadges } from './sla-badges';
import { slaClockView } from './sla-clock.fixture';

const now = new Date('2026-11-23T10:00:00.000Z');

const clock = slaClockView;

function sla(clocks: SlaClockView[], events: SlaEventView[] = []): ConversationSla {
  return {
    conversationId: 'conversation-1',
    policyName: 'default',
    timezone: 'Europe/Paris',
    clocks,
    events,
  };
}

function warned(overrides: Partial<SlaEventView> = {}): SlaEventView {
  return {
    id: 'event-1',
    clock: 'customer',
    metric: 'first_response',
    kind: 'warned',
    at: '2026-11-23T09:54:00.000Z',
    dueAt: '2026-11-23T10:30:00.000Z',
    detail: '80%',
    ...overrides,
  };
}

describe('the SLA badges', () => {
  it('shows the customer clock, then the contract clock, with the time left', () => {
    const badges = slaBadges(
      sla([
        clock({ clock: 'contract', dueAt: '2026-11-23T14:00:00.000Z', hours: 'business' }),
        clock({ clock: 'customer' }),
      ]),
      now,
    );
    expect(badges.map((badge) => [badge.clock, badge.level, badge.remainingMs])).toEqual([
      ['customer', 'running', 30 * 60_000],
      ['contract', 'running', 4 * 3_600_000],
    ]);
  });

  it.each([
    { case: 'the engine warned about this clock', clocks: [clock({})], events: [warned()], level: 'warning' },
    {
      case: 'a warning about another clock',
      clocks: [clock({})],
      events: [warned({ clock: 'contract' })],
      level: 'running',
    },
    {
      case: 'a warning from an earlier clock',
      clocks: [clock({})],
      events: [warned({ at: '2026-11-23T09:00:00.000Z' })],
      level: 'running',
    },
    {
      case: 'the due time has passed',
      clocks: [clock({ dueAt: '2026-11-23T09:59:00.000Z' })],
      events: [],
      level: 'breached',
    },
    {
      case: 'a breach was recorded',
      clocks: [clock({ breachedAt: '2026-11-23T09:59:00.000Z' })],
      events: [warned()],
      level: 'breached',
    },
    {
      case: 'the answer came in time',
      clocks: [clock({ status: 'fulfilled', dueAt: null, fulfilledAt: '2026-11-23T09:40:00.000Z' })],
      events: [],
      level: 'fulfilled',
    },
    {
      case: 'the clock is paused',
      clocks: [clock({ status: 'paused', dueAt: null })],
      events: [],
      level: 'paused',
    },
  ])('is $level when $case', ({ clocks, events, level }) => {
    expect(slaBadges(sla(clocks, events), now)[0].level).toBe(level);
  });

  it('prefers the live clock of a kind over one that ended', () => {
    const badges = slaBadges(
      sla([
        clock({ metric: 'first_response', status: 'fulfilled', startedAt: '2026-11-23T08:00:00.000Z' }),
        clock({ metric: 'next_response' }),
      ]),
      now,
    );
    expect(badges).toHaveLength(1);
    expect(badges[0].metric).toBe('next_response');
  });

  it('shows nothing for a conversation without clocks', () => {
    expect(slaBadges(sla([]), now)).toEqual([]);
  });

  it.each([
    [0, '0 min'],
    [59_999, '0 min'],
    [12 * 60_000, '12 min'],
    [-12 * 60_000, '12 min'],
    [65 * 60_000, '1 h 05'],
    [(2 * 1440 + 180) * 60_000, '2 d 3 h'],
  ])('formats %i ms as %s', (milliseconds, text) => {
    expect(formatDuration(milliseconds)).toBe(text);
  });
});
