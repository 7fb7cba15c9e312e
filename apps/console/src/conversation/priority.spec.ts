import { type Role } from '@vigie/contracts';
import {
  canSetPriority,
  maxReasonsShown,
  readPriorityReason,
  reasonsToShow,
  settablePriorities,
} from './priority';

describe('readPriorityReason', () => {
  it.each(['urgent', 'high', 'medium', 'low'] as const)(
    'reads "set to %s by hand" as a person’s choice',
    (priority) => {
      expect(readPriorityReason(`set to ${priority} by hand`)).toEqual({ kind: 'byHand', priority });
    },
  );

  it.each([
    'complaint (+25)',
    'SLA first response breached (raised)',
    'set to critical by hand',
    'no signal (0)',
  ])('keeps "%s" as routing wrote it', (reason) => {
    expect(readPriorityReason(reason)).toEqual({ kind: 'rule', text: reason });
  });
});

describe('reasonsToShow', () => {
  it('lists every reason when there are few, in routing’s order', () => {
    expect(reasonsToShow(['set to high by hand', 'outage report (+30)'])).toEqual({
      shown: [
        { kind: 'byHand', priority: 'high' },
        { kind: 'rule', text: 'outage report (+30)' },
      ],
      hidden: 0,
    });
  });

  it('keeps the latest reasons and counts the rest: each change by hand adds one', () => {
    const reasons = [
      'set to low by hand',
      'set to urgent by hand',
      'set to high by hand',
      'negative (+10)',
      'complaint (+25)',
      'no signal (0)',
    ];
    const result = reasonsToShow(reasons);
    expect(result.shown).toHaveLength(maxReasonsShown);
    expect(result.shown[0]).toEqual({ kind: 'byHand', priority: 'low' });
    expect(result.hidden).toBe(reasons.length - maxReasonsShown);
  });

  it('is empty when routing gave no reason', () => {
    expect(reasonsToShow([])).toEqual({ shown: [], hidden: 0 });
  });
});

describe('canSetPriority', () => {
  it.each<[Role, boolean]>([
    ['agent', true],
    ['supervisor', true],
    ['admin', true],
    ['ops', false],
  ])('lets %s set the priority: %s', (role, expected) => {
    expect(canSetPriority(role)).toBe(expected);
  });

  it('offers the four bands, most pressing first', () => {
    expect(settablePriorities).toEqual(['urgent', 'high', 'medium', 'low']);
  });
});
