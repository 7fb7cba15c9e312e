import { type Role } from '@vigie/contracts';
import { navigationFor, parseView } from './inbox-views';

function labels(role: Role): string[] {
  return navigationFor(role).map((item) => (item.kind === 'view' ? item.view : item.section));
}

describe('navigationFor', () => {
  it.each<{ role: Role; expected: string[] }>([
    { role: 'agent', expected: ['all'] },
    { role: 'supervisor', expected: ['all', 'slaBoard'] },
    { role: 'ops', expected: ['all', 'slaBoard'] },
    { role: 'admin', expected: ['all', 'slaBoard', 'administration'] },
  ])('shows $role the sections $expected', ({ role, expected }) => {
    expect(labels(role)).toEqual(expected);
  });

  it('marks the SLA board and administration as upcoming', () => {
    const upcoming = navigationFor('admin').filter((item) => item.kind === 'upcoming');
    expect(upcoming).toHaveLength(2);
  });
});

describe('parseView', () => {
  it('opens the view all', () => {
    expect(parseView('all')).toBe('all');
  });

  // Views without an API behind them yet (mine, unassigned…) open "all" rather than a list that lies.
  it.each([null, '', 'slaBoard', 'ALL', 'mine', 'unassigned'])('opens "all" for %p', (value) => {
    expect(parseView(value)).toBe('all');
  });
});
