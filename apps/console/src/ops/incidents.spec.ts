import {
  applyIncidentChange,
  conversationIdFrom,
  customerLabel,
  incidentStatusKey,
  increaseRatio,
  mergeCandidates,
  sortIncidents,
} from './incidents';
import { incidentFixture } from './incident.fixture';

const incident = incidentFixture;

describe('incident list', () => {
  it('puts open incidents first, the most severe first, then the newest; closed ones after, newest first', () => {
    const sorted = sortIncidents([
      incident({
        id: 'closed-old',
        status: 'closed',
        severity: 'critical',
        startedAt: '2026-11-20T09:00:00Z',
      }),
      incident({ id: 'minor-new', severity: 'minor', startedAt: '2026-11-24T10:00:00Z' }),
      incident({ id: 'closed-new', status: 'closed', severity: 'minor', startedAt: '2026-11-23T09:00:00Z' }),
      incident({ id: 'critical-old', severity: 'critical', startedAt: '2026-11-24T08:00:00Z' }),
      incident({ id: 'major', severity: 'major', startedAt: '2026-11-24T11:00:00Z' }),
      incident({ id: 'critical-new', severity: 'critical', startedAt: '2026-11-24T09:00:00Z' }),
    ]);
    expect(sorted.map((item) => item.id)).toEqual([
      'critical-new',
      'critical-old',
      'major',
      'minor-new',
      'closed-new',
      'closed-old',
    ]);
  });

  it('adds a new incident in its place and replaces an updated one', () => {
    const list = [incident({ id: 'a', severity: 'minor' }), incident({ id: 'b', status: 'closed' })];
    const later = '2026-11-24T10:00:00.000Z';
    const opened = applyIncidentChange(list, incident({ id: 'c', severity: 'critical', startedAt: later }));
    expect(opened.map((item) => item.id)).toEqual(['c', 'a', 'b']);
    const closed = applyIncidentChange(
      opened,
      incident({ id: 'c', status: 'closed', closure: 'resolved', startedAt: later }),
    );
    expect(closed.map((item) => [item.id, item.status])).toEqual([
      ['a', 'open'],
      ['c', 'closed'],
      ['b', 'closed'],
    ]);
    expect(closed).toHaveLength(3);
  });

  it.each([
    [{ status: 'open' as const }, 'open'],
    [{ status: 'open' as const, acknowledgedAt: '2026-11-24T09:05:00Z' }, 'acknowledged'],
    [{ status: 'closed' as const, closure: null }, 'calm'],
    [{ status: 'closed' as const, closure: 'resolved' as const }, 'resolved'],
    [{ status: 'closed' as const, closure: 'false_alarm' as const }, 'false_alarm'],
    [{ status: 'closed' as const, closure: 'merged' as const }, 'merged'],
  ])('reads %o as %s', (overrides, key) => {
    expect(incidentStatusKey(incident(overrides))).toBe(key);
  });

  it('compares mentions with the baseline, and says nothing without one', () => {
    expect(increaseRatio({ mentionCount: 40, baselineCount: 5 })).toBe(8);
    expect(increaseRatio({ mentionCount: 40, baselineCount: 0 })).toBeNull();
  });

  it('offers the other open incidents of the same brand for a merge', () => {
    const current = incident({ id: 'current' });
    const candidates = mergeCandidates(current, [
      current,
      incident({ id: 'same-brand', topic: '' }),
      incident({ id: 'other-brand', brandId: 'brand-b' }),
      incident({ id: 'closed', status: 'closed' }),
    ]);
    expect(candidates.map((item) => item.id)).toEqual(['same-brand']);
  });
});

describe('linked conversations', () => {
  it.each([
    [{ customerName: 'Léa Martin', customerHandle: 'lea_m' }, 'Léa Martin (@lea_m)'],
    [{ customerName: 'lea_m', customerHandle: 'lea_m' }, '@lea_m'],
    [{ customerName: null, customerHandle: 'lea_m' }, '@lea_m'],
    [{ customerName: 'Léa Martin', customerHandle: null }, 'Léa Martin'],
    [{ customerName: ' ', customerHandle: null }, null],
  ])('names the customer of %o as %s', (conversation, label) => {
    expect(customerLabel(conversation)).toBe(label);
  });

  const id = '0b6f7a52-95a4-4c1e-8a53-6c1de2bb7f0e';
  it.each([
    [id, id],
    [` ${id.toUpperCase()} `, id],
    [`http://localhost:3000/inbox?view=mine&conversation=${id}`, id],
    [`/inbox?conversation=${id}`, id],
    ['not an id', null],
    [`${id}-and-more`, null],
    ['', null],
  ])('reads the conversation to link in %s', (input, expected) => {
    expect(conversationIdFrom(input)).toBe(expected);
  });
});
