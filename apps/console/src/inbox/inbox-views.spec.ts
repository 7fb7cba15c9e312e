import { type Role } from '@vigie/contracts';
import { navigationFor, parseView } from './inbox-views';

function labels(role: Role): string[] {
  return navigationFor(role).map((item) => (item.kind === 'view' ? item.view : item.section));
}

describe('navigationFor', () => {
  it.each<{ role: Role; expected: string[] }>([
    { role: 'agent', expected: ['mine', 'unassigned', 'team', 'all'] },
    { role: 'supervisor', expected: ['mine', 'unassigned', 'team', 'all', 'slaBoard'] },
    { role: 'ops', expected: ['mine', 'unassigned', 'team', 'all', 'slaBoard'] },
    { role: 'admin', expected: ['mine', 'unassigned', 'team', 'all', 'slaBoard', 'administration'] },
  ])('shows $role the sections $expected', ({ role, expected }) => {
    expect(labels(role)).toEqual(expected);
  });

  it('marks the SLA board and administration as upcoming', () => {
    const upcoming = navigationFor('admin').filter((item) => item.kind === 'upcoming');
    expect(upcoming).toHaveLength(2);
  });
});

describe('parseView', () => {
  it.each(['mine', 'unassigned', 'team', 'all'])('opens the view %s', (view) => {
    expect(parseView(view)).toBe(view);
  });

  it.each([null, '', 'slaBoard', 'MINE'])('opens "mine" for %p', (value) => {
    expect(parseView(value)).toBe('mine');
  });
});
