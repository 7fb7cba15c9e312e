import { type InboxItem, type SlaClockView } from '@vigie/contracts';
import { slaClockView } from '../sla/sla-clock.fixture';
import { rowSlaBadges } from './list-sla';

const now = new Date('2026-11-18T10:40:00Z');

function clock(changes: Partial<SlaClockView>): SlaClockView {
  return slaClockView({
    startedAt: '2026-11-18T10:00:00.000Z',
    dueAt: '2026-11-18T11:00:00.000Z',
    ...changes,
  });
}

function row(clocks: SlaClockView[], warnings: InboxItem['sla']['warnings'] = []) {
  return { id: 'c1', sla: { clocks, warnings } };
}

describe('rowSlaBadges', () => {
  it('counts down a running clock, customer first', () => {
    const badges = rowSlaBadges(
      row([clock({ clock: 'contract', hours: 'business' }), clock({ dueAt: '2026-11-18T10:50:00.000Z' })]),
      now,
    );
    expect(badges.map((badge) => [badge.clock, badge.level, badge.remainingMs])).toEqual([
      ['customer', 'running', 10 * 60_000],
      ['contract', 'running', 20 * 60_000],
    ]);
  });

  it('turns amber once the engine warned in this cycle, not for a warning of an earlier cycle', () => {
    expect(
      rowSlaBadges(
        row([clock({})], [{ clock: 'customer', metric: 'first_response', at: '2026-11-18T10:30:00.000Z' }]),
        now,
      )[0]?.level,
    ).toBe('warning');
    expect(
      rowSlaBadges(
        row([clock({})], [{ clock: 'customer', metric: 'first_response', at: '2026-11-17T10:30:00.000Z' }]),
        now,
      )[0]?.level,
    ).toBe('running');
  });

  it('turns red at the recorded breach, and once past due while running, before the engine says so', () => {
    expect(rowSlaBadges(row([clock({ breachedAt: '2026-11-18T11:00:00.000Z' })]), now)[0]?.level).toBe(
      'breached',
    );
    const overdue = rowSlaBadges(row([clock({ dueAt: '2026-11-18T10:39:00.000Z' })]), now)[0];
    expect(overdue).toMatchObject({ level: 'breached', remainingMs: -60_000 });
  });

  it('leaves met and stopped clocks out of the row, keeps a paused one', () => {
    expect(
      rowSlaBadges(row([clock({ status: 'fulfilled', fulfilledAt: '2026-11-18T10:20:00.000Z' })]), now),
    ).toEqual([]);
    expect(rowSlaBadges(row([clock({ status: 'stopped', dueAt: null })]), now)).toEqual([]);
    expect(rowSlaBadges(row([clock({ status: 'paused', dueAt: null })]), now)[0]?.level).toBe('paused');
    expect(rowSlaBadges(row([]), now)).toEqual([]);
  });
});
